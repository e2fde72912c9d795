/**
 * Index settings, each chosen for Vietnamese research use; search/README.md explains them.
 *
 * @see https://www.meilisearch.com/docs/reference/api/settings
 */
import { createHash } from 'node:crypto';
import type { Settings } from 'meilisearch';

/** Deepest result any index returns (`pagination.maxTotalHits`); the API bounds page × perPage by it. */
export const MAX_TOTAL_HITS = 100_000;

/** Filterable attribute behind each API filter / facet name. */
export const FACET_ATTRIBUTES = {
  event: 'eventIds',
  speaker: 'speakerId',
  year: 'year',
  kind: 'kind',
  source: 'source',
} as const;

/**
 * Settings of the passages index.
 *
 * - searchableAttributes: the text first, then the KB aliases of the entities it names; the Telex
 *   twins are searched only with `attributesToSearchOn` when the query carries diacritics; the
 *   context (speaker, tagged events) last, and only when the text finds nothing.
 *   @see https://www.meilisearch.com/docs/learn/relevancy/displayed_searchable_attributes
 * - rankingRules: `sort` first, so "by date" is strictly chronological among matches; without a
 *   sort parameter it is a no-op and relevance applies. @see https://www.meilisearch.com/docs/learn/relevancy/ranking_rules
 *   Last, `articleId:asc`, `ordinal:asc` (custom ranking rules): equally relevant passages come in
 *   a fixed order (article, then position in it) instead of the engine's internal document order,
 *   which an incremental update changes and which differs between shards; a federated search
 *   merges the shards' hits by these values too, so a page across shards is the page one engine
 *   gives (tests/search/federation.test.ts). @see https://www.meilisearch.com/docs/learn/relevancy/custom_ranking_rules
 * - typoTolerance: Vietnamese syllables are 1–7 letters and `tuong`/`truong`/`thuong` are one edit
 *   apart, so no typo below 8 letters (foreign names can still get one), none on the Telex and
 *   alias fields, none on numbers ("31" must not match "32"). @see https://www.meilisearch.com/docs/learn/relevancy/typo_tolerance_settings
 * - prefixSearch disabled: a prefix match on "ban" finds "bang" and cannot be highlighted as a whole
 *   syllable; counts must mean "contains these syllables". @see https://www.meilisearch.com/docs/reference/api/settings#prefix-search
 * - facetSearch false: nothing searches within facet values (the UI lists the counted values), so
 *   the engine need not build the facet-search structures at every reindex.
 *   @see https://www.meilisearch.com/docs/reference/api/settings#facet-search
 * - faceting.maxValuesPerFacet 1000: more than 100 speakers stay countable.
 *   @see https://www.meilisearch.com/docs/reference/api/settings#faceting
 * - pagination.maxTotalHits 100000: exact totals and full exports (the corpus is far smaller).
 *   @see https://www.meilisearch.com/docs/reference/api/settings#pagination
 * - proximityPrecision stays `byWord` (the default): `byAttribute` makes the index 27 % smaller but
 *   lowered `npm run eval` (MRR@10 0.995 → 0.983, nDCG@10 0.928 → 0.899 on queries.jsonl; leader
 *   Recall@5 0.981 → 0.973): a two-syllable word and adjacent pairs of a pasted quote need word
 *   positions. BENCHMARKS.md, "Ingest and index at 100 000 passages". @see https://www.meilisearch.com/docs/reference/api/settings#proximity-precision
 * - searchCutoffMs 3000: long pasted quotes run several searches; a cut-off search returns partial
 *   results silently, so allow more than the 1500 ms default. @see https://www.meilisearch.com/docs/reference/api/settings#search-cutoff
 */
export const PASSAGE_SETTINGS: Settings = {
  searchableAttributes: ['textFolded', 'aliasesFolded', 'textTelex', 'aliasesTelex', 'contextFolded', 'contextTelex'],
  filterableAttributes: ['id', 'articleId', 'eventIds', 'speakerId', 'year', 'kind', 'source', 'dateSort'],
  sortableAttributes: ['dateSort', 'articleId', 'ordinal'],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'articleId:asc', 'ordinal:asc'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 8, twoTypos: 12 },
    disableOnAttributes: ['aliasesFolded', 'textTelex', 'aliasesTelex', 'contextFolded', 'contextTelex'],
    disableOnNumbers: true,
  },
  prefixSearch: 'disabled',
  facetSearch: false,
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  searchCutoffMs: 3000,
};

/**
 * Memory the local engine may use for indexing (`--max-indexing-memory`, bytes). Meilisearch's
 * default is two thirds of the machine's RAM, which on a shared 24 GiB host let a 100 000-passage
 * reindex hold 3.5 GiB; a cap makes the indexer flush to disk sooner. Measured in BENCHMARKS.md
 * ("Ingest and index at 100 000 passages, 4 Dec 2026").
 * @see https://www.meilisearch.com/docs/learn/indexing/ram_multithreading_performance
 */
export const ENGINE_MAX_INDEXING_MEMORY_BYTES = 512 * 2 ** 20;

/** Articles: looked up by id and listed; searchable by title for completeness; `sourceFile` finds the article an edited or deleted file held. */
export const ARTICLE_SETTINGS: Settings = {
  searchableAttributes: ['title'],
  filterableAttributes: ['id', 'eventIds', 'speakerIds', 'mentionIds', 'date', 'sourceFile'],
  sortableAttributes: ['date'],
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

/** People and events: small lists read whole. */
export const ENTITY_SETTINGS: Settings = {
  searchableAttributes: ['name', 'aliases'],
  filterableAttributes: ['id'],
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

/** The meta index holds one record: the corpus fingerprint the serving indexes were built from. */
export const META_SETTINGS: Settings = {
  searchableAttributes: ['id'],
};

/** Bumped when documents.ts changes what it builds for the same records (fields, keys). 2: the unsearched `aliases`/`context` forms are no longer stored. */
const DOCUMENT_FORMAT_VERSION = '2';

/**
 * A hash of every index setting and the document format: part of the build key a full reindex
 * records, so changed settings trigger a rebuild instead of being mixed with incremental updates.
 */
export const INDEX_FORMAT: string = createHash('sha256')
  .update(JSON.stringify([DOCUMENT_FORMAT_VERSION, PASSAGE_SETTINGS, ARTICLE_SETTINGS, ENTITY_SETTINGS, META_SETTINGS]))
  .digest('hex')
  .slice(0, 16);
