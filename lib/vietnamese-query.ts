/**
 * Reading Vietnamese typed without an input method: Telex ("ngoaij giao") and VNI ("ngoa5i giao")
 * key sequences, as researchers type them on a keyboard without Unikey, decoded to syllables.
 *
 * Kept apart from lib/vietnamese.ts (the lead's) because it is query-side guesswork: a word is
 * decoded only when it is not a plain Vietnamese syllable as written and its decoding is one.
 */
import { eld } from 'eld/small';
import { hasDiacritics } from './vietnamese.ts';

const TELEX_TONES: Readonly<Record<string, string>> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const VNI_TONES: Readonly<Record<string, string>> = { '1': '\u0301', '2': '\u0300', '3': '\u0309', '4': '\u0303', '5': '\u0323' };
/** VNI vowel-shape keys: 6 = circumflex, 7 = horn, 8 = breve, each on the vowels it can shape. */
const VNI_SHAPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '6': { a: 'â', e: 'ê', o: 'ô' },
  '7': { o: 'ơ', u: 'ư' },
  '8': { a: 'ă' },
};

/** Onset, vowel cluster and coda of a Vietnamese syllable without tone (vowel shapes kept). */
const SYLLABLE = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/u;
const VOWEL = /[aăâeêioôơuưy]/u;
const SHAPED = /[ăâêôơư]/u;

/** True when a lower-case toneless word has the shape of a Vietnamese syllable. */
function isSyllableShape(word: string): boolean {
  const m = SYLLABLE.exec(word);
  if (!m) return false;
  const [, onset, nucleus] = m;
  // "gi" and "qu" onsets need a following vowel; "gi" alone is the syllable "gi".
  return !(onset === 'qu' && nucleus === '') && nucleus !== undefined;
}

/**
 * Vowel clusters of Vietnamese syllables (after the onset; the glide of "qu"/"gi" counted in the
 * onset), and those that need a final consonant. A decoded word outside these is not Vietnamese:
 * "two" → "tưo", "we" → "ưe", "way" → "ưay", "raw" → "ră" are not syllables.
 */
const NUCLEI_OPEN = new Set(
  ('a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oai oao oay oe oeo oi ôi ơi ua uây uê ui uôi uy uya uyu ' +
    'ưa ưi ưu ươi ươu iêu yêu').split(' '),
);
const NUCLEI_CLOSED = new Set('a ă â e ê i o ô ơ u ư y iê yê oa oă oe oo uâ uê uô uy uyê ươ'.split(' '));

/** True when a toneless lower-case word is a possible Vietnamese syllable, not only its shape. */
function isVietnameseSyllable(word: string): boolean {
  const m = SYLLABLE.exec(word);
  if (!m || !isSyllableShape(word)) return false;
  const [, onset = '', nucleus = '', coda = ''] = m;
  void onset;
  return coda === '' ? NUCLEI_OPEN.has(nucleus) : NUCLEI_CLOSED.has(nucleus);
}

/** An English word's score in the language detector at or above which it is read as English. */
const ENGLISH_WORD_SCORE = 0.75;

/** True when the detector reads a word as English (typed Telex keys get no English score at all). */
function looksEnglish(word: string): boolean {
  return (eld.detect(word.toLowerCase()).getScores()['en'] ?? 0) >= ENGLISH_WORD_SCORE;
}

/**
 * True when a whole query reads as English (the detector says `en` and calls it reliable): then
 * no word of it is decoded as Telex, so "the war was over" stays English.
 */
export function isEnglishText(text: string): boolean {
  const r = eld.detect(text);
  return r.language === 'en' && r.isReliable();
}

/** Puts a tone mark on the vowel a Vietnamese writer would mark. */
function placeTone(base: string, tone: string): string {
  const chars = [...base];
  const vowelIdx = chars.map((c, i) => (VOWEL.test(c) ? i : -1)).filter((i) => i >= 0);
  // Skip the glide of "qu"/"gi" onsets.
  const start = /^(qu|gi)[aăâeêioôơuưy]/u.test(base) ? 2 : 0;
  const nucleus = vowelIdx.filter((i) => i >= start);
  const candidates = nucleus.length ? nucleus : vowelIdx;
  if (candidates.length === 0) return base;
  const shaped = candidates.filter((i) => SHAPED.test(chars[i]!));
  let target: number;
  if (shaped.length) target = shaped[shaped.length - 1]!;
  else if (candidates.length === 1) target = candidates[0]!;
  else {
    const hasCoda = candidates[candidates.length - 1]! < chars.length - 1;
    target = hasCoda || candidates.length === 3 ? candidates[1]! : candidates[0]!;
  }
  chars[target] = (chars[target]! + tone).normalize('NFC');
  return chars.join('');
}

/** Applies Telex vowel-shape keys: aa→â, aw→ă, ee→ê, oo→ô, ow→ơ, uw→ư, uow→ươ, dd→đ. */
function applyTelexShapes(word: string): string {
  return word
    .replace(/^dd/, 'đ')
    .replace(/uow/g, 'ươ')
    .replace(/aa/g, 'â')
    .replace(/ee/g, 'ê')
    .replace(/oo/g, 'ô')
    .replace(/aw/g, 'ă')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư')
    .replace(/(?<![aăâeêioôơuưy])w/gu, 'ư');
}

function decodeTelex(lower: string): string | null {
  let tone = '';
  let body = lower;
  const last = body.slice(-1);
  if (TELEX_TONES[last] && body.length > 1 && VOWEL.test(applyTelexShapes(body.slice(0, -1)))) {
    tone = TELEX_TONES[last]!;
    body = body.slice(0, -1);
  }
  const shaped = applyTelexShapes(body);
  if (!isSyllableShape(shaped)) return null;
  return tone ? placeTone(shaped, tone) : shaped;
}

function decodeVni(lower: string): string | null {
  let out = '';
  let tone = '';
  for (const ch of lower) {
    if (VNI_TONES[ch]) {
      if (tone) return null;
      tone = VNI_TONES[ch]!;
    } else if (ch === '6' || ch === '7' || ch === '8') {
      const shapes = VNI_SHAPES[ch]!;
      // "u7o7" → "ươ": the 7 may follow either vowel of the pair.
      const idx = [...out].findLastIndex((c) => shapes[c] !== undefined);
      if (idx < 0) return null;
      const chars = [...out];
      chars[idx] = shapes[chars[idx]!]!;
      out = chars.join('');
    } else if (ch === '9') {
      if (!out.startsWith('d')) return null;
      out = 'đ' + out.slice(1);
    } else if (/[a-z]/.test(ch)) out += ch;
    else return null;
  }
  if (out === lower || !isSyllableShape(out)) return null;
  return tone ? placeTone(out, tone) : out;
}

/**
 * Decodes one word typed as Telex or VNI keys into a Vietnamese syllable ("ngoaij" → "ngoại",
 * "ngoa5i" → "ngoại", "dduwowngf" → "đường"); null when the word is plain text, already has
 * diacritics, is an acronym in capitals ("WTO", "DOS"), or decodes to no Vietnamese syllable.
 */
export function decodeTypedSyllable(word: string): string | null {
  if (!/^[A-Za-z0-9]+$/.test(word) || /^\d+$/.test(word)) return null;
  if (word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word)) return null;
  const lower = word.toLowerCase();
  if (isSyllableShape(lower)) return null;
  const decoded = /\d/.test(lower) ? decodeVni(lower) : decodeTelex(lower);
  if (!decoded || !hasDiacritics(decoded)) return null;
  // Evidence that it is Vietnamese typed as keys, not English: a real syllable once decoded,
  // and not a word the language detector scores as English ("was" → "ứa", "of" → "ò").
  if (!isVietnameseSyllable(decoded.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC'))) return null;
  if (!/\d/.test(lower) && looksEnglish(lower)) return null;
  // Keep the capital of a name typed "Vieetj".
  return word[0] !== lower[0] ? decoded[0]!.toUpperCase() + decoded.slice(1) : decoded;
}
