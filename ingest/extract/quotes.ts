/**
 * Direct quotations: spans between quote marks, as pages really print them — curly pairs
 * (“…”), straight pairs ("…"), and a curly opening closed by a straight mark
 * (“… "giỏi hơn, mạnh hơn"" in seed 000), with quotes nested inside quotes.
 */
import { countWords } from './match.ts';

/** A quoted span: `start`/`end` bound the words inside the marks. */
export interface QuoteSpan {
  start: number;
  end: number;
  text: string;
}

/** All top-level quoted spans of `text`, in order (a quote inside a quote is not listed twice). */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: { start: number; end: number }[] = [];
  const used = new Set<number>();
  // Curly openings first: each closes at the next ”, or failing that at the last straight mark before the next “.
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '“') continue;
    const nextOpen = text.indexOf('“', i + 1);
    const limit = nextOpen === -1 ? text.length : nextOpen;
    let close = text.indexOf('”', i + 1);
    if (close === -1 || close > limit) {
      close = text.lastIndexOf('"', limit - 1);
      if (close <= i) continue;
    }
    spans.push({ start: i + 1, end: close });
    used.add(i);
    used.add(close);
    i = close;
  }
  // Remaining straight marks pair up in order, outside the curly spans.
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"' || used.has(i)) continue;
    if (spans.some((s) => i >= s.start && i < s.end)) continue;
    if (open === -1) open = i;
    else {
      spans.push({ start: open + 1, end: i });
      open = -1;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const top = spans.filter((s) => !spans.some((o) => o !== s && o.start <= s.start && s.end <= o.end && (o.start !== s.start || o.end !== s.end)));
  return top
    .map((s) => ({ ...s, text: text.slice(s.start, s.end).trim() }))
    .filter((s) => s.text.length > 0);
}

/** Minimum length for a quoted span to count as a quotation rather than a quoted term ("4 đồng"). */
export const MIN_QUOTE_WORDS = 5;

/** True when the quoted span is long enough to be a quotation. */
export function isQuotation(span: QuoteSpan): boolean {
  return countWords(span.text) >= MIN_QUOTE_WORDS;
}

/**
 * True when a paragraph is essentially a direct quotation: it opens with a quote mark and the
 * quote covers most of it, or all that follows is a short attribution ("- Thủ tướng nói").
 */
export function isQuoteParagraph(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[“"]/.test(trimmed)) return false;
  const first = findQuoteSpans(trimmed)[0];
  if (!first || first.start > 1 || !isQuotation(first)) return false;
  const rest = trimmed.slice(first.end + 1).replace(/^[”"]+/, '').trim();
  return first.text.length >= 0.6 * trimmed.length || rest.length <= 60;
}
