/**
 * The article title: the source's title line when it has one, else one derived from the
 * lead — its first sentence, cut at a clause boundary when long (seed 004 has no title line).
 */

/** Longest derived title, in characters, before it is cut at a clause boundary. */
export const DERIVED_TITLE_MAX = 140;

/** Removes a leading `date YYYY-MM-DD` header and a trailing ellipsis from a lead. */
function stripLeadNoise(text: string): string {
  return text
    .replace(/^\s*date\s+\d{4}-\d{2}-\d{2}\s*/i, '')
    .replace(/\s*(\.\.\.|…)\s*$/u, '')
    .trim();
}

/** The first sentence of a text (a full stop followed by a space and a capital letter ends it). */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])\s+(?=[\p{Lu}“"])/u.exec(text);
  return (m?.[1] ?? text).replace(/[.]$/, '').trim();
}

/**
 * Derives a title from a lead paragraph: its first sentence; when longer than
 * `DERIVED_TITLE_MAX`, cut at the last clause boundary (comma, semicolon, colon) before that.
 */
export function deriveTitle(lead: string): string {
  const sentence = firstSentence(stripLeadNoise(lead));
  if (sentence.length <= DERIVED_TITLE_MAX) return sentence;
  const head = sentence.slice(0, DERIVED_TITLE_MAX);
  const cut = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(': '));
  if (cut >= 40) return head.slice(0, cut).trim();
  const space = head.lastIndexOf(' ');
  return `${head.slice(0, space > 0 ? space : DERIVED_TITLE_MAX).trim()}…`;
}
