/**
 * The `/api/search` code path without HTTP: the same `SearchQuery` the route builds from its query
 * string (trimmed `q`, the route's own `effectiveSort`, first page), handed to the same
 * `SearchService.search`. Filters arrive already validated as `SearchFilters` (the route's
 * `buildFilters` only de-duplicates values and checks ids against the knowledge base).
 */
import type { SearchFilters, SearchHit } from '../search/types.ts';
import { effectiveSort } from '../server/routes/filters.ts';
import type { SearchPort } from '../server/search-port.ts';

/** Searches as `GET /api/search?q=…&<filters>&perPage=…` does, returning the first `perPage` hits. */
export async function searchLikeApi(search: Pick<SearchPort, 'search'>, q: string, filters: SearchFilters, perPage = 10): Promise<SearchHit[]> {
  const result = await search.search({ q: q.trim(), filters, sort: effectiveSort({ q, sort: 'relevance' }), page: 1, perPage });
  return result.hits;
}
