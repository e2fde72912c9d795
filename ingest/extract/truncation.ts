/**
 * Truncated excerpts: a source that breaks off (a page saved before it finished loading, a
 * copy cut at a length limit, a teaser ending in "…") leaves its last passage mid-word or
 * mid-sentence: "Về phía Bộ Ngoại giao, có Ủy vi", "… đồng thời g", "… lần này...". Such a
 * passage is flagged, so it is shown with "[…]" and cited as an excerpt rather than as the
 * speaker's whole statement.
 *
 * Only the end of the source can be cut this way, so only the last passage of running text is
 * examined (captions and headings are not running text). It is truncated when it ends
 * - without sentence-final punctuation (`.` `!` `?` `…`, optionally followed by closing quotes
 *   or brackets), or
 * - on an ellipsis (`...`, `…`): the source itself marks that it goes on, or
 * - on a comma, semicolon, colon or dash: a sentence or list announced and not given.
 * A list item may end bare (bullets often carry no full stop), so a list item is truncated only
 * on an ellipsis, a comma, a semicolon, a colon or a dash. A line of fewer than four words (a
 * place name, a sign-off) is a label, not a sentence, and is never flagged.
 */
import type { PassageKind } from '../types.ts';

/** Words a passage needs before a missing full stop means it was cut. */
export const MIN_SENTENCE_WORDS = 4;

/** Closing quotes and brackets that may follow sentence-final punctuation. */
const CLOSERS = /[”’"'»)\]}\s]+$/u;

/** True when a passage's text breaks off (see the module comment for the rule). */
export function endsTruncated(text: string, kind: PassageKind): boolean {
  const trimmed = text.trim();
  if (trimmed.split(/\s+/).length < MIN_SENTENCE_WORDS) return false;
  const bare = trimmed.replace(CLOSERS, '');
  if (/(?:\.\.\.|…)$/u.test(bare)) return true;
  if (/[,;:\-–—]$/u.test(bare)) return true;
  if (kind === 'list-item') return false;
  return !/[.!?]$/u.test(bare);
}

/**
 * Flags per passage (same order): at most one, the last passage of running text, and only when
 * it ends truncated.
 */
export function truncatedFlags(passages: readonly { text: string; kind: PassageKind }[]): boolean[] {
  const flags = passages.map(() => false);
  for (let i = passages.length - 1; i >= 0; i--) {
    const p = passages[i] as { text: string; kind: PassageKind };
    if (p.kind === 'caption' || p.kind === 'heading') continue;
    flags[i] = endsTruncated(p.text, p.kind);
    break;
  }
  return flags;
}
