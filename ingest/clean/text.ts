/**
 * Text helpers of the cleaner: normalisation and the verbatim view of a span.
 *
 * The verbatim rule: cleaning removes, it never rewrites. Every `CleanBlock.text` is the
 * visible text of its span in the source (`spanText`), whitespace-normalised, minus what was
 * cut at its edges (table pipes, a photo credit, an agency tag).
 */
import { normalizeSpace } from '../../lib/vietnamese.ts';
import { htmlText } from '../parse/html.ts';
import { mdastText, parseMarkdownTree } from '../parse/markdown.ts';
import type { SourceDocument, Span } from '../types.ts';

/** Invisible or decorative characters beyond `INVISIBLE_CHARS`: variation selectors, bidi controls, line/paragraph separators. */
const MORE_INVISIBLE = /[\uFE00-\uFE0F\u202A-\u202E\u2066-\u2069\u061C]/g;

/** `normalizeSpace` plus the other invisible characters found inside words of web copies. */
export function normalizeText(text: string): string {
  return normalizeSpace(text.replace(MORE_INVISIBLE, ''));
}

/** The visible, normalised text of a span: the plain text for .txt, the rendered text for .md and .html. */
export function spanText(src: SourceDocument, span: Span): string {
  const slice = src.text.slice(span.start, span.end);
  if (src.format === 'md') return normalizeText(mdastText(parseMarkdownTree(slice)));
  if (src.format === 'html') return normalizeText(htmlText(slice));
  return normalizeText(slice);
}

/** Sentence-final punctuation, closing quotes and brackets included. */
export const TERMINAL = /[.!?…:;"”’»)\]。！？：；」』）]$/u;

/** Scripts written without spaces between words: each character counts as a word (a fair proxy for length). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

/** Number of words: space-separated words, and characters of scripts written without spaces (Chinese, Japanese, Thai). */
export function wordCount(text: string): number {
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  const spaced = text.replace(UNSPACED, ' ').split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return spaced + Math.ceil(unspaced / 2);
}

/** True when the first letter of the text is lower-case (a line that continues a sentence). */
export function startsLower(text: string): boolean {
  const m = /\p{L}/u.exec(text);
  return !!m && m[0] === m[0].toLowerCase() && m[0] !== m[0].toUpperCase();
}

/** True when every letter is upper-case ("CHÍNH PHỦ", "VỀ KẾ HOẠCH …"). */
export function isUpperCase(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase();
}
