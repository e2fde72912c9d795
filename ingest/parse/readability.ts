/**
 * Mozilla Readability (Firefox Reader View's algorithm) on a light DOM (linkedom), used as the
 * body locator of pages that mark no body container (`<article>`, `<main>`, `articleBody`): it
 * scores the page's text nodes by density, commas and class names and returns the article's
 * text, which the HTML parser uses to choose among its own blocks. The blocks, their spans and
 * their text stay the parser's (verbatim); Readability only says which ones are the article.
 * Measured against the parser's own rules in BENCHMARKS.md ("Readability as the body locator").
 *
 * @see https://github.com/mozilla/readability (the algorithm and its options)
 * @see https://github.com/WebReflection/linkedom (the DOM it runs on: no layout, no scripts)
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeSpace } from '../../lib/vietnamese.ts';

/** What Readability reads as the article: its text and its headline, whitespace-normalised (NFC). */
export interface LocatedArticle {
  text: string;
  /** The headline Readability settles on (from `<title>`, Open Graph or the `<h1>`), or ''. */
  title: string;
}

/** The article Readability finds in a page, or null when it finds none. */
export function readabilityText(html: string): LocatedArticle | null {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as Document).parse();
    const text = normalizeSpace((article?.textContent ?? '').normalize('NFC'));
    return text === '' ? null : { text, title: normalizeSpace((article?.title ?? '').normalize('NFC')) };
  } catch {
    // Readability throws on documents it cannot walk (no <body>, odd nesting): the parser's own rules stand.
    return null;
  }
}
