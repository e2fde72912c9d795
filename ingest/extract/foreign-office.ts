/**
 * Offices an article also gives to another country's holder ("Thủ tướng Nhật Bản", "Thủ tướng
 * Lào Sonexay Siphandone", "the Australian Prime Minister", "Japan's Prime Minister"): in such an
 * article a bare "Thủ tướng" / "the Prime Minister" may be either head of government, so the
 * title resolver must not fall back to the Vietnamese holder on the date (a wrong speaker is
 * worse than none).
 *
 * Country names come from the platform's CLDR data (`Intl.DisplayNames`, Vietnamese and English),
 * not from a hand list; only short names in everyday use that CLDR spells otherwise are added.
 *
 * @see https://cldr.unicode.org/ (territory display names)
 */
import { roleKey } from './people.ts';

/** Offices a country has one holder of at a time, as printed in Vietnamese and English, with the office they stand for. */
const OFFICES: readonly { words: string; title: string }[] = [
  { words: 'Thủ tướng', title: 'Thủ tướng' },
  { words: 'Tổng Bí thư', title: 'Tổng Bí thư' },
  { words: 'Chủ tịch nước', title: 'Chủ tịch nước' },
  { words: 'Chủ tịch Quốc hội', title: 'Chủ tịch Quốc hội' },
  { words: 'Prime Minister|PM|Premier', title: 'Thủ tướng' },
  { words: 'General Secretary|Party chief', title: 'Tổng Bí thư' },
  { words: 'President', title: 'Chủ tịch nước' },
];

/** Everyday names CLDR does not give ("Mỹ" for Hoa Kỳ, "Anh" for Vương quốc Anh, "Úc" for Australia). */
const EXTRA_NAMES = ['Mỹ', 'Anh', 'Úc', 'Hàn Quốc', 'Triều Tiên', 'Xinh-ga-po', 'Britain', 'UK', 'US', 'USA', 'Korea'];
/** Nouns that name the other side without a country: "Thủ tướng hai nước", "Thủ tướng nước bạn". */
const OTHER_SIDE_VI = ['hai nước', 'nước bạn', 'các nước', 'nước chủ nhà', 'nước ngoài'];

let countriesCache: { vi: string[]; en: string[] } | null = null;

/** Every region name CLDR knows in Vietnamese and English, Vietnam excepted, longest first. */
function countryNames(): { vi: string[]; en: string[] } {
  if (countriesCache) return countriesCache;
  const vi = new Set<string>();
  const en = new Set<string>();
  const dnVi = new Intl.DisplayNames(['vi'], { type: 'region' });
  const dnEn = new Intl.DisplayNames(['en'], { type: 'region' });
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      if (code === 'VN') continue;
      const v = dnVi.of(code);
      const e = dnEn.of(code);
      // Unknown codes come back as the code itself; skip those and the macro-regions ("Thế giới").
      if (v && v !== code && !/\d/.test(v)) vi.add(v);
      if (e && e !== code && !/\d/.test(e)) en.add(e);
    }
  }
  for (const n of EXTRA_NAMES) (/[^\x00-\x7F]/.test(n) || /^(?:Mỹ|Anh|Úc)$/u.test(n) ? vi : en).add(n);
  const byLength = (s: Set<string>) => [...s].filter((n) => !/Việt Nam|Vietnam/u.test(n)).sort((a, b) => b.length - a.length);
  countriesCache = { vi: byLength(vi), en: byLength(en) };
  return countriesCache;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let patterns: { re: RegExp; title: string }[] | null = null;

function buildPatterns(): { re: RegExp; title: string }[] {
  const { vi, en } = countryNames();
  const viNames = [...vi, ...OTHER_SIDE_VI].map(esc).join('|');
  const enNames = en.map(esc).join('|');
  // A capitalised nationality word before the office: "Australian", "Japanese", "British", "Thai", "Lao".
  const demonym = '(?!Vietnamese\\b|Deputy\\b|Former\\b|Acting\\b|Vice\\b)(?:[A-Z][a-z]+(?:an|ese|ish|sh|ch|i)|Lao|Greek|Swiss|Dutch)';
  const out: { re: RegExp; title: string }[] = [];
  for (const o of OFFICES) {
    const vietnamese = /[^\x00-\x7F]/.test(o.words) || o.words.includes('Thủ');
    if (vietnamese) {
      // "Thủ tướng Nhật Bản", "Thủ tướng nước Anh", "Thủ tướng hai nước" (not "Phó Thủ tướng").
      out.push({ re: new RegExp(`(?<![\\p{L}])(?<!Phó\\s)(?:${o.words})\\s+(?:nước\\s+)?(?:${viNames})(?![\\p{L}])`, 'gu'), title: o.title });
    } else {
      out.push({ re: new RegExp(`\\b(?<!Deputy\\s|Vice\\s)(?:${o.words})\\s+of\\s+(?:the\\s+)?(?:${enNames})\\b`, 'gu'), title: o.title });
      out.push({ re: new RegExp(`\\b(?:${enNames})(?:'s|’s)\\s+(?:${o.words})\\b`, 'gu'), title: o.title });
      out.push({ re: new RegExp(`\\b${demonym}\\s+(?:${o.words})\\b`, 'gu'), title: o.title });
    }
  }
  return out;
}

/** An office printed with another country: where, and which office (a `roleKey`). */
export interface ForeignOfficeMention {
  start: number;
  end: number;
  office: string;
}

/**
 * Where the text gives an office to a foreign holder: "Thủ tướng Lào …" → office "Thủ tướng",
 * "the Japanese Prime Minister" → "Thủ tướng". Empty for a text that speaks of Vietnam's office
 * holders only.
 */
export function findForeignOffices(text: string): ForeignOfficeMention[] {
  patterns ??= buildPatterns();
  const out: ForeignOfficeMention[] = [];
  for (const p of patterns) {
    for (const m of text.matchAll(p.re)) out.push({ start: m.index, end: m.index + m[0].length, office: roleKey(p.title) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The offices (as `roleKey`s) a text gives to a foreign holder anywhere. */
export function foreignQualifiedOffices(text: string): Set<string> {
  return new Set(findForeignOffices(text).map((m) => m.office));
}
