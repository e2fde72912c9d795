/**
 * How much of a text reads as Vietnamese syllables: the yardstick the decoder uses to choose
 * between candidate decodings and to tell a garbled file (mojibake, a legacy font read as
 * Windows-1252) from a correct one. It is a structural check (onset + nucleus + coda, at most one
 * tone mark), not a dictionary: "Ngoại" passes, "Ngoáº¡i", "Ngo¹i" and "Ngoaïi" do not.
 *
 * @see https://en.wikipedia.org/wiki/Vietnamese_phonology#Syllables (the syllable structure)
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

// Longest alternatives first, so "ngh" wins over "ng" and "iêu" over "iê".
const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'ch', 'nh', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x'];
const NUCLEI = [
  'iêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyê', 'uyu', 'yêu', 'oao',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ưu', 'ươ', 'yê',
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
];
const CODAS = ['ch', 'ng', 'nh', 'c', 'm', 'n', 'p', 't'];
const SYLLABLE = new RegExp(`^(?:${ONSETS.join('|')})?(?:${NUCLEI.join('|')})(?:${CODAS.join('|')})?$`, 'u');

/** Punctuation that may wrap a word in running text; stripped before the check. */
const EDGE_PUNCTUATION = /^[\s"'“”‘’«»()[\]{}.,;:!?…–—\-/*]+|[\s"'“”‘’«»()[\]{}.,;:!?…–—\-/*]+$/gu;

/** Answers by word: a text repeats a few thousand distinct syllables, so most checks are a lookup. */
const verdicts = new Map<string, boolean>();
const MAX_CACHED = 50_000;

/** True when `word` (one syllable, any case, NFC or NFD) has the shape of a Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const known = verdicts.get(word);
  if (known !== undefined) return known;
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_MARKS)?.length ?? 0;
  const verdict = tones <= 1 && SYLLABLE.test(nfd.replace(TONE_MARKS, '').normalize('NFC'));
  if (verdicts.size >= MAX_CACHED) verdicts.clear();
  verdicts.set(word, verdict);
  return verdict;
}

/** What `vietnameseValidity` counted. */
export interface Validity {
  /** Words with a character outside ASCII (the only ones a wrong decoding can change). */
  words: number;
  /** How many of those are well-formed Vietnamese syllables. */
  valid: number;
  /** `valid / words`, 1 when there is no such word. */
  ratio: number;
}

/**
 * Checks every word (split at whitespace, hyphens, slashes and apostrophes: "Mát-xcơ-va" is three syllables, "country’s" none) that has a non-ASCII character (punctuation at its
 * edges removed; words with a digit skipped). Not splitting on other symbols is
 * deliberate: mojibake and legacy-font text put symbols (`»`, `¹`, `™`) inside words.
 */
export function vietnameseValidity(text: string, limitWords = 20_000): Validity {
  let words = 0;
  let valid = 0;
  for (const raw of text.split(/[\s\-‐–/'’ʼ]+/u)) {
    if (words >= limitWords) break;
    // eslint-disable-next-line no-control-regex
    if (!/[^\u0000-\u007f]/u.test(raw) || /\d/u.test(raw)) continue;
    const word = raw.replace(EDGE_PUNCTUATION, '');
    if (word === '') continue;
    words++;
    if (isVietnameseSyllable(word)) valid++;
  }
  return { words, valid, ratio: words === 0 ? 1 : valid / words };
}
