/**
 * HTML parser (cheerio on parse5, with source locations): a saved news page → the article's
 * blocks, each spanning its element in the source file.
 *
 * The article is the `<article>` (else `<main>`, else `[itemprop=articleBody]`, else the body);
 * navigation, site header/footer, asides, scripts, styles and forms are never read. Page
 * `<title>` and Open Graph tags become meta. A page whose content has no paragraph text is
 * rejected: it is a list page, a login wall or an error page, not an article.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { normalizeSpace } from '../../lib/vietnamese.ts';
import { parseDateline } from '../clean/dateline.ts';
import { IngestError } from '../errors.ts';
import type { ParsedDocument, RawBlock, RawBlockKind, SourceDocument, SourceMeta } from '../types.ts';

const BLOCK_SELECTOR = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption';
const CHROME_SELECTOR = 'nav,aside,footer,script,style,noscript,form,iframe,template,svg,button,[role=navigation],[role=complementary],[aria-hidden=true]';
const ROOT_SELECTORS = ['article', 'main', '[itemprop=articleBody]', '[role=main]'];
const KIND_BY_TAG: Readonly<Record<string, RawBlockKind>> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  p: 'paragraph', blockquote: 'paragraph', li: 'list-item', figcaption: 'caption',
};
/** Containers whose own text is already a block: their inner blocks are not read twice. */
const TEXT_CONTAINERS = new Set(['p', 'li', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Below this much paragraph text a page has no article body. */
const MIN_BODY_CHARS = 80;

/** Visible, whitespace-normalised text of an HTML fragment (used for the verbatim check). */
export function htmlText(fragment: string): string {
  const $ = cheerio.load(fragment);
  $('script,style,noscript,template').remove();
  return normalizeSpace($.root().text());
}

/** Parses an `.html` source; throws `IngestError('no-article-body')` when there is no article. */
export function parseHtml(src: SourceDocument): ParsedDocument {
  const $ = cheerio.load(src.text, { sourceCodeLocationInfo: true } as cheerio.CheerioOptions);
  const meta = readMeta($);
  const root = pickRoot($);
  const blocks: RawBlock[] = [];
  root.find(BLOCK_SELECTOR).each((_, el) => {
    if (insideChrome($, el, root) || insideTextContainer(el, root)) return;
    const tag = el.tagName.toLowerCase();
    if (tag === 'blockquote' && $(el).find('p,li').length > 0) return;
    const loc = el.sourceCodeLocation;
    if (!loc) return;
    const text = normalizeSpace($(el).text());
    if (text === '' && tag !== 'figcaption') return;
    // A paragraph inside a <figure> or a "caption" box is the photo's caption even without <figcaption>.
    const inCaptionBox = tag === 'p' && $(el).closest('figure, [class*=caption], [class*=Caption]').length > 0;
    const kind = inCaptionBox ? 'caption' : (KIND_BY_TAG[tag] ?? 'paragraph');
    blocks.push({ kind, text, span: { start: loc.startOffset, end: loc.endOffset } });
  });
  const outside = titleOutsideRoot($, root, meta);
  if (outside) blocks.unshift(outside);
  const bodyChars = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item').reduce((n, b) => n + b.text.length, 0);
  if (bodyChars < MIN_BODY_CHARS) {
    throw new IngestError(src.path, 'no-article-body', `HTML has no article body (${bodyChars} characters of paragraph text outside navigation and page chrome)`);
  }
  return { source: src, meta, blocks };
}

/**
 * Many templates print the headline in a block above the `<article>`: take that `<h1>` when the
 * article has none and the page's own title names it (a logo in an `<h1>` does not).
 */
function titleOutsideRoot($: cheerio.CheerioAPI, root: cheerio.Cheerio<Element>, meta: SourceMeta): RawBlock | null {
  const rootEl = root.get(0);
  if (!rootEl || rootEl.tagName === 'body' || root.find('h1').length > 0) return null;
  const pageTitle = normalizeSpace(`${meta.title ?? ''} ${$('title').first().text()}`).toLowerCase();
  let best: RawBlock | null = null;
  for (const el of $('h1').toArray()) {
    const loc = el.sourceCodeLocation;
    const text = normalizeSpace($(el).text());
    if (!loc || text.split(' ').length < 4 || !pageTitle.includes(text.toLowerCase())) continue;
    if ($(el).closest(CHROME_SELECTOR).length > 0) continue;
    if (loc.startOffset > (rootEl.sourceCodeLocation?.startOffset ?? 0)) continue;
    // The site's name is in <title> too; the headline is the longer match.
    if (!best || text.length > best.text.length) best = { kind: 'heading', text, span: { start: loc.startOffset, end: loc.endOffset } };
  }
  if (best && !meta.date) {
    // The dateline printed between that headline and the article ("Thứ hai, 08/04/2024 - 10:15").
    const rootStart = rootEl.sourceCodeLocation?.startOffset ?? 0;
    for (const el of $('time, [class*=date], [class*=time], [itemprop=datePublished]').toArray()) {
      const at = el.sourceCodeLocation?.startOffset ?? -1;
      if (at < best.span.end || at > rootStart) continue;
      const dl = parseDateline(normalizeSpace($(el).attr('datetime') ?? $(el).text()));
      if (dl?.date) {
        meta.date = dl.date;
        break;
      }
    }
  }
  return best;
}

function readMeta($: cheerio.CheerioAPI): SourceMeta {
  const meta: SourceMeta = {};
  const content = (sel: string) => normalizeSpace($(sel).first().attr('content') ?? '') || undefined;
  const title = content('meta[property="og:title"]') ?? (normalizeSpace($('head > title, title').first().text()) || undefined);
  if (title) meta.title = title;
  const url = content('meta[property="og:url"]') ?? ($('link[rel=canonical]').attr('href') || undefined);
  if (url) meta.url = url;
  const published =
    content('meta[property="article:published_time"]') ?? content('meta[itemprop="datePublished"]') ?? content('meta[name="pubdate"]') ??
    ($('article time[datetime]').first().attr('datetime') || undefined);
  const day = published ? /^(\d{4}-\d{2}-\d{2})/.exec(published)?.[1] : undefined;
  if (day) {
    meta.date = day;
    meta.dateFrom = 'meta';
  }
  const site = content('meta[property="og:site_name"]');
  if (site) meta.source = site;
  const author = content('meta[name="author"]') ?? content('meta[property="article:author"]');
  if (author && !/^https?:/.test(author)) meta.author = author;
  const lang = $('html').attr('lang');
  if (lang) meta.language = lang.slice(0, 2).toLowerCase();
  return meta;
}

/** The element that holds the article: the one with the most paragraph text among the candidates. */
function pickRoot($: cheerio.CheerioAPI): cheerio.Cheerio<Element> {
  for (const sel of ROOT_SELECTORS) {
    const found = $(sel).toArray();
    if (found.length === 0) continue;
    let best = found[0]!;
    let bestLen = -1;
    for (const el of found) {
      const len = $(el).find('p').text().length;
      if (len > bestLen) [best, bestLen] = [el, len];
    }
    return $(best) as cheerio.Cheerio<Element>;
  }
  return $('body') as cheerio.Cheerio<Element>;
}

/** True when the element sits in navigation or page chrome (a site header counts only outside the article). */
function insideChrome($: cheerio.CheerioAPI, el: Element, root: cheerio.Cheerio<Element>): boolean {
  const rootEl = root.get(0);
  for (let p: AnyNode | null = el; p && p !== rootEl; p = p.parent) {
    if (p.type !== 'tag') continue;
    const e = p as Element;
    if ($(e).is(CHROME_SELECTOR)) return true;
    if (e.tagName === 'header' && rootEl?.tagName === 'body') return true;
  }
  return false;
}

function insideTextContainer(el: Element, root: cheerio.Cheerio<Element>): boolean {
  const rootEl = root.get(0);
  for (let p = el.parent; p && p !== rootEl; p = p.parent) {
    if (p.type === 'tag' && TEXT_CONTAINERS.has((p as Element).tagName.toLowerCase())) return true;
  }
  return false;
}
