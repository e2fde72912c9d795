/**
 * The HTML the server sends for a passage or article page: the web app's `index.html` with the
 * page's `<title>` and its citation meta tags filled in, so reference managers and crawlers that
 * run no script (Zotero's translators, Google Scholar, link previews) read them. The tags come
 * from the web app's own pure renderer (`web/src/citation-meta.ts`), the same data the browser
 * puts in the live `<head>`; this module only decides their values and where they go.
 */
import * as cheerio from 'cheerio';
import type { Article } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';
import { CITATION_META_SLOT, escapeAttribute, renderCitationMetaTags, type CitationMeta } from '../web/src/citation-meta.ts';

/** Longest description (`description` tag), in characters: what link previews show of a passage. */
export const DESCRIPTION_MAX_CHARS = 300;

/** What goes into the head of one page. */
export interface PageHead {
  /** Prefixed to the app's own title: `"<heading> — Tư liệu Ngoại giao Việt Nam"`, as the web app does. */
  heading: string;
  meta: CitationMeta;
}

/** Text cut to at most `max` characters at a word boundary, with an ellipsis when it was cut. */
export function cropText(text: string, max = DESCRIPTION_MAX_CHARS): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  // A word longer than half the budget (a URL) is cut where it is rather than dropped.
  const kept = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** The head of `/passages/:id`: the article's citation data, the passage as description. */
export function passagePageHead(passage: PassageDoc, article: Article, pageUrl: string): PageHead {
  const title = article.title || passage.title;
  return {
    heading: title,
    meta: {
      title,
      date: article.date ?? passage.date ?? null,
      publisher: article.source ?? passage.source ?? null,
      author: article.author ?? null,
      url: article.url ?? passage.url ?? null,
      language: article.language ?? 'vi',
      pageUrl,
      description: cropText(passage.text),
    },
  };
}

/** The head of `/articles/:id`: its lead (else its first passage) as description. */
export function articlePageHead(article: Article, firstPassageText: string | null, pageUrl: string): PageHead {
  return {
    heading: article.title,
    meta: {
      title: article.title,
      date: article.date ?? null,
      publisher: article.source ?? null,
      author: article.author ?? null,
      url: article.url ?? null,
      language: article.language ?? 'vi',
      pageUrl,
      description: cropText(article.lead ?? firstPassageText ?? ''),
    },
  };
}

/**
 * `index.html` with the page's title and citation tags. The parser only locates the `<title>`
 * text and the `<!--citation-meta-->` slot; the rest of the file is kept byte for byte and the
 * tags are spliced in exactly as the renderer escaped them (a re-serialising parser would
 * re-escape them its own way). A template without the slot gets the title only.
 */
export function fillPageHead(template: string, head: PageHead): string {
  const $ = cheerio.load(template, { sourceCodeLocationInfo: true });
  const edits: { start: number; end: number; text: string }[] = [];

  const title = $('head > title').get(0);
  const start = title?.sourceCodeLocation?.startTag?.endOffset;
  const end = title?.sourceCodeLocation?.endTag?.startOffset;
  if (title && start !== undefined && end !== undefined) {
    const appTitle = $(title).text().trim();
    const text = appTitle ? `${head.heading} — ${appTitle}` : head.heading;
    edits.push({ start, end, text: escapeAttribute(text) });
  }

  const slot = $('head')
    .contents()
    .toArray()
    .find((node) => node.type === 'comment' && `<!--${node.data}-->` === CITATION_META_SLOT);
  const at = slot?.sourceCodeLocation;
  if (at) edits.push({ start: at.startOffset, end: at.endOffset, text: renderCitationMetaTags(head.meta) });

  // Back to front, so earlier offsets stay valid.
  let html = template;
  for (const e of edits.sort((a, b) => b.start - a.start)) html = html.slice(0, e.start) + e.text + html.slice(e.end);
  return html;
}
