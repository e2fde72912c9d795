/**
 * Citation metadata in the page head (Highwire `citation_*`, Dublin Core, Open Graph), read by
 * reference managers such as Zotero from the live DOM, so the passage page saves as an article.
 * @see https://www.zotero.org/support/dev/exposing_metadata
 */

const MANAGED = 'data-citation-meta';

export interface CitationMeta {
  title: string;
  date: string | null;
  publisher: string | null;
  author: string | null;
  url: string | null;
  language: string;
  pageUrl: string;
  description: string;
}

/** Removes the meta tags a previous page added. */
export function clearCitationMeta(): void {
  for (const el of document.head.querySelectorAll(`meta[${MANAGED}]`)) el.remove();
}

/** Replaces the citation meta tags with those of one article. */
export function setCitationMeta(meta: CitationMeta): void {
  clearCitationMeta();
  const add = (attr: 'name' | 'property', key: string, value: string | null): void => {
    if (!value) return;
    const el = document.createElement('meta');
    el.setAttribute(attr, key);
    el.setAttribute('content', value);
    el.setAttribute(MANAGED, '');
    document.head.appendChild(el);
  };
  // Highwire wants `YYYY/MM/DD`.
  const slashDate = meta.date ? meta.date.replace(/-/g, '/') : null;
  add('name', 'citation_title', meta.title);
  add('name', 'citation_date', slashDate);
  add('name', 'citation_publication_date', slashDate);
  add('name', 'citation_publisher', meta.publisher);
  add('name', 'citation_journal_title', meta.publisher);
  add('name', 'citation_author', meta.author);
  add('name', 'citation_public_url', meta.url ?? meta.pageUrl);
  add('name', 'citation_abstract_html_url', meta.pageUrl);
  add('name', 'citation_language', meta.language);
  add('name', 'DC.title', meta.title);
  add('name', 'DC.date', meta.date);
  add('name', 'DC.publisher', meta.publisher);
  add('name', 'DC.creator', meta.author);
  add('name', 'DC.type', 'Text');
  add('name', 'DC.language', meta.language);
  add('name', 'description', meta.description);
  add('property', 'og:type', 'article');
  add('property', 'og:title', meta.title);
  add('property', 'og:url', meta.pageUrl);
  add('property', 'og:site_name', meta.publisher);
  add('property', 'article:published_time', meta.date);
  add('property', 'article:author', meta.author);
}
