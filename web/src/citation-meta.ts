/**
 * The citation meta tags of a passage page (Highwire `citation_*`, Dublin Core, Open Graph), as
 * data: the browser adds them to the live DOM (components/head-meta.ts), and the server may put
 * the same tags in the HTML it sends for `/passages/:id` (`renderCitationMetaTags`), so a
 * reference manager that does not run scripts sees them too. Pure, no DOM.
 * @see https://www.zotero.org/support/dev/exposing_metadata
 */

/** What the citation meta tags say about an article and passage. */
export interface CitationMeta {
  title: string;
  /** ISO `YYYY-MM-DD` (or partial). */
  date: string | null;
  publisher: string | null;
  author: string | null;
  /** The original article's URL. */
  url: string | null;
  language: string;
  /** Absolute URL of the passage page. */
  pageUrl: string;
  description: string;
}

/** Attribute that marks the tags this module manages, so a new page can replace them. */
export const CITATION_META_ATTR = 'data-citation-meta';

/** A meta tag as `[attribute, key, content]`: `['name', 'citation_title', '…']`. */
export type MetaEntry = ['name' | 'property', string, string];

/** The meta tags for one article and passage, empty values left out. */
export function citationMetaEntries(meta: CitationMeta): MetaEntry[] {
  // Highwire wants `YYYY/MM/DD`.
  const slashDate = meta.date ? meta.date.replace(/-/g, '/') : null;
  const entries: [MetaEntry[0], string, string | null][] = [
    ['name', 'citation_title', meta.title],
    ['name', 'citation_date', slashDate],
    ['name', 'citation_publication_date', slashDate],
    ['name', 'citation_publisher', meta.publisher],
    // Zotero fills "Publication" from this; for a news article that is the outlet.
    ['name', 'citation_journal_title', meta.publisher],
    ['name', 'citation_author', meta.author],
    ['name', 'citation_public_url', meta.url ?? meta.pageUrl],
    ['name', 'citation_abstract_html_url', meta.pageUrl],
    ['name', 'citation_language', meta.language],
    ['name', 'DC.title', meta.title],
    ['name', 'DC.date', meta.date],
    ['name', 'DC.publisher', meta.publisher],
    ['name', 'DC.creator', meta.author],
    ['name', 'DC.type', 'Text'],
    ['name', 'DC.language', meta.language],
    ['name', 'description', meta.description],
    ['property', 'og:description', meta.description],
    ['property', 'og:type', 'article'],
    ['property', 'og:title', meta.title],
    ['property', 'og:url', meta.pageUrl],
    ['property', 'og:site_name', meta.publisher],
    ['property', 'article:published_time', meta.date],
    ['property', 'article:author', meta.author],
  ];
  return entries.filter((e): e is MetaEntry => typeof e[2] === 'string' && e[2] !== '');
}

/** Escapes text for an HTML attribute value in double quotes. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The tags as HTML, every value escaped: for a server to put in `<head>` of `/passages/:id`. */
export function renderCitationMetaTags(meta: CitationMeta): string {
  return citationMetaEntries(meta)
    .map(([attr, key, value]) => `<meta ${attr}="${escapeAttribute(key)}" content="${escapeAttribute(value)}" ${CITATION_META_ATTR}>`)
    .join('\n');
}

/** Where `web/index.html` expects the server's tags (an HTML comment in `<head>`). */
export const CITATION_META_SLOT = '<!--citation-meta-->';
