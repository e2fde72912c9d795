/**
 * The research tools on the results page: export links for the current search (plain
 * `<a href>` to /api/export, so they work without script and can be copied), the Atom feed of
 * the search (a link, and `<link rel="alternate">` in the head for feed readers), the
 * concordance of the query, and bulk citation — select passages, then copy or download their
 * references (BibTeX, RIS, CSL-JSON) from /api/citations.
 */
import type { PassageView } from '../api.ts';
import { h, replaceChildren } from '../dom.ts';
import { rt } from '../research-strings.ts';
import { serializeSearchState, type SearchState } from '../url-state.ts';
import { copyText } from './cite-dialog.ts';

/** Export formats, in the order offered. */
export const EXPORT_FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'jsonl', label: 'JSON Lines' },
  { format: 'bibtex', label: 'BibTeX' },
  { format: 'ris', label: 'RIS' },
] as const;

/** Reference formats of the bulk citation. */
export const CITATION_FORMATS = [
  { format: 'bibtex', label: 'BibTeX', ext: 'bib' },
  { format: 'ris', label: 'RIS', ext: 'ris' },
  { format: 'csl-json', label: 'CSL-JSON', ext: 'json' },
] as const;

/** The query string of a search for the export and feed routes: words, filters, order (no page). */
export function searchQueryString(state: SearchState, opts: { sort?: boolean } = {}): URLSearchParams {
  const qs = serializeSearchState({ ...state, page: 1 });
  if (opts.sort === false) qs.delete('sort');
  return qs;
}

/** `/api/export?…&format=…` for a search. */
export function exportHref(state: SearchState, format: string): string {
  const qs = searchQueryString(state);
  qs.set('format', format);
  return `/api/export?${qs.toString()}`;
}

/** `/api/feed?…` for a search (always newest first). */
export function feedHref(state: SearchState): string {
  const qs = searchQueryString(state, { sort: false }).toString();
  return `/api/feed${qs ? `?${qs}` : ''}`;
}

/** `/kwic?…` for a search. */
export function kwicHref(state: SearchState): string {
  const qs = searchQueryString(state, { sort: false }).toString();
  return `/kwic${qs ? `?${qs}` : ''}`;
}

const FEED_LINK_ID = 'search-feed';

/** Puts the search's feed in the head (`<link rel="alternate" type="application/atom+xml">`), replacing the previous one. */
export function setFeedLink(state: SearchState): void {
  let link = document.getElementById(FEED_LINK_ID) as HTMLLinkElement | null;
  if (!link) {
    link = document.createElement('link');
    link.id = FEED_LINK_ID;
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    document.head.append(link);
  }
  link.href = feedHref(state);
  link.title = rt().feedTitle(state.q.trim() || rt().feedLink);
}

/** Removes the feed link (another page is shown). */
export function clearFeedLink(): void {
  document.getElementById(FEED_LINK_ID)?.remove();
}

/** The export, feed and concordance links of a search. */
export function researchLinks(state: SearchState): HTMLElement {
  return h(
    'div',
    { class: 'research-links' },
    h(
      'p',
      { class: 'export-links', id: 'export-links' },
      h('span', { class: 'export-label', title: rt().exportHint }, `${rt().exportTitle}:`),
      ...EXPORT_FORMATS.map((f) => h('a', { class: 'button button-quiet export-link', href: exportHref(state, f.format), 'data-format': f.format, rel: 'nofollow' }, f.label)),
    ),
    h(
      'p',
      { class: 'follow-links' },
      h('a', { class: 'feed-link', id: 'feed-link', href: feedHref(state), type: 'application/atom+xml' }, rt().feedLink),
      state.q.trim() ? h('a', { class: 'kwic-link', id: 'kwic-link', href: kwicHref(state) }, rt().kwicLink) : null,
    ),
  );
}

const STORAGE_KEY = 'ngkb-selected-passages';

/** Passage ids selected for bulk citation, kept across searches and reloads (session storage) until cleared. */
const selected = new Set<string>(readSelection());
const listeners = new Set<() => void>();

function readSelection(): string[] {
  try {
    const raw = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string').slice(0, 100) : [];
  } catch {
    return [];
  }
}

function changed(): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...selected]));
  } catch {
    // Storage disabled: the selection lasts as long as the page.
  }
  for (const l of listeners) l();
}

/** The checkbox that selects a passage for bulk citation. */
export function selectBox(p: PassageView): HTMLElement {
  const id = `sel-${p.id}`;
  const box = h('input', { type: 'checkbox', id, class: 'select-passage', 'data-passage': p.id, checked: selected.has(p.id) });
  box.addEventListener('change', () => {
    if (box.checked) selected.add(p.id);
    else selected.delete(p.id);
    changed();
  });
  return h('p', { class: 'select-field' }, box, h('label', { for: id }, rt().selectPassage));
}

/** `/api/citations?id=…&format=…` for the selection. */
export function citationsHref(ids: string[], format: string): string {
  const qs = new URLSearchParams();
  for (const id of ids) qs.append('id', id);
  qs.set('format', format);
  return `/api/citations?${qs.toString()}`;
}

/** The bulk citation bar: how many are selected, the format, Copy, Download, Clear. Hidden while nothing is selected. */
export function bulkCitationBar(): HTMLElement {
  const count = h('span', { class: 'selected-count', role: 'status', 'aria-live': 'polite' });
  const format = h('select', { id: 'bulk-format' }, ...CITATION_FORMATS.map((f) => h('option', { value: f.format }, f.label)));
  const copy = h('button', { type: 'button', class: 'button button-primary', id: 'bulk-copy' }, rt().copy);
  const download = h('a', { class: 'button', id: 'bulk-download', href: '#', download: '' }, rt().download);
  const clear = h('button', { type: 'button', class: 'button button-quiet', id: 'bulk-clear' }, rt().clearSelection);
  const status = h('span', { class: 'copy-status', id: 'bulk-status', role: 'status', 'aria-live': 'polite' });
  const bar = h(
    'div',
    { class: 'bulk-cite', id: 'bulk-cite', role: 'region', 'aria-label': rt().citeSelected },
    h('strong', {}, rt().citeSelected),
    ' ',
    count,
    h('span', { class: 'field' }, h('label', { for: 'bulk-format' }, rt().citeFormat), ' ', format),
    copy,
    download,
    clear,
    status,
  );
  const update = (): void => {
    const ids = [...selected];
    bar.hidden = ids.length === 0;
    count.textContent = rt().selected(ids.length);
    const f = CITATION_FORMATS.find((x) => x.format === format.value) ?? CITATION_FORMATS[0];
    download.href = citationsHref(ids, f.format);
    download.setAttribute('download', `ngoai-giao-references.${f.ext}`);
  };
  format.addEventListener('change', update);
  copy.addEventListener('click', async () => {
    status.textContent = '';
    try {
      const res = await fetch(citationsHref([...selected], format.value));
      if (!res.ok) throw new Error(String(res.status));
      status.textContent = (await copyText(await res.text())) ? rt().copied : rt().copyFailed;
    } catch {
      status.textContent = rt().copyFailed;
    }
  });
  clear.addEventListener('click', () => {
    selected.clear();
    for (const el of document.querySelectorAll<HTMLInputElement>('input.select-passage')) el.checked = false;
    changed();
  });
  listeners.clear();
  listeners.add(update);
  update();
  return bar;
}

/** Replaces the contents of the tools slot of the results page. */
export function paintResearchTools(slot: HTMLElement, state: SearchState): void {
  replaceChildren(slot, researchLinks(state), bulkCitationBar());
  setFeedLink(state);
}
