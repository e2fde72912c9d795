/**
 * Puts a passage's citation meta tags in the live `<head>`, which reference managers such as
 * Zotero read, replacing those of the previous page (or those the server sent).
 */
import { CITATION_META_ATTR, citationMetaEntries, type CitationMeta } from '../citation-meta.ts';

/** Re-exported for the pages. */
export type { CitationMeta } from '../citation-meta.ts';

/** Removes the citation meta tags of the previous page. */
export function clearCitationMeta(): void {
  for (const el of document.head.querySelectorAll(`meta[${CITATION_META_ATTR}]`)) el.remove();
}

/** Replaces the citation meta tags with those of one article and passage. */
export function setCitationMeta(meta: CitationMeta): void {
  clearCitationMeta();
  for (const [attr, key, value] of citationMetaEntries(meta)) {
    const el = document.createElement('meta');
    el.setAttribute(attr, key);
    el.setAttribute('content', value);
    el.setAttribute(CITATION_META_ATTR, '');
    document.head.appendChild(el);
  }
}
