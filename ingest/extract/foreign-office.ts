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

/** Office words, Vietnamese and English, not after "Phó"/"Deputy"/"Vice" (a deputy is another office). */
const OFFICE_WORDS = new RegExp(
  `(?<![\\p{L}])(?<!Phó\\s|Deputy\\s|Vice\\s)(${OFFICES.map((o) => o.words).join('|')})(?![\\p{L}])`,
  'gu',
);
const TITLE_OF = new Map<string, string>(OFFICES.flatMap((o) => o.words.split('|').map((w) => [w, o.title] as [string, string])));
/** A capitalised nationality word right before the office: "Australian", "Japanese", "British", "Thai", "Lao". */
const DEMONYM_BEFORE = /(?<![\p{L}])(?!Vietnamese\b|Deputy\b|Former\b|Acting\b|Vice\b)(?:[A-Z][a-z]+(?:an|ese|ish|sh|ch|i)|Lao|Greek|Swiss|Dutch)\s+$/u;

/** True when `text` starts with one of `names` followed by a non-letter. */
function startsWithName(text: string, names: readonly string[]): boolean {
  for (const n of names) if (text.startsWith(n) && !/^\p{L}/u.test(text.slice(n.length))) return true;
  return false;
}

/** True when `text` ends with one of `names` preceded by a non-letter. */
function endsWithName(text: string, names: readonly string[]): boolean {
  for (const n of names) if (text.endsWith(n) && !/\p{L}$/u.test(text.slice(0, -n.length))) return true;
  return false;
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
  const out: ForeignOfficeMention[] = [];
  OFFICE_WORDS.lastIndex = 0;
  for (const m of text.matchAll(OFFICE_WORDS)) {
    const word = m[1]!;
    const title = TITLE_OF.get(word)!;
    const start = m.index;
    let end = start + m[0].length;
    const after = text.slice(end, end + 80);
    const { vi, en } = countryNames();
    let foreign = false;
    if (/[^\x00-\x7F]/.test(word)) {
      // "Thủ tướng Nhật Bản", "Thủ tướng nước Anh", "Thủ tướng hai nước".
      const rest = /^\s+(?:nước\s+)?/u.exec(after);
      if (rest && (startsWithName(after.slice(rest[0].length), vi) || startsWithName(after.slice(rest[0].length), OTHER_SIDE_VI))) {
        foreign = true;
        end += rest[0].length;
      }
    } else {
      const of = /^\s+of\s+(?:the\s+)?/u.exec(after);
      const before = text.slice(Math.max(0, start - 60), start);
      if (of && startsWithName(after.slice(of[0].length), en)) foreign = true;
      else if (/(?:'s|’s)\s+$/u.test(before) && endsWithName(before.replace(/(?:'s|’s)\s+$/u, ''), en)) foreign = true;
      else if (DEMONYM_BEFORE.test(before)) foreign = true;
    }
    if (foreign) out.push({ start, end, office: roleKey(title) });
  }
  return out;
}

/** The offices (as `roleKey`s) a text gives to a foreign holder anywhere. */
export function foreignQualifiedOffices(text: string): Set<string> {
  return new Set(findForeignOffices(text).map((m) => m.office));
}
