/**
 * Garbled Vietnamese text and its exact repairs. Each repair undoes one known accident and is
 * kept only when it is exact: the repaired text, turned back the way the accident went, gives
 * the garbled text again byte for byte (the round-trip check). What each one undoes:
 *
 * - `mojibake`: UTF-8 bytes read as Windows-1252 (or Latin-1) and saved again:
 *   "Bá»™ Ngoáº¡i giao" ← "Bộ Ngoại giao".
 * - `tcvn3`, `viscii`, `windows-1258`: text in a legacy Vietnamese code page shown as
 *   Windows-1252 and saved as Unicode (the classic .VnTime / ABC font case):
 *   "Héi nghÞ Ngo¹i giao" ← "Hội nghị Ngoại giao". The code pages come from iconv-lite.
 * - `vni`: text typed with a VNI font (VNI-Times), where a letter is a base letter plus a
 *   Windows-1252 character standing for its marks: "Hoäi nghò Ngoaïi giao". No maintained
 *   library decodes VNI, so its table is written out below, built from its two axes
 *   (vowel shape × tone) rather than listed letter by letter.
 *
 * @see https://github.com/ashtuchkin/iconv-lite (tcvn, viscii, windows1258, windows1252 tables)
 * @see https://vietunicode.sourceforge.net/charset/ (the TCVN3, VNI and VISCII charts)
 */
import iconv from 'iconv-lite';

/** The accidents this module can undo. */
export type LegacyRepair = 'mojibake' | 'tcvn3' | 'viscii' | 'windows-1258' | 'vni';

/** The outcome of one repair attempt. */
export interface RepairAttempt {
  repair: LegacyRepair;
  /** The text with every repairable piece repaired (NFC). */
  text: string;
  /** How many pieces (multi-byte sequences, characters) were changed. */
  changed: number;
  /** True when every piece that looked garbled was repaired and the round trip gives the input back. */
  exact: boolean;
  /** When not exact: the first piece that could not be repaired, with its line (1-based). */
  broken?: { line: number; sample: string };
}

// ── Windows-1252 as a byte ↔ character table (from iconv-lite) ──────────────────────────

/** Character → byte for 0x80–0xFF as Windows-1252 shows it; its 5 undefined bytes and all of C1 as Latin-1 shows them. */
const CP1252_BYTE = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) {
  let ch = iconv.decode(Buffer.from([b]), 'windows1252');
  if (ch === '\uFFFD') ch = String.fromCharCode(b);
  CP1252_BYTE.set(ch, b);
  // A Latin-1 reader (ISO-8859-1) shows 0x80–0x9F as C1 controls instead.
  if (b < 0xa0) CP1252_BYTE.set(String.fromCharCode(b), b);
}

function charClass(from: number, to: number): string {
  let out = '';
  for (const ch of new Set([...CP1252_BYTE].filter(([, b]) => b >= from && b <= to).map(([c]) => c))) {
    out += ch.replace(/[\\\]^-]/g, '\\$&');
  }
  return `[${out}]`;
}

// ── mojibake: UTF-8 read as Windows-1252 ───────────────────────────────────────────────

const CONT = charClass(0x80, 0xbf);
const LEAD2 = charClass(0xc2, 0xdf);
const LEAD3 = charClass(0xe0, 0xef);
const LEAD4 = charClass(0xf0, 0xf4);
/** A run of complete UTF-8 sequences as Windows-1252 shows them. */
const MOJIBAKE_RUN = new RegExp(`(?:${LEAD2}${CONT}|${LEAD3}${CONT}{2}|${LEAD4}${CONT}{3})+`, 'gu');
/** A quick test for any UTF-8 lead byte followed by a continuation byte, as Windows-1252 shows them. */
export const MOJIBAKE_HINT = new RegExp(`(?:${LEAD2}|${LEAD3}|${LEAD4})${CONT}`, 'u');
/** A lead byte followed by too few continuation bytes: one was lost (replaced by "?", dropped). */
const MOJIBAKE_BROKEN = new RegExp(`${LEAD3}${CONT}(?!${CONT})|${LEAD4}${CONT}{1,2}(?!${CONT})`, 'u');
/** What a repaired sequence may decode to: Latin letters (Vietnamese included), marks, punctuation, symbols. */
const PLAUSIBLE = /^[\u00A0-\u024F\u0300-\u036F\u1E00-\u1EFF\u2000-\u206F\u20A0-\u20CF\u2100-\u214F]+$/u;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Repairs every UTF-8-as-Windows-1252 sequence; repeats for text garbled twice (at most 3 rounds). */
export function repairMojibake(text: string): RepairAttempt {
  let current = text;
  let changed = 0;
  for (let round = 0; round < 3; round++) {
    let roundChanged = 0;
    const next = current.replace(MOJIBAKE_RUN, (run) => {
      const bytes = Uint8Array.from([...run].map((c) => CP1252_BYTE.get(c)!));
      let decoded: string;
      try {
        decoded = STRICT_UTF8.decode(bytes);
      } catch {
        return run;
      }
      if (!PLAUSIBLE.test(decoded)) return run;
      // Round trip: the repaired text encodes to the very bytes the run stood for.
      if (Buffer.compare(Buffer.from(decoded, 'utf8'), bytes) !== 0) return run;
      roundChanged += 1;
      return decoded;
    });
    if (roundChanged === 0) break;
    changed += roundChanged;
    current = next;
  }
  const brokenAt = changed > 0 ? MOJIBAKE_BROKEN.exec(current) : null;
  return {
    repair: 'mojibake',
    text: current.normalize('NFC'),
    changed,
    exact: brokenAt === null,
    ...(brokenAt ? { broken: where(current, brokenAt.index, brokenAt[0].length) } : {}),
  };
}

// ── a single-byte Vietnamese code page shown as Windows-1252 ───────────────────────────

const CODE_PAGES: Record<'tcvn3' | 'viscii' | 'windows-1258', { iconv: string; from: number }> = {
  // TCVN3 (ABC) puts its letters at 0xA1–0xFF; 0x80–0x9F stay Windows punctuation in .Vn fonts.
  tcvn3: { iconv: 'tcvn', from: 0xa0 },
  viscii: { iconv: 'viscii', from: 0x80 },
  'windows-1258': { iconv: 'windows1258', from: 0x80 },
};

/** Reads the Windows-1252 characters of `text` as the bytes they were, in code page `repair`. */
export function reinterpretCodePage(text: string, repair: 'tcvn3' | 'viscii' | 'windows-1258'): RepairAttempt {
  const cp = CODE_PAGES[repair];
  const bytes: number[] = [];
  const chars = [...text];
  const mapped: (number | null)[] = chars.map((c) => {
    const b = c.charCodeAt(0) >= 0x80 ? CP1252_BYTE.get(c) : undefined;
    if (b === undefined || b < cp.from) return null;
    bytes.push(b);
    return b;
  });
  if (bytes.length === 0) return { repair, text, changed: 0, exact: false };
  // One decode of all the bytes by the library, then one character per byte (these code pages are single-byte).
  const decoded = [...iconv.decode(Buffer.from(bytes), cp.iconv)];
  let out = '';
  let k = 0;
  let broken: RepairAttempt['broken'];
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (mapped[i] === null) out += c;
    else {
      const d = decoded[k++] ?? '\uFFFD';
      if (d === '\uFFFD' && !broken) broken = where(text, offset, c.length);
      out += d === '\uFFFD' ? c : d;
    }
    offset += c.length;
  }
  const exact = !broken && decoded.length === bytes.length && Buffer.compare(iconv.encode(decoded.join(''), cp.iconv), Buffer.from(bytes)) === 0;
  return { repair, text: out.normalize('NFC'), changed: bytes.length, exact, ...(broken ? { broken } : {}) };
}

// ── VNI ─────────────────────────────────────────────────────────────────────────────

const TONE = { none: '', acute: '\u0301', grave: '\u0300', hook: '\u0309', tilde: '\u0303', dot: '\u0323' } as const;
type Tone = keyof typeof TONE;
const SHAPE = { none: '', circumflex: '\u0302', breve: '\u0306' } as const;
type Shape = keyof typeof SHAPE;

/** VNI's mark characters (lower-case forms; upper-case letters take the upper-case mark). */
const VNI_MARKS: readonly [string, Shape, Tone][] = [
  ['ù', 'none', 'acute'], ['ø', 'none', 'grave'], ['û', 'none', 'hook'], ['õ', 'none', 'tilde'], ['ï', 'none', 'dot'],
  ['â', 'circumflex', 'none'], ['á', 'circumflex', 'acute'], ['à', 'circumflex', 'grave'], ['å', 'circumflex', 'hook'], ['ã', 'circumflex', 'tilde'], ['ä', 'circumflex', 'dot'],
  ['ê', 'breve', 'none'], ['é', 'breve', 'acute'], ['è', 'breve', 'grave'], ['ú', 'breve', 'hook'], ['ü', 'breve', 'tilde'], ['ë', 'breve', 'dot'],
];
/** Characters that stand alone for a letter: ơ ư đ and the i/y letters VNI codes in one byte. */
const VNI_SINGLES: readonly [string, string][] = [
  ['ô', 'ơ'], ['ö', 'ư'], ['ñ', 'đ'], ['í', 'í'], ['ì', 'ì'], ['æ', 'ỉ'], ['ó', 'ĩ'], ['ò', 'ị'], ['î', 'ỵ'],
];

/** VNI sequence (base + mark, or a single) → the letter, both cases. */
const VNI_TO_UNICODE = new Map<string, string>();
for (const lower of [true, false]) {
  const cs = (s: string) => (lower ? s : s.toUpperCase());
  for (const [mark, shape, tone] of VNI_MARKS) {
    for (const base of ['a', 'e', 'o', 'u', 'y']) {
      if (shape === 'breve' && base !== 'a') continue;
      if (shape === 'circumflex' && !'aeo'.includes(base)) continue;
      if (shape === 'none' && tone === 'none') continue;
      VNI_TO_UNICODE.set(cs(base) + cs(mark), (cs(base) + SHAPE[shape] + TONE[tone]).normalize('NFC'));
    }
    // ơ and ư (single characters in VNI) take a tone mark after them.
    if (shape === 'none') {
      for (const [single, letter] of VNI_SINGLES.slice(0, 2)) VNI_TO_UNICODE.set(cs(single) + cs(mark), (cs(letter) + TONE[tone]).normalize('NFC'));
    }
  }
  for (const [single, letter] of VNI_SINGLES) VNI_TO_UNICODE.set(cs(single), cs(letter));
}
const UNICODE_TO_VNI = new Map([...VNI_TO_UNICODE].map(([vni, letter]) => [letter, vni]));
const VNI_SEQUENCE = new RegExp(
  [...VNI_TO_UNICODE.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')).join('|'),
  'gu',
);

/** Decodes VNI font text; exact when encoding the result back to VNI gives the input. */
export function decodeVni(text: string): RepairAttempt {
  let changed = 0;
  const out = text.replace(VNI_SEQUENCE, (seq) => {
    changed++;
    return VNI_TO_UNICODE.get(seq)!;
  });
  const back = [...out].map((c) => UNICODE_TO_VNI.get(c) ?? c).join('');
  const exact = changed > 0 && back === text;
  let broken: RepairAttempt['broken'];
  if (!exact && changed > 0) {
    let i = 0;
    while (i < text.length && text[i] === back[i]) i++;
    broken = where(text, i, 3);
  }
  return { repair: 'vni', text: out.normalize('NFC'), changed, exact, ...(broken ? { broken } : {}) };
}

// ── helpers ────────────────────────────────────────────────────────────────────────

function where(text: string, index: number, length: number): { line: number; sample: string } {
  const line = text.slice(0, index).split('\n').length;
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 1)) + 1);
  const to = text.indexOf(' ', index + length);
  return { line, sample: text.slice(from, to === -1 ? Math.min(text.length, index + 24) : Math.min(to, from + 40)).trim() };
}
