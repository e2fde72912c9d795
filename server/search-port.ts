/**
 * What the server needs of the search module: the `SearchService` contract (search/types.ts)
 * minus `reindex`, which only `npm start` (main.ts) calls on the concrete service. Derived, not
 * restated, so a change to the contract reaches the server's type checks at once.
 */
import type { SearchService } from '../search/types.ts';

/** The search operations the API routes and the web fallback call. */
export type SearchPort = Omit<SearchService, 'reindex'>;
