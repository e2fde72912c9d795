/**
 * The search page: results as you type (debounced; a newer request aborts the older one and a
 * sequence number drops any late answer), facets, paging, sort. Its whole state is the URL.
 */
import { ApiRequestError, eventDisplayName, listEvents, listSpeakers, searchPassages, type SearchResponse } from '../api.ts';
import { errorView, isAbort, passageCard, setTitle } from '../components/common.ts';
import { clearFeedLink, paintResearchTools, selectBox } from '../components/research-tools.ts';
import { CONTENT_LANG, h, replaceChildren } from '../dom.ts';
import { kindLabel, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';
import { emptySearchState, FACETS, hasFilters, parseSearchState, serializeSearchState, toggleFilter, type FacetKey, type SearchState } from '../url-state.ts';
import { dateRangeForm, readingChips, syntaxHelp } from './search-reading.ts';
import { foldDiacritics } from '../../../lib/vietnamese.ts';

/** Results per page. */
export const PER_PAGE = 10;
/** Facet values shown before "more" (selected values are always shown). */
const FACET_LIMIT = 8;

/** What the search page needs from the frame. */
export interface SearchPageDeps {
  /** Changes the URL (and re-renders through the router). */
  navigate: (href: string, opts?: { replace?: boolean; focusMain?: boolean }) => void;
  searchInput: HTMLInputElement;
}

let seq = 0;
let inflight: AbortController | null = null;
let view: { root: HTMLElement; facets: HTMLElement; results: HTMLElement; status: HTMLElement; sort: HTMLSelectElement; reading: HTMLElement; dates: HTMLElement; tools: HTMLElement } | null = null;
/** The page last painted, so moving to another page can put focus on the new results. */
let paintedPage: number | null = null;
let labels: { event: Map<string, string>; speaker: Map<string, string>; eventEnglish?: Set<string> } = { event: new Map(), speaker: new Map() };

/** The URL of a search state, keeping `lang`. */
function hrefFor(state: SearchState): string {
  const qs = serializeSearchState(state, new URLSearchParams(location.search)).toString();
  return qs ? `/?${qs}` : '/';
}

/** Renders (or, when already on screen, updates) the search page for the URL's state. */
export async function renderSearch(ctx: RouteContext, deps: SearchPageDeps): Promise<void> {
  const state = parseSearchState(ctx.query);
  if (!ctx.sameRoute || !view || !view.root.isConnected) mount(ctx.main, deps);
  if (document.activeElement !== deps.searchInput && deps.searchInput.value !== state.q) deps.searchInput.value = state.q;
  setTitle(state.q ? `“${state.q}”` : t().navSearch);
  // An empty query lists newest first whatever the box says: show the order actually used.
  if (view) view.sort.value = !state.q.trim() && state.sort === 'relevance' ? 'date-desc' : state.sort;
  await runSearch(state, deps);
}

function mount(main: HTMLElement, deps: SearchPageDeps): void {
  const status = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite', id: 'result-count', tabindex: '-1' });
  const reading = h('div', { class: 'reading', id: 'reading' });
  const dates = h('div', { class: 'date-range-box' });
  const sort = h(
    'select',
    { id: 'sort' },
    h('option', { value: 'relevance' }, t().sortRelevance),
    h('option', { value: 'date-desc' }, t().sortDateDesc),
    h('option', { value: 'date-asc' }, t().sortDateAsc),
  );
  sort.addEventListener('change', () => {
    const state = parseSearchState(new URLSearchParams(location.search));
    deps.navigate(hrefFor({ ...state, sort: sort.value as SearchState['sort'], page: 1 }), { focusMain: false });
  });
  const facets = h('div', { class: 'facet-groups' });
  const wide = window.matchMedia('(min-width: 52rem)').matches;
  const facetBox = h('details', { class: 'facets', open: wide }, h('summary', {}, h('span', { class: 'summary-label' }, t().filters)), facets);
  const results = h('div', { class: 'results', id: 'results' });
  const tools = h('div', { class: 'research-tools', id: 'research-tools' });
  const root = h(
    'div',
    { class: 'search-page' },
    h('h1', { class: 'visually-hidden', tabindex: '-1' }, t().navSearch),
    h(
      'div',
      { class: 'search-layout' },
      h('aside', { class: 'sidebar', 'aria-label': t().filters }, facetBox),
      h(
        'section',
        { class: 'results-column', 'aria-labelledby': 'result-count' },
        h('div', { class: 'results-bar' }, status, h('p', { class: 'field sort-field' }, h('label', { for: 'sort' }, t().sortLabel), ' ', sort)),
        tools,
        reading,
        results,
        syntaxHelp(),
      ),
    ),
  );
  replaceChildren(main, root);
  facets.before(dates);
  view = { root, facets, results, status, sort, reading, dates, tools };
  paintedPage = null;
}

/** Fetches and paints one state; a newer call aborts this one and its answer is ignored. */
async function runSearch(state: SearchState, deps: SearchPageDeps): Promise<void> {
  inflight?.abort();
  const controller = new AbortController();
  inflight = controller;
  const mine = ++seq;
  view?.root.setAttribute('aria-busy', 'true');
  try {
    // One request per state: the API counts each facet without its own filter (disjunctive
    // facets), so the other values of a picked facet stay listed and can be added (OR-ed).
    const [res] = await Promise.all([searchPassages(state, PER_PAGE, controller.signal), loadLabels()]);
    if (mine !== seq || !view) return;
    paint(state, res, deps);
  } catch (err) {
    if (isAbort(err) || mine !== seq || !view) return;
    view.status.textContent = '';
    replaceChildren(view.reading);
    if (err instanceof ApiRequestError && err.status === 400) {
      // A bad value in the URL (a filter, a date, an operator): say which, and offer a way out.
      replaceChildren(view.results, h('div', { class: 'notice notice-error', role: 'alert' },
        h('p', { class: 'notice-title' }, t().badSearch),
        h('p', {}, err.message),
        h('p', {}, h('a', { href: hrefFor({ ...emptySearchState(), q: state.q }) }, t().clearFilters))));
      return;
    }
    view.facets.closest('aside')?.setAttribute('hidden', '');
    replaceChildren(view.results, errorView(err, () => void runSearch(state, deps)));
  } finally {
    if (mine === seq) view?.root.removeAttribute('aria-busy');
  }
}

/** Event and speaker names for facet labels; ids are shown if the lists fail (search still works). */
async function loadLabels(): Promise<void> {
  if (labels.event.size && labels.speaker.size) return;
  const [events, people] = await Promise.all([listEvents().catch(() => []), listSpeakers().catch(() => [])]);
  labels = {
    event: new Map(events.map((e) => [e.id, eventDisplayName(e)])),
    speaker: new Map(people.map((p) => [p.id, p.name])),
    // Events named in English (the KB's nameEn) are interface-language text, not Vietnamese content.
    eventEnglish: new Set(events.filter((e) => eventDisplayName(e) !== e.name).map((e) => e.id)),
  };
}

function facetLabel(key: FacetKey, value: string): string {
  if (key === 'event') return labels.event.get(value) ?? value;
  if (key === 'speaker') return labels.speaker.get(value) ?? value;
  if (key === 'kind') return kindLabel(value);
  return value;
}

function paint(state: SearchState, res: SearchResponse, deps: SearchPageDeps): void {
  if (!view) return;
  // A query of punctuation only is no query: the API lists passages (`all`), and so says the page.
  const q = res.matchMode === 'all' ? '' : state.q.trim();
  view.status.textContent = q ? t().resultsFor(res.total, q) : hasFilters(state) ? t().results(res.total) : `${state.sort === 'date-asc' ? t().oldest : t().latest} (${t().results(res.total)})`;
  paintFacets(state, res, deps);
  paintResearchTools(view.tools, state);
  replaceChildren(view.dates, dateRangeForm(state, (next) => deps.navigate(hrefFor(next), { focusMain: false })));
  replaceChildren(view.reading, readingChips(state, res.interpretation ?? null, hrefFor));
  const movedPage = paintedPage !== null && paintedPage !== state.page;
  paintedPage = state.page;
  if (res.hits.length === 0 && res.total > 0) {
    // Past the last page (an old link, a hand-edited URL): say so and link the last page.
    const last = Math.max(1, Math.ceil(res.total / res.perPage));
    replaceChildren(view.results, h('div', { class: 'notice' }, h('p', {}, t().pastLastPage(state.page, last)), h('p', {}, h('a', { href: hrefFor({ ...state, page: last }) }, t().pageOf(last, last)))));
    return;
  }
  if (res.hits.length === 0) {
    replaceChildren(view.results, res.relaxed?.available ? relaxedOffer(state, res.relaxed) : emptyState(state));
    return;
  }
  const list = h('ol', { class: 'hits', start: String((res.page - 1) * res.perPage + 1) });
  for (const hit of res.hits) list.append(h('li', { class: 'hit' }, selectBox(hit), passageCard(hit)));
  replaceChildren(view.results, list, pagination(state, res));
  // "Next page": the reader starts at the new results, not at the bottom of the old ones.
  if (movedPage) view.status.focus({ preventScroll: true });
}

function paintFacets(state: SearchState, res: SearchResponse, deps: SearchPageDeps): void {
  if (!view) return;
  const focused = document.activeElement as HTMLElement | null;
  const focusKey = focused?.dataset?.facet ? `${focused.dataset.facet}\u0000${focused.dataset.value}` : null;
  const groups: HTMLElement[] = [];
  for (const key of FACETS) {
    const counts = res.facets[key];
    const selected = state.filters[key];
    let entries = Object.entries(counts).filter(([, n]) => n > 0);
    entries.sort((a, b) => (key === 'year' ? b[0].localeCompare(a[0]) : b[1] - a[1] || facetLabel(key, a[0]).localeCompare(facetLabel(key, b[0]), 'vi')));
    for (const v of selected) if (!entries.some(([value]) => value === v)) entries.unshift([v, counts[v] ?? 0]);
    if (entries.length === 0) continue;
    const shown = entries.filter(([v], i) => i < FACET_LIMIT || selected.includes(v));
    const hidden = entries.filter((e) => !shown.includes(e));
    const option = ([value, count]: [string, number]): HTMLElement => {
      const id = `f-${key}-${value.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
      const box = h('input', { type: 'checkbox', id, 'data-facet': key, 'data-value': value, checked: selected.includes(value) });
      box.addEventListener('change', () => {
        const current = parseSearchState(new URLSearchParams(location.search));
        deps.navigate(hrefFor(toggleFilter(current, key, value)), { focusMain: false });
      });
      // Event and speaker names and outlet names are corpus content; kinds are interface words.
      const lang = (key === 'event' && !labels.eventEnglish?.has(value)) || key === 'speaker' || key === 'source' ? CONTENT_LANG : null;
      return h('li', {}, box, h('label', { for: id }, h('span', { class: 'facet-name', lang }, facetLabel(key, value)), h('span', { class: 'count' }, String(count))));
    };
    const more = hidden.length
      ? h('details', { class: 'facet-more' }, h('summary', {}, `+${hidden.length}`), h('ul', { class: 'facet-list' }, ...hidden.map(option)))
      : null;
    groups.push(h('fieldset', { class: 'facet' }, h('legend', {}, t()[`facet_${key}`]), h('ul', { class: 'facet-list' }, ...shown.map(option)), more));
  }
  const clear = hasFilters(state)
    ? h('a', { class: 'clear-filters', href: hrefFor({ ...state, filters: emptySearchState().filters, page: 1 }) }, t().clearFilters)
    : null;
  replaceChildren(view.facets, clear, ...groups);
  // Nothing to filter (no result, no filter): no empty "Filters" box.
  view.facets.closest('aside')?.toggleAttribute('hidden', groups.length === 0 && !clear);
  if (focusKey) {
    const again = Array.from(view.facets.querySelectorAll<HTMLInputElement>('input[data-facet]')).find((el) => `${el.dataset.facet}\u0000${el.dataset.value}` === focusKey);
    again?.focus();
  }
}

function pagination(state: SearchState, res: SearchResponse): HTMLElement | null {
  const pages = Math.max(1, Math.ceil(res.total / res.perPage));
  if (pages <= 1) return null;
  const page = Math.min(state.page, pages);
  return h(
    'nav',
    { class: 'pagination', 'aria-label': t().pagination },
    page > 1 ? h('a', { class: 'button', href: hrefFor({ ...state, page: page - 1 }), rel: 'prev' }, `← ${t().prev}`) : h('span', {}),
    h('span', { class: 'page-of', 'aria-current': 'page' }, t().pageOf(page, pages)),
    page < pages ? h('a', { class: 'button', href: hrefFor({ ...state, page: page + 1 }), rel: 'next' }, `${t().next} →`) : h('span', {}),
  );
}

/**
 * No exact match for a query typed with diacritics: say so, and offer the search without them
 * (never shown in their place: a count must mean what was typed).
 */
function relaxedOffer(state: SearchState, relaxed: { query: string; total: number }): HTMLElement {
  return h(
    'div',
    { class: 'notice empty-state relaxed-offer' },
    h('p', { class: 'notice-title' }, t().noExactMatch(state.q.trim())),
    h('p', {}, h('a', { class: 'button relaxed-search', href: hrefFor({ ...state, q: relaxed.query, page: 1 }) }, t().relaxedSearch(relaxed.query, relaxed.total))),
  );
}

function emptyState(state: SearchState): HTMLElement {
  const q = state.q.trim();
  const tips: HTMLElement[] = [];
  const folded = foldDiacritics(q);
  if (q && folded !== q) tips.push(h('li', {}, h('a', { href: hrefFor({ ...state, q: folded, page: 1 }) }, t().tipNoDiacritics(folded))));
  const words = q.split(/\s+/).filter(Boolean);
  if (words.length > 1) {
    const fewer = words.slice(0, Math.max(1, Math.ceil(words.length / 2))).join(' ');
    tips.push(h('li', {}, h('a', { href: hrefFor({ ...state, q: fewer, page: 1 }) }, t().tipFewerWords(fewer))));
  }
  if (hasFilters(state)) {
    tips.push(h('li', {}, h('a', { href: hrefFor({ ...state, filters: emptySearchState().filters, page: 1 }) }, t().tipRemoveFilters)));
  }
  tips.push(h('li', {}, t().tipCheckSpelling));
  return h('div', { class: 'notice empty-state' }, h('p', { class: 'notice-title' }, t().noResults), h('p', {}, t().noResultsTips), h('ul', {}, ...tips));
}

/** Forgets the mounted view (called when another page replaces it). */
export function unmountSearch(): void {
  inflight?.abort();
  clearFeedLink();
  seq++;
  view = null;
}
