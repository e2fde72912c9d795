/**
 * The article title: the source's title line when it has one, else one derived from the
 * lead — its first sentence without the dateline opener ("Sáng 15/12, tại Hà Nội, "), outlet
 * tags ("(TBTCO) - ", "LTS: ") and parentheticals, cut at a clause boundary when long
 * (seed 004 and several web excerpts have no title line).
 */

/** Longest derived title, in characters, before it is cut at a clause boundary. */
export const DERIVED_TITLE_MAX = 180;
const MIN_CUT = 30;

/** Removes header and dateline furniture from the start of a lead, and a trailing ellipsis. */
function stripLeadNoise(text: string): string {
  let t = text
    .replace(/^\s*date\s+\d{4}-\d{2}-\d{2}\s*/i, '')
    .replace(/^\s*(LTS|\([\p{Lu}\p{N}&.]{2,12}\)|[\p{Lu}]{2,8})\s*[:\-–]\s*/u, '')
    .replace(/\s*(\.\.\.|…)\s*$/u, '')
    .trim();
  // "Sáng 15/12, tại Hà Nội, …", "Ngày 10/11, …": the date belongs to the dateline, not the title.
  const opener = /^(?:(?:Sáng|Chiều|Trưa|Tối|Đêm)\s+)?(?:nay,?\s+)?(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{4})?,\s*(?:tại\s+[\p{Lu}][^,]{0,40},\s*)?/iu.exec(t);
  if (opener && t.length - opener[0].length > 30) t = t.slice(opener[0].length);
  t = t.replace(/\s*\([^()]{0,60}\)/g, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The first sentence of a text (a full stop followed by a space and a capital letter ends it). */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])\s+(?=[\p{Lu}“"])/u.exec(text);
  return (m?.[1] ?? text).replace(/[.]$/, '').trim();
}

/**
 * Clause boundaries outside quotation marks: punctuation (", " "; " ": ") and, separately,
 * the words that open a subordinate clause (" là ", " với ", " nhằm ", " để ").
 */
function clauseBoundaries(text: string): { punct: number[]; words: number[] } {
  const punct: number[] = [];
  const words: number[] = [];
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '“' || ch === '”' || ch === '"') inQuote = ch === '“' ? true : ch === '”' ? false : !inQuote;
    if (inQuote) continue;
    if ((ch === ',' || ch === ';' || ch === ':') && text[i + 1] === ' ') punct.push(i);
    else if (ch === ' ' && /^ (là|với|nhằm|để|khi|sau khi) /u.test(text.slice(i, i + 10))) words.push(i);
  }
  return { punct, words };
}

/**
 * Derives a title from a lead paragraph: its first sentence, cleaned of dateline furniture;
 * when longer than `DERIVED_TITLE_MAX`, cut at the last punctuation boundary outside quotes,
 * else before the first subordinate clause ("… diễn ra từ ngày 18-23/12 là dịp …").
 */
export function deriveTitle(lead: string): string {
  const sentence = firstSentence(stripLeadNoise(lead));
  if (sentence.length <= DERIVED_TITLE_MAX) return sentence;
  const { punct, words } = clauseBoundaries(sentence);
  const inRange = (i: number) => i >= MIN_CUT && i <= DERIVED_TITLE_MAX;
  const cut = punct.filter(inRange).pop() ?? words.find(inRange);
  if (cut !== undefined) return sentence.slice(0, cut).trim();
  const head = sentence.slice(0, DERIVED_TITLE_MAX);
  const space = head.lastIndexOf(' ');
  return `${head.slice(0, space > 0 ? space : DERIVED_TITLE_MAX).trim()}…`;
}
