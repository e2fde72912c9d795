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
import { readabilityText, type LocatedArticle } from './readability.ts';

/** How the body is found on a page without a body container: `readability` (default) or the parser's rules alone. */
export interface ParseHtmlOptions {
  bodyLocator?: 'readability' | 'rules';
}

const BLOCK_SELECTOR = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption';
const CHROME_SELECTOR = 'nav,aside,footer,script,style,noscript,form,iframe,template,svg,button,video,audio,object,[role=navigation],[role=complementary],[aria-hidden=true]';
/** Media elements: what they contain is the fallback a browser shows when it cannot play them ("Your browser does not support the video tag."). */
const MEDIA_SELECTOR = 'video,audio,object';
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
export function parseHtml(src: SourceDocument, opts: ParseHtmlOptions = {}): ParsedDocument {
  const $ = cheerio.load(src.text, { sourceCodeLocationInfo: true } as cheerio.CheerioOptions);
  const meta = readMeta($);
  const root = pickRoot($);
  const landmark = !root.is('body');
  // No body container: Readability's article text says which blocks (and which <header>) are the article.
  const located = !landmark && (opts.bodyLocator ?? 'readability') === 'readability' ? readabilityText(src.text) : null;
  const articleHeaders = located ? headersInArticle($, located.text, meta) : new Set<Element>();
  const blocks: RawBlock[] = [];
  const dropped: { text: string; rule: string }[] = [];
  root.find(BLOCK_SELECTOR).each((_, el) => {
    if (insideChrome($, el, root, articleHeaders) || insideTextContainer(el, root)) return;
    const tag = el.tagName.toLowerCase();
    const junk = htmlJunk($, el);
    if (junk) {
      const text = normalizeSpace($(el).text());
      if (text) dropped.push({ text, rule: junk });
      if (junk === 'byline' && !meta.author) meta.author = text;
      return;
    }
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
  // A player's fallback text is never article text; it is counted, not read.
  root.find(MEDIA_SELECTOR).each((_, el) => {
    if ($(el).parents(MEDIA_SELECTOR).length > 0) return;
    const text = normalizeSpace($(el).text());
    if (text) dropped.push({ text, rule: 'media-fallback' });
  });
  blocks.push(...brParagraphs($, root));
  blocks.sort((a, b) => a.span.start - b.span.start);
  if (located) locateBody(located, blocks, dropped);
  const sapo = sapoOutsideRoot($, root, blocks);
  if (sapo) blocks.unshift(sapo);
  const outside = titleOutsideRoot($, root, meta);
  if (outside) blocks.unshift(outside);
  if (!meta.date) bylineTimestamp($, root, blocks, meta);
  const bodyChars = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item').reduce((n, b) => n + b.text.length, 0);
  if (bodyChars < MIN_BODY_CHARS) {
    throw new IngestError(src.path, 'no-article-body', `HTML has no article body (${bodyChars} characters of paragraph text outside navigation and page chrome)`);
  }
  return { source: src, meta, blocks, dropped };
}

/**
 * On a page without a body container, keeps the blocks Readability reads as the article and
 * drops the others as `outside-body` (counted in the report). The headline stays (Readability
 * moves it to its title, so a site logo in an `<h1>` goes), and everything stays when
 * Readability's article would leave less than a body's worth of text (it picked a wrong box).
 */
function locateBody(located: LocatedArticle, blocks: RawBlock[], dropped: { text: string; rule: string }[]): void {
  const key = (t: string) => normalizeSpace(t.normalize('NFC'));
  const headline = blocks.find((b) => b.kind === 'heading' && located.title !== '' && key(b.text) === located.title);
  const inside = (b: RawBlock) => b === headline || (!headline && b === blocks.find((x) => x.kind === 'heading')) || located.text.includes(key(b.text));
  const keptChars = blocks.filter((b) => (b.kind === 'paragraph' || b.kind === 'list-item') && inside(b)).reduce((n, b) => n + b.text.length, 0);
  if (keptChars < MIN_BODY_CHARS) return;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (inside(b)) continue;
    dropped.unshift({ text: b.text, rule: 'outside-body' });
    blocks.splice(i, 1);
  }
}

/**
 * The byline timestamp printed between the headline and the body ("<time>17:26 - 18/01/2016</time>",
 * "<span class=date>Thứ ba, 25/1/2022</span>"): the first date-like element before the first body
 * paragraph, outside page chrome, site headers and related-link boxes (a render date sits in the
 * site header; a related item's date sits in its box). Sets `meta.date` (dateSource `dateline`).
 */
function bylineTimestamp($: cheerio.CheerioAPI, root: cheerio.Cheerio<Element>, blocks: readonly RawBlock[], meta: SourceMeta): void {
  const firstBody = blocks.find((b) => b.kind === 'paragraph')?.span.start ?? Infinity;
  const h1 = $('h1').first().get(0)?.sourceCodeLocation?.startOffset ?? 0;
  for (const el of $('time, [class*=date i], [class*=time i], [itemprop=datePublished]').toArray()) {
    const at = el.sourceCodeLocation?.startOffset ?? -1;
    if (at < h1 || at > firstBody) continue;
    if ($(el).closest(`${CHROME_SELECTOR},header,${RELATED_BOX}`).length > 0) continue;
    const dl = parseDateline(normalizeSpace($(el).attr('datetime') ?? $(el).text()));
    if (dl?.date) {
      meta.date = dl.date;
      return;
    }
  }
  void root;
}

/** Boxes of related links inside an article template ("Box-Related", "tin liên quan", "list-news"). */
const RELATED_BOX = '[data-campaign*=Related i],[class*=related i],[class*=relate_ i],[class*=list-news],[class*=tinlienquan i],[class*=tin-lien-quan i],[class*=box-tin i]';

/**
 * Classes of markup that are not article text: a heading or list item that is nothing but one
 * link (a related-article headline), anything inside a related-links box, and a short
 * right-aligned bold line (the author's name printed at the end) → `byline`.
 */
function htmlJunk($: cheerio.CheerioAPI, el: Element): string | null {
  const $el = $(el);
  if ($el.closest(RELATED_BOX).length > 0) return 'related-link';
  const tag = el.tagName.toLowerCase();
  const text = normalizeSpace($el.text());
  if (/^(h[2-6]|li)$/.test(tag) && text.length > 0) {
    const links = $el.find('a');
    if (links.length === 1 && normalizeSpace(links.first().text()) === text) return 'related-link';
  }
  if (tag === 'p' && /text-align:\s*right/i.test($el.attr('style') ?? '') && text.split(' ').length <= 4 && $el.find('strong,b').length > 0 && !/[.!?:]$/.test(text)) return 'byline';
  if (tag === 'p' && /author/i.test($el.attr('class') ?? '') && text.split(' ').length <= 5) return 'byline';
  return null;
}

/**
 * A body written as text in `<div>`s with `<br><br>` between paragraphs: each run of text between
 * two consecutive `<br>`s becomes a paragraph spanning its own nodes.
 */
function brParagraphs($: cheerio.CheerioAPI, root: cheerio.Cheerio<Element>): RawBlock[] {
  const out: RawBlock[] = [];
  const divs = [root.get(0), ...root.find('div').toArray()].filter((d): d is Element => !!d && d.type === 'tag');
  for (const div of divs) {
    if (insideChrome($, div, root)) continue;
    const kids = div.children;
    if (!kids.some((k) => k.type === 'tag' && (k as Element).tagName === 'br')) continue;
    if (!kids.some((k) => k.type === 'text' && normalizeSpace((k as unknown as { data: string }).data) !== '')) continue;
    let seg: AnyNode[] = [];
    const flush = () => {
      const first = seg.find((n) => n.sourceCodeLocation);
      const last = [...seg].reverse().find((n) => n.sourceCodeLocation);
      const text = normalizeSpace(seg.map((n) => $(n).text()).join(''));
      if (first && last && text) out.push({ kind: 'paragraph', text, span: { start: first.sourceCodeLocation!.startOffset, end: last.sourceCodeLocation!.endOffset } });
      seg = [];
    };
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i] as AnyNode;
      if (k.type === 'tag' && /^(br)$/.test((k as Element).tagName)) {
        // Two <br> in a row (whitespace between allowed) end a paragraph.
        let j = i + 1;
        while (j < kids.length && kids[j]!.type === 'text' && normalizeSpace((kids[j] as unknown as { data: string }).data) === '') j++;
        if (j < kids.length && kids[j]!.type === 'tag' && (kids[j] as Element).tagName === 'br') {
          flush();
          i = j;
        } else seg.push(k);
        continue;
      }
      if (k.type === 'tag' && /^(div|p|h[1-6]|ul|ol|table|figure|script|style)$/.test((k as Element).tagName)) {
        flush();
        continue;
      }
      if (k.type === 'text' || k.type === 'tag') seg.push(k);
    }
    flush();
  }
  return out;
}

/** A lead (sapo) printed above the article element ("p.description", "div.sapo", "h2.sapo"): kept as the lead. */
function sapoOutsideRoot($: cheerio.CheerioAPI, root: cheerio.Cheerio<Element>, blocks: readonly RawBlock[]): RawBlock | null {
  const rootStart = root.get(0)?.sourceCodeLocation?.startOffset ?? 0;
  for (const el of $('[class*=sapo i], p.description, h2.description, [class*=summary i], [class*=lead i]').toArray()) {
    const loc = el.sourceCodeLocation;
    if (!loc || loc.startOffset >= rootStart && root.get(0)?.tagName !== 'body') {
      if (!loc || blocks.some((b) => b.span.start <= loc.startOffset && loc.endOffset <= b.span.end)) continue;
    }
    if ($(el).closest(CHROME_SELECTOR).length > 0 || $(el).closest(RELATED_BOX).length > 0) continue;
    if (blocks.some((b) => loc.startOffset <= b.span.start && b.span.end <= loc.endOffset)) continue;
    // A location stamp glued before the lead ("TP HCM" in a span) is a dateline, not lead text.
    const stamp = $(el).find('[class*=location i]').first().get(0);
    const start = stamp?.sourceCodeLocation?.endOffset ?? loc.startOffset;
    const text = normalizeSpace(stamp ? $(el).text().slice($(stamp).text().length) : $(el).text());
    if (text.split(' ').length < 8) continue;
    return { kind: 'paragraph', text, span: { start, end: loc.endOffset } };
  }
  return null;
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
  const ld = jsonLdArticle($);
  if (!meta.date && ld.datePublished) {
    const d = /^(\d{4}-\d{2}-\d{2})/.exec(ld.datePublished)?.[1];
    if (d) {
      meta.date = d;
      meta.dateFrom = 'meta';
    }
  }
  if (!meta.title && ld.headline) meta.title = ld.headline;
  const site = content('meta[property="og:site_name"]') ?? ld.publisher;
  if (site) meta.source = site;
  const author = ld.author ?? content('meta[name="author"]') ?? content('meta[property="article:author"]');
  if (author && !/^https?:/.test(author)) meta.author = author;
  const lang = $('html').attr('lang');
  if (lang) meta.language = lang.slice(0, 2).toLowerCase();
  return meta;
}

/** The fields a page's JSON-LD `NewsArticle`/`Article` states (malformed JSON-LD is ignored, never fatal). */
function jsonLdArticle($: cheerio.CheerioAPI): { headline?: string; datePublished?: string; author?: string; publisher?: string } {
  const out: { headline?: string; datePublished?: string; author?: string; publisher?: string } = {};
  for (const el of $('script[type="application/ld+json"]').toArray()) {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      continue;
    }
    const nodes = (Array.isArray(data) ? data : [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])]) as Record<string, unknown>[];
    for (const n of nodes) {
      if (!n || typeof n !== 'object' || !/Article|Posting|Report/.test(String(n['@type'] ?? ''))) continue;
      const name = (v: unknown) => (Array.isArray(v) ? v[0] : v) as { name?: string } | string | undefined;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? normalizeSpace(v) : undefined);
      out.headline ??= str(n['headline']);
      out.datePublished ??= str(n['datePublished']);
      const a = name(n['author']);
      out.author ??= typeof a === 'string' ? str(a) : str(a?.name);
      const p = name(n['publisher']);
      out.publisher ??= typeof p === 'string' ? str(p) : str(p?.name);
    }
  }
  return out;
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
/**
 * On a page without a body container, the `<header>`s that belong to the article, not the site:
 * one whose text (the headline aside) Readability reads as part of the article ("Ngoại giao ·
 * 05/03/2024 09:30"), or one holding only the page's headline (an `<h1>` the page title repeats).
 */
function headersInArticle($: cheerio.CheerioAPI, located: string, meta: SourceMeta): Set<Element> {
  const out = new Set<Element>();
  const pageTitle = normalizeSpace(`${meta.title ?? ''} ${$('title').first().text()}`).toLowerCase();
  for (const el of $('header').toArray()) {
    const h1 = normalizeSpace($(el).find('h1').text());
    // Its lines other than the headline: most of them in Readability's article, or none and the headline is the page's.
    const lines = $(el)
      .find('p,time,span,li,div')
      .toArray()
      .filter((x) => $(x).children('p,div,li,span,time').length === 0 && $(x).closest('h1').length === 0)
      .map((x) => normalizeSpace($(x).text().normalize('NFC')))
      .filter((t) => t !== '');
    const inArticle = lines.filter((t) => located.includes(t)).length;
    if (lines.length ? inArticle * 2 >= lines.length : h1.split(' ').length >= 4 && pageTitle.includes(h1.toLowerCase())) out.add(el);
  }
  return out;
}

function insideChrome($: cheerio.CheerioAPI, el: Element, root: cheerio.Cheerio<Element>, articleHeaders: ReadonlySet<Element> = new Set()): boolean {
  const rootEl = root.get(0);
  for (let p: AnyNode | null = el; p && p !== rootEl; p = p.parent) {
    if (p.type !== 'tag') continue;
    const e = p as Element;
    if ($(e).is(CHROME_SELECTOR)) return true;
    if (e.tagName === 'header' && rootEl?.tagName === 'body' && !articleHeaders.has(e)) return true;
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
