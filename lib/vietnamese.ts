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
