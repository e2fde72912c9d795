/**
 * Text fragments (`#:~:text=…`) that make the original page scroll to and highlight the
 * quoted words. Pure functions.
 * @see https://wicg.github.io/scroll-to-text-fragment/#syntax
 */

/** Passages with more words than this are linked as `textStart,textEnd` instead of whole. */
export const WHOLE_TEXT_MAX_WORDS = 12;
/** Syllables taken from each end of a long passage: enough to be unique on a news page. */
export const EDGE_WORDS = 5;

/**
 * Percent-encodes one text directive term. Beyond `encodeURIComponent`, the directive syntax
 * reserves `-` (prefix/suffix marker), `,` (start/end separator) and `&` (directive separator).
 */
export function encodeTextDirectiveTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/**
 * The `text=` directive value for a passage: whole when short, else its first and last words.
 * A truncated passage ends in a cut word ("… có Ủy vi"), which the source page does not contain
 * as a word: that last word is left out, so the directive is built on whole words.
 */
export function textDirectiveFor(passageText: string, truncated = false): string {
  const all = passageText.normalize('NFC').split(/\s+/).filter(Boolean);
  const words = truncated && all.length > 1 ? all.slice(0, -1) : all;
  if (words.length === 0) return '';
  if (words.length <= WHOLE_TEXT_MAX_WORDS) return encodeTextDirectiveTerm(words.join(' '));
  const start = words.slice(0, EDGE_WORDS).join(' ');
  const end = words.slice(-EDGE_WORDS).join(' ');
  return `${encodeTextDirectiveTerm(start)},${encodeTextDirectiveTerm(end)}`;
}

/**
 * The source URL with a text fragment for the passage. An existing `#fragment` is kept before
 * the directive (`#top:~:text=…`), as the spec allows. Returns null for a missing or non-http URL.
 */
export function sourceUrlWithTextFragment(sourceUrl: string | null | undefined, passageText: string, truncated = false): string | null {
  if (!sourceUrl) return null;
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const directive = textDirectiveFor(passageText, truncated);
  if (!directive) return url.href;
  const hash = url.hash.replace(/:~:.*$/, '');
  url.hash = '';
  return `${url.href}${hash || '#'}:~:text=${directive}`;
}
