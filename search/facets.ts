/**
 * Disjunctive faceting: the counts of a facet are taken with every filter except its own, so a
 * researcher who picked speaker A still sees speaker B's count and can add B (values of one
 * filter are OR-ed). The other facets' filters still apply: with speaker A picked, the year facet
 * counts A's passages by year.
 *
 * One search answers the hits and the facets that have no filter; each facet with a filter gets a
 * `limit: 0` facet-only twin of the same search (same `q`, same attributes, same matching) with
 * that filter left out. All of them go in one `multiSearch`, so the page costs one round trip.
 * @see https://www.meilisearch.com/docs/learn/filtering_and_sorting/search_with_facet_filters
 * @see https://www.meilisearch.com/docs/reference/api/multi_search
 */
import type { SearchParams } from 'meilisearch';
import { buildFilter } from './filters.ts';
import { FACET_ATTRIBUTES } from './settings.ts';
import type { FacetName, SearchFilters, SearchResult } from './types.ts';

const FACET_NAMES = Object.keys(FACET_ATTRIBUTES) as FacetName[];

/** A facet with a filter on it, counted by its own query without that filter. */
export interface OwnFacet {
  name: FacetName;
  attribute: string;
  /** The filters minus this facet's own values. */
  filters: SearchFilters;
}

/** Which facets the hits query counts and which need a facet-only query of their own. */
export interface FacetPlan {
  /** Attributes counted by the hits query: the facets without a filter. */
  hitFacets: string[];
  /** One entry per facet with a filter, in `FacetName` order. */
  own: OwnFacet[];
}

/** Splits the facets of a search into those the hits query counts and those counted on their own. */
export function planFacets(filters: SearchFilters): FacetPlan {
  const active = FACET_NAMES.filter((name) => (filters[name]?.length ?? 0) > 0);
  return {
    hitFacets: FACET_NAMES.filter((name) => !active.includes(name)).map((name) => FACET_ATTRIBUTES[name]),
    own: active.map((name) => ({ name, attribute: FACET_ATTRIBUTES[name], filters: { ...filters, [name]: undefined } })),
  };
}

/**
 * The facet-only twin of a search for one active facet: the same query and matching, that
 * facet's filter left out (`extra` clauses, such as a quote's candidate ids, kept), no hits.
 */
export function ownFacetQuery(q: string, match: SearchParams, facet: OwnFacet, extra: string[] = []): SearchParams & { q: string } {
  return { ...match, q, filter: buildFilter(facet.filters, extra) ?? undefined, facets: [facet.attribute], limit: 0 };
}

/** No counts for any facet. */
export function emptyFacets(): SearchResult['facets'] {
  return { event: {}, speaker: {}, year: {}, kind: {}, source: {} };
}

type Distribution = Record<string, Record<string, number>> | undefined;

/**
 * The facets of a result: the hits query's distribution for facets without a filter, each active
 * facet's own query for the others (`undefined` when that query was not needed: no candidates).
 */
export function mergeFacets(plan: FacetPlan, hits: Distribution, own: Distribution[] = []): SearchResult['facets'] {
  const facets = emptyFacets();
  for (const name of FACET_NAMES) {
    const attribute = FACET_ATTRIBUTES[name];
    const i = plan.own.findIndex((f) => f.name === name);
    const source = i === -1 ? hits : own[i];
    facets[name] = { ...(source?.[attribute] ?? {}) };
  }
  return facets;
}
