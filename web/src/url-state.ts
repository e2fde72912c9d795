/**
 * The search page's state, kept entirely in the URL (`?q=…&speaker=…&page=…`) so a search
 * can be shared and Back restores it. Pure functions: parse and serialise, nothing else.
 */

/** Filters the search page offers; several values of one filter are OR-ed by the API. */
export const FACETS = ['event', 'speaker', 'year', 'kind', 'source'] as const;
/** A facet name. */
export type FacetKey = (typeof FACETS)[number];

/** Result orders the API offers. */
export type SortKey = 'relevance' | 'date-desc' | 'date-asc';
const SORTS: readonly SortKey[] = ['relevance', 'date-desc', 'date-asc'];

/** Everything the search page shows, as the URL carries it. */
export interface SearchState {
  q: string;
  filters: Record<FacetKey, string[]>;
  sort: SortKey;
  /** 1-based. */
  page: number;
  /** Date range on the passage date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), inclusive. */
  from?: string;
  to?: string;
  /** True: the query is searched as typed (the reading's chip was removed). */
  literal?: boolean;
}

/** A date bound the API accepts. */
export const DATE_BOUND = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Longest query the UI sends: the API's own bound on `q` (500, server/schemas.ts), so a pasted
 * 300-character sentence is searched whole, never cut silently.
 */
export const MAX_QUERY_LENGTH = 500;
const MAX_PAGE = 1000;

/** A state with no query, no filter, first page, relevance order. */
export function emptySearchState(): SearchState {
  return { q: '', filters: { event: [], speaker: [], year: [], kind: [], source: [] }, sort: 'relevance', page: 1 };
}

/** Reads a search state from a query string; unknown or malformed values fall back to defaults. */
export function parseSearchState(params: URLSearchParams): SearchState {
  const state = emptySearchState();
  state.q = (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
  for (const key of FACETS) {
    // Accept both `speaker=a&speaker=b` and `speaker=a,b` (hand-written URLs).
    const values = params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    state.filters[key] = [...new Set(values)];
  }
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) state.sort = sort as SortKey;
  const page = Number.parseInt(params.get('page') ?? '', 10);
  if (Number.isFinite(page) && page >= 1) state.page = Math.min(page, MAX_PAGE);
  // Dates are kept as typed, valid or not: the page says which one is wrong instead of dropping it.
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key)?.trim();
    if (value) state[key] = value.slice(0, 10);
  }
  if (params.get('literal') === 'true') state.literal = true;
  return state;
}

/**
 * Writes a search state as query parameters, omitting defaults so URLs stay short and stable
 * (`?q=biển+đông&speaker=bui-thanh-son`). Extra parameters (e.g. `lang`) are kept.
 */
export function serializeSearchState(state: SearchState, keep?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  if (keep) for (const [k, v] of keep) if (!isSearchParam(k)) out.append(k, v);
  const q = state.q.trim();
  if (q) out.set('q', q);
  for (const key of FACETS) for (const v of state.filters[key]) out.append(key, v);
  if (state.sort !== 'relevance') out.set('sort', state.sort);
  if (state.page > 1) out.set('page', String(state.page));
  if (state.from) out.set('from', state.from);
  if (state.to) out.set('to', state.to);
  if (state.literal) out.set('literal', 'true');
  return out;
}

/** True for the parameters `SearchState` owns. */
export function isSearchParam(name: string): boolean {
  return name === 'q' || name === 'sort' || name === 'page' || name === 'from' || name === 'to' || name === 'literal' || (FACETS as readonly string[]).includes(name);
}

/** The API query string for a state (`/api/search?…`), with its page size. */
export function toApiQuery(state: SearchState, perPage: number): URLSearchParams {
  const out = serializeSearchState(state);
  out.set('sort', state.sort);
  out.set('page', String(state.page));
  out.set('perPage', String(perPage));
  return out;
}

/** Adds or removes one filter value, going back to page 1 (the old page may not exist any more). */
export function toggleFilter(state: SearchState, key: FacetKey, value: string): SearchState {
  const current = state.filters[key];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, filters: { ...state.filters, [key]: next }, page: 1 };
}

/** True when any filter has a value. */
export function hasFilters(state: SearchState): boolean {
  return FACETS.some((k) => state.filters[k].length > 0) || !!state.from || !!state.to;
}
