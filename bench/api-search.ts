/**
 * The `/api/search` code path without HTTP: the same `SearchQuery` the route builds from its query
 * string (relevance order, first page), handed to the same `SearchService.search`.
 */
import type { SearchFilters, SearchHit } from '../search/types.ts';
import type { SearchPort } from '../server/search-port.ts';

/** Searches as `GET /api/search?q=…&<filters>` does, returning the first `perPage` hits. */
export async function searchLikeApi(search: Pick<SearchPort, 'search'>, q: string, filters: SearchFilters, perPage = 10): Promise<SearchHit[]> {
  const result = await search.search({ q, filters, sort: 'relevance', page: 1, perPage });
  return result.hits;
}
