/**
 * Vietnamese text primitives shared by ingest, search and the evaluation tools.
 *
 * Vietnamese writes one syllable per space-separated word, and its diacritics
 * carry meaning: "bạn" (friend), "bàn" (table), "bản" (copy) and "bắn" (shoot)
 * fold to the same ASCII "ban". These helpers keep the distinction where it
 * matters (Telex keys) and drop it where it must not matter (slugs, folding).
 */

/** Tone marks (combining, after NFD) and the Telex key that types each. */
const TONE_KEYS: Readonly<Record<string, string>> = {
  '\u0300': 'f', // huyền: à
  '\u0301': 's', // sắc: á
  '\u0309': 'r', // hỏi: ả
  '\u0303': 'x', // ngã: ã
  '\u0323': 'j', // nặng: ạ
};

/** Vowel-shape marks (combining, after NFD) and the Telex key that types each. */
const SHAPE_KEYS: Readonly<Record<string, string>> = {
  '\u0302': '', // circumflex: â ê ô are typed by doubling the vowel
  '\u0306': 'w', // breve: ă
  '\u031B': 'w', // horn: ơ ư
};

/** Characters that are invisible or decorative inside a word and carry no text. */
export const INVISIBLE_CHARS = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u034F\u180E]/g;

/** Unicode NFC, the one form every stored and compared string is in. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/** Collapses every run of whitespace (NBSP included) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(INVISIBLE_CHARS, '').replace(/\s+/gu, ' ').trim();
}

/** Removes all diacritics, `đ` included: "Đại hội" → "Dai hoi". */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** A URL- and id-safe slug without diacritics: "Phạm Minh Chính" → "pham-minh-chinh". */
export function slugify(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** True when the text carries any Vietnamese diacritic (tone, vowel shape or `đ`). */
export function hasDiacritics(text: string): boolean {
  return /[đĐ]|\p{M}/u.test(text.normalize('NFD'));
}

/** One word of running text with its UTF-16 offsets in the string it came from. */
export interface Syllable {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * Splits text into syllables (maximal runs of letters, marks and digits), with offsets,
 * so that a match on a syllable maps back to whole characters of the original text.
 */
export function splitSyllables(text: string): Syllable[] {
  const out: Syllable[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Encodes one syllable as Telex keys with the tone moved to the end, lower-cased:
 * "Đại" → "ddaij", "người" → "nguwowif", and both "hoà" and "hòa" → "hoaf".
 * One ASCII token per syllable, so a search engine that folds diacritics still
 * tells "bạn" (`banj`) from "bàn" (`banf`). Words without diacritics are only lower-cased.
 */
export function toTelexSyllable(syllable: string): string {
  let out = '';
  let tone = '';
  for (const ch of syllable.toLowerCase().normalize('NFD')) {
    const toneKey = TONE_KEYS[ch];
    if (toneKey !== undefined) {
      tone = toneKey;
      continue;
    }
    const shapeKey = SHAPE_KEYS[ch];
    if (shapeKey !== undefined) {
      // â ê ô double the vowel just typed; ă ơ ư add a "w" after it.
      out += shapeKey === '' ? out.slice(-1) : shapeKey;
      continue;
    }
    if (/\p{M}/u.test(ch)) continue;
    out += ch === 'đ' ? 'dd' : ch;
  }
  return out + tone;
}

/** Telex-encodes every syllable of a text, space-separated: "bạn bè" → "banj bef". */
export function toTelex(text: string): string {
  return splitSyllables(toNfc(text))
    .map((s) => toTelexSyllable(s.text))
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Search keys: the one normalisation of text for matching, used at index time (the engine's
// twin fields), at query time (the query's keys) and by the highlighter (which passage syllables
// match). Verbatim text is never changed: keys live only in the engine's search-only fields.
// ---------------------------------------------------------------------------------------------

/** How strict a key is: `exact` keeps tones and vowel shapes (as Telex keys), `folded` drops them. */
export type KeyMode = 'exact' | 'folded';

/**
 * Format and decorative characters that glue to the word around them and carry no letter:
 * soft hyphen, ZWNJ/ZWJ, word joiner and invisible operators, BOM, combining grapheme joiner,
 * Mongolian vowel separator, variation selectors, bidi marks, emoji and other pictographs
 * (a pictograph inside a word is injected, not text). ZWSP (U+200B) is not here: a zero-width
 * space is a (visible-nowhere) word boundary.
 */
const GLUE = '[\\u00AD\\u034F\\u180E\\u200C-\\u200F\\u2060-\\u2064\\uFEFF\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}\\p{Extended_Pictographic}\\u{1F3FB}-\\u{1F3FF}]';
const GLUE_ALL = new RegExp(GLUE, 'gu');

/** A number with thousands groups: 1.500, 1 500 (space, NBSP, thin or narrow NBSP), 1.500.000. */
const GROUPED_SRC = '\\d{1,3}(?:[.\\u0020\\u00A0\\u2009\\u202F]\\d{3})+';
/** A word: letters, marks and digits, glued by format characters between them. */
const GLUED_WORD = new RegExp(`[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}]|${GLUE}+(?=[\\p{L}\\p{M}\\p{N}]))*`, 'gu');
/** Any glue character: when a text has none (most do not), the plain word pattern is enough. */
const HAS_GLUE = new RegExp(GLUE, 'u');
/** The same as `GLUED_WORD` for text without glue (the pattern `splitSyllables` uses): faster. */
const PLAIN_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** Thousands separators between digit groups. */
const THOUSANDS_SEP = /^[.\u0020\u00A0\u2009\u202F]$/u;
/** Letters next to digits in one word. */
const MIXED = /\p{N}[^\p{N}]|[^\p{N}]\p{N}/u;
const GROUPED_FULL = new RegExp(`^(?:${GROUPED_SRC})$`, 'u');
/** Letter run / digit run boundaries inside a word: "HNNG31" is "HNNG" + "31". */
const LETTERS_OR_DIGITS = /\p{N}+|[^\p{N}]+/gu;

/**
 * Look-alike letters of other scripts that legacy converters, OCR and copy-paste leave inside
 * Latin words ("Vіệt" with a Cyrillic і): read as the Latin letter they show. Only applied to a
 * word that also has Latin letters, so Russian or Greek words keep their own letters.
 */
export const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LATIN = /\p{Script=Latin}/u;
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/gu;

/**
 * Onsets after which i and y spell the same syllable (kĩ/kỹ, hi/hy, lí/lý, mĩ/mỹ, sĩ/sỹ, tì/tỳ, …):
 * the 1980s spelling reform and house styles disagree, readers do not. (`qui`/`quy` likewise.)
 */
const I_Y_SYLLABLE = /^(ch|kh|nh|ph|th|tr|[bcdđhklmnprstvx])[iy]$/u;

/**
 * Splits text into search units with their offsets: words (letters, marks and digits, where
 * format characters such as a soft hyphen or ZWJ inside a word are glue, not a break), dates
 * and grouped numbers ("1.500", "1 500" are one unit). A word that runs
 * letters into digits is two units ("HNNG31" → "HNNG", "31"; "G20" → "G", "20"), as people write
 * both. A date is its numbers ("23/9/2025" → 23, 9, 2025), keyed by value so "09" = "9". `decode` may read a word as something else first (Telex typed without an input method):
 * it gets the word without glue and returns the text to key, or null.
 */
export function keyUnits(text: string, decode?: (word: string) => string | null): (Syllable & { read?: string })[] {
  const out: (Syllable & { read?: string })[] = [];
  const words = [...text.matchAll(HAS_GLUE.test(text) ? GLUED_WORD : PLAIN_WORD)];
  for (let i = 0; i < words.length; i++) {
    const m = words[i]!;
    const raw = m[0];
    const start = m.index;
    // 1.500 / 1 500: digit groups of three after a first group of one to three, one separator
    // apart, not part of a longer number ("3.500.000" whole; "2,5" and "12.3" are not groups).
    if (raw.length <= 3 && /^\d+$/.test(raw) && !(start > 0 && /[\d.,]/.test(text[start - 1]!))) {
      let j = i;
      while (
        j + 1 < words.length &&
        /^\d{3}$/.test(words[j + 1]![0]) &&
        words[j + 1]!.index === words[j]!.index + words[j]![0].length + 1 &&
        THOUSANDS_SEP.test(text[words[j + 1]!.index - 1]!)
      ) j++;
      const end = words[j]!.index + words[j]![0].length;
      if (j > i && !/^[.,]?\d/.test(text.slice(end, end + 2)) && !/^[\p{L}]/u.test(text.slice(end, end + 1))) {
        out.push({ text: text.slice(start, end), start, end });
        i = j;
        continue;
      }
    }
    if (decode) {
      const read = decode(raw.replace(GLUE_ALL, ''));
      if (read !== null) {
        out.push({ text: raw, start, end: start + raw.length, read });
        continue;
      }
    }
    if (!MIXED.test(raw)) {
      out.push({ text: raw, start, end: start + raw.length });
      continue;
    }
    // Letters into digits: "HNNG31" → "HNNG", "31".
    for (const run of raw.matchAll(LETTERS_OR_DIGITS)) {
      const s = start + run.index;
      const t = run[0];
      if (!/^[\p{L}\p{N}]/u.test(t.replace(GLUE_ALL, ''))) continue;
      out.push({ text: t, start: s, end: s + t.length });
    }
  }
  return out;
}

/**
 * The letters of a unit as the keys see them: NFKC (mathematical and full-width letters, ligatures
 * → plain letters), glue removed, Cyrillic/Greek look-alikes inside a Latin word read as Latin and
 * any other foreign letter in it dropped, `Ð` (U+00D0, from legacy converters) read as `Đ`, and
 * i/y of a syllable made of a consonant + i/y unified (`kỹ` → `kĩ`, `hy` → `hi`).
 */
function canonicalLetters(unit: string): string {
  let s = unit.normalize('NFKC').replace(GLUE_ALL, '');
  if (LATIN.test(s) && /[^\p{Script=Latin}\p{M}\p{N}]/u.test(s)) {
    s = [...s].map((c) => CONFUSABLES[c] ?? c).join('').replace(NON_LATIN_LETTER, '');
  }
  s = s.replace(/\u00D0/g, 'Đ').replace(/\u00F0/g, 'đ').replace(/\u0189/g, 'Đ').toLowerCase().normalize('NFD');
  // Tone marks apart from the letters, so the i/y rule sees the bare syllable.
  const marks = s.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, '');
  const bare = s.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
  const unified = I_Y_SYLLABLE.test(bare) ? bare.slice(0, -1) + 'i' : bare === 'qui' ? 'quy' : bare;
  return (unified + marks).normalize('NFC');
}

/**
 * The search key of one unit (a syllable, word, date or number, as `keyUnits` cuts text):
 * `exact` → Telex keys with the tone last ("Đại" → `ddaij`; "hoà" = "hòa" → `hoaf`), `folded` →
 * lower case without any diacritic ("Đại" → `dai`). Both apply `canonicalLetters` first, so
 * spelling variants share a key; a number is keyed by value (grouped digits joined, no leading zero).
 * Always one engine token (letters and digits only), never empty for a unit with a letter or digit.
 *
 * @see search/README.md "Search keys" for each rule and why
 */
export function searchKey(unit: string, mode: KeyMode): string {
  // A pure function of a unit from a small vocabulary (Vietnamese has a few thousand syllables),
  // asked for every unit of every passage at reindex: remember a bounded number of answers.
  const memo = mode === 'exact' ? EXACT_KEYS : FOLDED_KEYS;
  let key = memo.get(unit);
  if (key === undefined) {
    key = searchKeyUncached(unit, mode);
    if (memo.size >= KEY_MEMO_MAX) memo.clear();
    memo.set(unit, key);
  }
  return key;
}

/** Units whose keys `searchKey` remembers, per mode, before it starts again. */
const KEY_MEMO_MAX = 50_000;
const EXACT_KEYS = new Map<string, string>();
const FOLDED_KEYS = new Map<string, string>();

function searchKeyUncached(unit: string, mode: KeyMode): string {
  // Numbers by value: "1.500" = "1 500" = "1500"; "09" = "9", so 23/09/2025 = 23/9/2025 = 23-9-2025.
  if (GROUPED_FULL.test(unit)) return unit.replace(/\D/g, '');
  if (/^\d+$/.test(unit)) return unit.replace(/^0+(?=\d)/, '');
  const letters = canonicalLetters(unit);
  return mode === 'exact' ? toTelexSyllable(letters) : foldDiacritics(letters).toLowerCase();
}

/** Keys of every unit of a text, space-separated: the engine's twin of a text in one mode. */
export function keyText(text: string, mode: KeyMode): string {
  return keyUnits(text)
    .map((u) => searchKey(u.text, mode))
    .filter((k) => k !== '')
    .join(' ');
}
