/**
 * Keyword in context (a concordance): every match of a search as one line — the words before,
 * the match, the words after — so a reader scans how a term is used, aligned on the match, as in
 * Voyant's Contexts and Sketch Engine's concordance. Matches are the syllables the search itself
 * marks (the same folding, variants and phrases as /api/search), widened to whole syllables;
 * contexts are a fixed number of whole words on each side, cut only at spaces.
 * @see https://voyant-tools.org/docs/#!/guide/contexts
 * @see https://www.sketchengine.eu/guide/concordance-a-tool-to-search-a-corpus/
 */

/** One concordance line of a passage. */
export interface KwicSpan {
  left: string;
  match: string;
  right: string;
  /** Offset of the match in the passage text (UTF-16), for ordering lines of one passage. */
  start: number;
  /** True when `right` runs to the end of the passage (nothing after it was left out). */
  atEnd: boolean;
}

const ENTITY = /&#(\d+);|&(amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(html: string): string {
  return html.replace(ENTITY, (_m, code: string | undefined, name: string | undefined) => (code ? String.fromCharCode(Number(code)) : NAMED[name as string] ?? ''));
}

/**
 * The marked ranges of a highlighted passage (`<mark>` around matches, the rest HTML-escaped) as
 * offsets into its plain text. Null when the highlighted text is not the passage text.
 */
export function markedRanges(text: string, highlighted: string): { start: number; end: number }[] | null {
  const ranges: { start: number; end: number }[] = [];
  let plain = '';
  let open = -1;
  for (const part of highlighted.split(/(<\/?mark>)/)) {
    if (part === '<mark>') open = plain.length;
    else if (part === '</mark>') {
      if (open >= 0) ranges.push({ start: open, end: plain.length });
      open = -1;
    } else plain += unescape(part);
  }
  return plain === text ? ranges : null;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Widens a range to whole syllables and trims punctuation and spaces off its ends. */
export function wholeSyllables(text: string, r: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = r;
  while (start > 0 && WORD_CHAR.test(text[start - 1] as string)) start--;
  while (end < text.length && WORD_CHAR.test(text[end] as string)) end++;
  while (start < end && !WORD_CHAR.test(text[start] as string)) start++;
  while (end > start && !WORD_CHAR.test(text[end - 1] as string)) end--;
  return { start, end };
}

/** The last `n` whitespace-separated words of a text (whole words; spacing normalised). */
export function lastWords(text: string, n: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(Math.max(0, words.length - n)).join(' ');
}

/** The first `n` whitespace-separated words of a text. */
export function firstWords(text: string, n: number): string {
  return text.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
}

/**
 * Concordance lines of one passage: one per marked range, with `width` whole words on each side.
 * A word cut by the match boundary cannot happen: ranges are widened to whole syllables first.
 */
export function kwicSpans(text: string, highlighted: string, width: number): KwicSpan[] {
  const ranges = markedRanges(text, highlighted);
  if (!ranges) return [];
  const out: KwicSpan[] = [];
  for (const raw of ranges) {
    const r = wholeSyllables(text, raw);
    if (r.end <= r.start) continue;
    if (out.length && out[out.length - 1]!.start === r.start) continue;
    // Punctuation glued to the match ("“ngoại giao”,") counts as a word of the context on its side.
    const after = text.slice(r.end);
    out.push({ left: lastWords(text.slice(0, r.start), width), match: text.slice(r.start, r.end), right: firstWords(after, width), start: r.start, atEnd: after.split(/\s+/).filter(Boolean).length <= width });
  }
  return out;
}

/** Sort keys: the left context read from the match outwards, the right context read onwards. */
export function leftKey(left: string): string {
  return left.toLowerCase().split(/\s+/).reverse().join(' ');
}
