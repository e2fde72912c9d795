/**
 * The query path: a query is checked, parsed and searched on the passages index, with
 * disjunctive facet counts in the same multi-search, and turned into marked hits.
 */
import type { SearchParams } from 'meilisearch';
import { keyUnits } from '../lib/vietnamese.ts';
import { foldedSyllables, type AliasMatcher } from './aliases.ts';
import { PASSAGE_DOC_FIELDS, toPassageDoc } from './documents.ts';
import type { EngineClient, PassageQuery, PassageResponse } from './engine-client.ts';
import { SearchInputError } from './errors/search-input-error.ts';
import { emptyFacets, mergeFacets, ownFacetQuery, planFacets, type FacetPlan } from './facets.ts';
import { FACET_ATTRIBUTES } from './settings.ts';
import { buildFilter, idFilter } from './filters.ts';
import { highlightPassage, type HighlightTerms } from './highlight.ts';
import { interpretQuery, mergeReadingFilters, type ReadAlternative } from './interpret.ts';
import type { MetaStore } from './meta.ts';
import {
  attributesFor,
  chunkParts,
  engineWordCount,
  MAX_ENGINE_WORDS,
  parseQuery,
  relaxedQueryText,
  renderQuery,
  syllableKey,
  type MatchMode,
  type ParsedQuery,
  type QueryPart,
} from './query.ts';
import type { FacetName, RelaxedOffer, SearchFilters, SearchHit, SearchQuery, SearchResult, SearchSort } from './types.ts';

/** Longest query accepted, in characters (a long pasted paragraph still fits). */
export const MAX_QUERY_LENGTH = 2000;
/** Largest page a caller may ask for. */
export const MAX_PER_PAGE = 1000;
/** Candidates each chunk of a long pasted quote contributes. */
const QUOTE_CANDIDATES = 1000;
/** Candidates of a pasted quote re-ranked by word-for-word agreement. */
const QUOTE_RERANK = 50;
/** The marked text of a hit nobody will read (an export's). */
const UNMARKED = { highlighted: '', snippet: '' } as const;

/** The filters of one search: the whole expression for the hits, the plan for the facet counts. */
interface Filtering {
  filters: SearchFilters;
  filter: string | null;
  plan: FacetPlan;
}

/** A candidate passage of a pasted quote: chunks it matched and their summed ranking score. */
interface QuoteCandidate {
  id: string;
  coverage: number;
  score: number;
}

/** A search as the module runs it: the export passes `highlight: false`, as it reads no marked text. */
export type RunQuery = SearchQuery & { highlight?: boolean };

/** Sort expression of a sort choice; ties broken by article and position so pages are stable. */
export function sortFor(sort: SearchSort): string[] | undefined {
  if (sort === 'date-desc') return ['dateSort:desc', 'articleId:asc', 'ordinal:asc'];
  if (sort === 'date-asc') return ['dateSort:asc', 'articleId:asc', 'ordinal:asc'];
  return undefined;
}

/** Candidates of a quote's chunk results, most chunks matched first, then by summed score. */
function rankCandidates(results: PassageResponse[]): QuoteCandidate[] {
  const byId = new Map<string, QuoteCandidate>();
  for (const r of results) {
    for (const hit of r.hits) {
      const id = String(hit.id);
      const entry = byId.get(id) ?? { id, coverage: 0, score: 0 };
      entry.coverage += 1;
      entry.score += Number(hit._rankingScore ?? 0);
      byId.set(id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => b.coverage - a.coverage || b.score - a.score || a.id.localeCompare(b.id));
}

/** The ranked candidates that matched the most chunks: all of them for a faithful quote, fewer for a misquote. */
function bestCoverage(ranked: QuoteCandidate[]): QuoteCandidate[] {
  const best = ranked[0]?.coverage ?? 0;
  return ranked.filter((r) => r.coverage === best);
}

/** True for a query of two bare syllables, no quotes, no KB form: a Vietnamese word. */
function isTwoSyllableWord(parsed: ParsedQuery): boolean {
  return parsed.syllables.length === 2 && parsed.parts.every((p) => !p.phrase && !p.negated) && !parsed.namesKnownForm;
}

function emptyResult(query: SearchQuery): Omit<SearchResult, 'tookMs'> {
  return { hits: [], total: 0, facets: emptyFacets(), page: query.page, perPage: query.perPage };
}

function checkQuery(q: SearchQuery): void {
  if (typeof q.q !== 'string') throw new SearchInputError('q must be a string');
  if (q.q.length > MAX_QUERY_LENGTH) throw new SearchInputError(`q is longer than ${MAX_QUERY_LENGTH} characters`);
  if (!Number.isInteger(q.page) || q.page < 1) throw new SearchInputError(`invalid page ${JSON.stringify(q.page)}`);
  if (!Number.isInteger(q.perPage) || q.perPage < 1 || q.perPage > MAX_PER_PAGE) {
    throw new SearchInputError(`invalid perPage ${JSON.stringify(q.perPage)} (1–${MAX_PER_PAGE})`);
  }
  if (!['relevance', 'date-desc', 'date-asc'].includes(q.sort)) throw new SearchInputError(`invalid sort ${JSON.stringify(q.sort)}`);
}

/** What the query asks to mark, from its parts and the KB forms it names. */
function highlightTermsFor(parts: QueryPart[], mode: MatchMode, matcher: AliasMatcher | null): HighlightTerms {
  const sequences = parts.map((p) => p.syllables.map((s) => syllableKey(s, mode)));
  const foldedSequences: string[][] = [];
  if (matcher) {
    const folded = parts.flatMap((p) => p.syllables.map((s) => syllableKey(s, 'folded')));
    const groups = new Set(matcher.matches(folded).map((m) => m.group));
    for (const g of groups) for (const form of g.forms) foldedSequences.push(foldedSyllables(form));
  }
  return { mode, sequences, foldedSequences };
}

/** One reading of a query: how the engine is asked (mode, fields, phrase or words). */
export interface PlanReading {
  /** `exact word`, `exact words`, `exact context`, `folded word`, … : what the answer reports. */
  name: string;
  mode: MatchMode;
  /** `word`: a bare two-syllable query as one phrase; `words`: every part; `context`: words on text + speaker + events. */
  reading: 'word' | 'words' | 'context';
  /** The parts as this reading sends them. */
  parts: QueryPart[];
  /** The engine's `q` (keys of the mode, phrases quoted). */
  q: string;
  /** `attributesToSearchOn`. */
  attributes: string[];
}

/**
 * A query's plan, decided before the engine is asked: a plain value to print, test and show
 * (like EXPLAIN). `readings` go to the engine in one multi-search and the first that finds a
 * passage answers; `relaxed` are only counted, for the offer to search without diacritics.
 */
export interface SearchPlan {
  /** `list`: nothing to match (empty, or punctuation only); `quote`: longer than the engine reads; `words`: the rest. */
  kind: 'list' | 'words' | 'quote';
  mode: MatchMode;
  readings: PlanReading[];
  relaxed: PlanReading[];
  /** The query to run without diacritics (exact queries only), else null. */
  relaxedQuery: string | null;
}

function reading(parsed: ParsedQuery, mode: MatchMode, kind: PlanReading['reading']): PlanReading {
  const parts = kind === 'word' ? [{ phrase: true, syllables: parsed.syllables }] : parsed.parts;
  return {
    name: `${mode} ${kind}`,
    mode,
    reading: kind,
    parts,
    q: renderQuery(parts, mode),
    attributes: attributesFor(mode, parsed.namesKnownForm, kind === 'context'),
  };
}

/**
 * Plans a parsed query. Most Vietnamese words are two syllables: "Thứ trưởng" means the word,
 * not "Thứ ba, … Bộ trưởng", so a bare two-syllable query is read as a phrase first, then as all
 * words; last, the words may be split between the text and who said it or which event it belongs
 * to ("tran luu quang gioi hon manh hon"). A query typed with diacritics is read only with them:
 * its folded readings are counted, never answered (`Lào` never answers "Lao động").
 */
export function planSearch(parsed: ParsedQuery): SearchPlan {
  if (parsed.syllables.length === 0) return { kind: 'list', mode: 'folded', readings: [], relaxed: [], relaxedQuery: null };
  const exact = parsed.mode === 'exact';
  const relaxedQuery = exact ? relaxedQueryText(parsed) : null;
  if (engineWordCount(parsed.parts) > MAX_ENGINE_WORDS) return { kind: 'quote', mode: parsed.mode, readings: [], relaxed: [], relaxedQuery };
  const kinds: PlanReading['reading'][] = isTwoSyllableWord(parsed) ? ['word', 'words', 'context'] : ['words', 'context'];
  return {
    kind: 'words',
    mode: parsed.mode,
    readings: kinds.map((k) => reading(parsed, parsed.mode, k)),
    relaxed: exact ? kinds.map((k) => reading(parsed, 'folded', k)) : [],
    relaxedQuery,
  };
}

/** Engine parameters of a reading: its fields, and every syllable required. */
function matchParams(v: PlanReading): SearchParams {
  // Every syllable must be there: a count for "Thủ tướng" must not include passages with only "thủ".
  return { attributesToSearchOn: v.attributes, matchingStrategy: 'all' };
}

/** Runs searches on the passages index for one engine and its meta record. */
export class QueryRunner {
  constructor(
    private readonly engine: EngineClient,
    private readonly meta: MetaStore,
  ) {}

  /** Runs one search: checked, read (speaker, topic, operators), parsed, planned, sent as one multi-search, marked. */
  async search(query: RunQuery): Promise<SearchResult> {
    checkQuery(query);
    // The query's reading, once, before planning: "Phạm Minh Chính ngoại giao kinh tế" is his words
    // about economic diplomacy. A reading from free words that finds nothing gives way to the words as typed.
    if (!query.literal) {
      const reading = interpretQuery(query.q, (await this.meta.load()).value?.reading ?? null, query.filters ?? {});
      if (reading.alternatives) {
        const read = await this.searchUnion(query, reading.alternatives);
        if (read.total > 0 || reading.strict) return { ...read, interpretation: reading.interpretation };
        const typed = await this.searchUnion(query, reading.typedAlternatives ?? reading.alternatives);
        return { ...typed, interpretation: { ...reading.interpretation, applied: false } };
      }
      if (reading.changed) {
        const read = await this.search({ ...query, q: reading.q, filters: mergeReadingFilters(query.filters ?? {}, reading.filters), literal: true });
        if (read.total > 0 || reading.strict) return { ...read, interpretation: reading.interpretation };
        const typed = await this.search({ ...query, literal: true });
        return { ...typed, interpretation: { ...reading.interpretation, applied: false } };
      }
    }
    const started = performance.now();
    const filters = query.filters ?? {};
    const filtering: Filtering = { filters, filter: buildFilter(filters), plan: planFacets(filters) };
    const { matcher } = await this.meta.load();
    const parsed = parseQuery(query.q, matcher);
    const plan = planSearch(parsed);
    let result: Omit<SearchResult, 'tookMs'>;
    if (plan.kind === 'list') result = await this.listByDate(query, filtering);
    else if (plan.kind === 'quote') result = await this.searchQuote(query, parsed, filtering, plan);
    else result = await this.runWords(query, plan, filtering, matcher);
    return { ...result, tookMs: Math.round(performance.now() - started) };
  }

  /**
   * Runs a words plan, asking the engine only what the page needs. The first reading goes alone
   * (page of hits and facet counts, one multi-search with its disjunctive-facet twins) and answers
   * in that one round trip when it finds anything — most queries. Only when it finds nothing are
   * the later readings asked, each as a `limit: 1` probe (an early-terminating search: does it
   * find anything?), beside the relaxed readings' counts (`hitsPerPage: 0`, exact: the offer shows
   * the total). The first later reading that finds a passage answers, with one more request for
   * its page and facets.
   *
   * Before (until this change) every later and relaxed reading was counted exhaustively in the
   * first multi-search of every query, which cost the engine two to five searches per page it
   * answered from the first reading alone (BENCHMARKS.md, "Query plan: only what the page needs").
   * @see https://www.meilisearch.com/docs/reference/api/search#number-of-results-per-page (hitsPerPage: exhaustive totalHits)
   */
  private async runWords(
    query: RunQuery,
    plan: SearchPlan,
    filtering: Filtering,
    matcher: AliasMatcher | null,
  ): Promise<Omit<SearchResult, 'tookMs'>> {
    const paging: SearchParams = { sort: sortFor(query.sort), page: query.page, hitsPerPage: query.perPage };
    const [first, ...later] = plan.readings;
    let { res, facets } = await this.searchFaceted(first!.q, matchParams(first!), paging, filtering);
    let answered = (res.totalHits ?? 0) > 0 ? 0 : -1;
    let relaxedTotal = 0;
    if (answered < 0 && later.length + plan.relaxed.length > 0) {
      const filter = filtering.filter ?? undefined;
      const probe = (v: PlanReading): PassageQuery => ({ ...matchParams(v), q: v.q, filter, limit: 1, attributesToRetrieve: ['id'] });
      const count = (v: PlanReading): PassageQuery => ({ ...matchParams(v), q: v.q, filter, page: 1, hitsPerPage: 0 });
      const asked = await this.engine.multiSearchPassages('searching', [...later.map(probe), ...plan.relaxed.map(count)]);
      const found = later.findIndex((_, i) => asked[i]!.hits.length > 0);
      if (found >= 0) {
        answered = found + 1;
        const v = plan.readings[answered]!;
        ({ res, facets } = await this.searchFaceted(v.q, matchParams(v), paging, filtering));
      } else {
        relaxedTotal = asked.slice(later.length).map((r) => r.totalHits ?? 0).find((t) => t > 0) ?? 0;
      }
    }
    if (answered >= 0) {
      const v = plan.readings[answered]!;
      const terms = highlightTermsFor(v.parts, v.mode, matcher);
      return {
        ...this.toResult(res.hits, res.totalHits ?? 0, facets, query, terms, v.reading === 'context' ? 'context' : v.mode),
        answeredBy: v.name,
      };
    }
    // Nothing answered: the first reading's facet counts (a filtered facet still shows where the
    // words are), and for a query typed with diacritics the offer of the relaxed search.
    const out: Omit<SearchResult, 'tookMs'> = { ...emptyResult(query), facets, matchMode: plan.mode, answeredBy: null };
    if (plan.relaxedQuery !== null) out.relaxed = { available: relaxedTotal > 0, query: plan.relaxedQuery, total: relaxedTotal };
    return out;
  }

  /**
   * `a OR b`: the union of the alternatives as ONE federated search (`federatedSearchPassages`):
   * each alternative is planned on its own and sent as its plan's first reading (the word as a
   * phrase for a bare two-syllable word, else all its words; exact or folded as typed) with its
   * own filters (the request's, the operators', a speaker read within it). The engine merges
   * the hits by ranking score (or by date for a date sort), lists a passage matched by several
   * alternatives once, counts the union exactly (`estimatedTotalHits` of a federation is the
   * union's size: measured, see tests/server/or-operator.test.ts) and counts the facets over it.
   *
   * What federation does not allow, and what is done instead:
   * - one federation per request: a facet with a filter (counted without its own filter, as on
   *   every search) needs a federated search of its own; they run beside the hits search, at the
   *   same time, not in the same round trip;
   * - no per-query totals: an alternative's later readings (all words after the phrase, the
   *   context fields) are not tried when its first reading finds nothing;
   * - the offer to search without diacritics costs one more federated count, only when the union
   *   found nothing.
   * @see https://www.meilisearch.com/docs/reference/api/multi_search#federation
   */
  private async searchUnion(query: RunQuery, alternatives: ReadAlternative[]): Promise<SearchResult> {
    const started = performance.now();
    const { matcher } = await this.meta.load();
    const members = alternatives
      .map((alt) => {
        const filters = mergeReadingFilters(query.filters ?? {}, alt.filters);
        const plan = planSearch(parseQuery(alt.q, matcher));
        if (plan.kind === 'quote') throw new SearchInputError(`an alternative of OR is longer than ${MAX_ENGINE_WORDS} words in the query: ${JSON.stringify(alt.q)}`);
        return { q: alt.q, filters, plan, reading: plan.readings[0] };
      })
      .filter((m): m is typeof m & { reading: PlanReading } => m.reading !== undefined);
    // Alternatives of punctuation only match nothing of their own; none left is a listing.
    if (members.length === 0) return this.search({ ...query, q: '', literal: true });
    const sort = sortFor(query.sort);
    const active = (Object.keys(FACET_ATTRIBUTES) as FacetName[]).filter((name) => members.some((m) => (m.filters[name]?.length ?? 0) > 0));
    const facetPlan: FacetPlan = {
      hitFacets: (Object.keys(FACET_ATTRIBUTES) as FacetName[]).filter((name) => !active.includes(name)).map((name) => FACET_ATTRIBUTES[name]),
      own: active.map((name) => ({ name, attribute: FACET_ATTRIBUTES[name], filters: {} })),
    };
    const queriesWith = (without: FacetName | null, v: (m: (typeof members)[number]) => PlanReading = (m) => m.reading): PassageQuery[] =>
      members.map((m) => ({
        ...matchParams(v(m)),
        q: v(m).q,
        filter: buildFilter(without ? { ...m.filters, [without]: undefined } : m.filters) ?? undefined,
        ...(sort ? { sort } : {}),
      }));
    const [res, ...own] = await Promise.all([
      this.engine.federatedSearchPassages(
        'searching alternatives (OR)',
        queriesWith(null).map((q) => ({ ...q, attributesToRetrieve: [...PASSAGE_DOC_FIELDS] })),
        { offset: (query.page - 1) * query.perPage, limit: query.perPage, facets: facetPlan.hitFacets },
      ),
      ...active.map((name) =>
        this.engine.federatedSearchPassages('counting alternatives (OR)', queriesWith(name), { limit: 0, facets: [FACET_ATTRIBUTES[name]] }),
      ),
    ]);
    const facets = mergeFacets(facetPlan, res!.facetDistribution, own.map((r) => r.facetDistribution));
    const total = res!.estimatedTotalHits ?? res!.totalHits ?? 0;
    const modes = new Set(members.map((m) => m.reading.mode));
    const mode: MatchMode = modes.has('exact') ? 'exact' : 'folded';
    // Every alternative's words are marked, each in its own mode (a folded one by folded keys).
    const terms: HighlightTerms = { mode, sequences: [], foldedSequences: [] };
    for (const m of members) {
      const t = highlightTermsFor(m.reading.parts, m.reading.mode, matcher);
      (t.mode === mode ? terms.sequences : terms.foldedSequences).push(...t.sequences);
      terms.foldedSequences.push(...t.foldedSequences);
    }
    const answeredBy = members.map((m) => m.reading.name).join(' OR ');
    let result: Omit<SearchResult, 'tookMs'>;
    if (total > 0) {
      result = { ...this.toResult(res!.hits, total, facets, query, terms, modes.size === 1 ? mode : 'exact'), answeredBy };
    } else {
      result = { ...emptyResult(query), facets, matchMode: mode, answeredBy: null };
      // Typed with diacritics and nothing found: offer the union without them, counted in one more federated search.
      if (members.some((m) => m.plan.relaxedQuery !== null)) {
        const folded = await this.engine.federatedSearchPassages('counting alternatives (OR) without diacritics', queriesWith(null, (m) => m.plan.relaxed[0] ?? m.reading), { limit: 0 });
        const relaxedTotal = folded.estimatedTotalHits ?? 0;
        result.relaxed = { available: relaxedTotal > 0, query: members.map((m) => m.plan.relaxedQuery ?? m.q).join(' OR '), total: relaxedTotal };
      }
    }
    return { ...result, tookMs: Math.round(performance.now() - started) };
  }

  /** The hits query of a reading and, per facet with a filter, its facet-only twin without that filter. */
  private facetedQueries(q: string, match: SearchParams, paging: SearchParams, filtering: Filtering): PassageQuery[] {
    const { plan } = filtering;
    return [
      { ...match, ...paging, q, filter: filtering.filter ?? undefined, facets: plan.hitFacets, attributesToRetrieve: [...PASSAGE_DOC_FIELDS] },
      ...plan.own.map((facet) => ownFacetQuery(q, match, facet)),
    ];
  }

  /**
   * One search with disjunctive facets, in one multi-search: the hits query (every filter; counts
   * the facets without a filter) and, per facet with a filter, a `limit: 0` twin with the same `q`
   * and `match` parameters minus that facet's filter. The query handling is decided by the caller
   * once, so every count uses the same mode (exact / folded / context) as the hits.
   */
  private async searchFaceted(
    q: string,
    match: SearchParams,
    paging: SearchParams,
    filtering: Filtering,
  ): Promise<{ res: PassageResponse; facets: SearchResult['facets'] }> {
    const [res, ...own] = await this.engine.multiSearchPassages('searching', this.facetedQueries(q, match, paging, filtering));
    return { res: res!, facets: mergeFacets(filtering.plan, res!.facetDistribution, own.map((r) => r.facetDistribution)) };
  }

  private async listByDate(query: RunQuery, filtering: Filtering): Promise<Omit<SearchResult, 'tookMs'>> {
    const { res, facets } = await this.searchFaceted('', {}, {
      sort: sortFor(query.sort === 'date-asc' ? 'date-asc' : 'date-desc'),
      page: query.page,
      hitsPerPage: query.perPage,
    }, filtering);
    const terms: HighlightTerms = { mode: 'folded', sequences: [], foldedSequences: [] };
    return this.toResult(res.hits, res.totalHits ?? 0, facets, query, terms, 'all');
  }

  /**
   * A pasted sentence longer than the engine reads (10 words): every chunk of ≤10 syllables is
   * searched in one multi-search; passages matching the most chunks win, then by summed score.
   * Disjunctive facets: the same candidate selection runs once more per facet with a filter,
   * without that filter (in the same multi-search), and that facet is counted on its candidates.
   */
  private async searchQuote(
    query: RunQuery,
    parsed: ParsedQuery,
    filtering: Filtering,
    searchPlan: SearchPlan,
  ): Promise<Omit<SearchResult, 'tookMs'>> {
    const { plan } = filtering;
    const chunks = chunkParts(parsed.parts);
    const usedMode: MatchMode = parsed.mode;
    const chunkQueries = (mode: MatchMode, filters: SearchFilters): PassageQuery[] =>
      chunks.map((chunk) => ({
        q: renderQuery(chunk, mode),
        attributesToSearchOn: attributesFor(mode, parsed.namesKnownForm),
        matchingStrategy: 'all' as const,
        filter: buildFilter(filters) ?? undefined,
        limit: QUOTE_CANDIDATES,
        attributesToRetrieve: ['id'],
        showRankingScore: true,
      }));
    // The hits' filter first, then each active facet's filters without its own values; for a
    // quote typed with diacritics, its folded chunks too (counted for the offer, never answered).
    const variants = [filtering.filters, ...plan.own.map((facet) => facet.filters)];
    const relaxing = searchPlan.relaxedQuery !== null;
    const chunkResults = await this.engine.multiSearchPassages('searching a quote', [
      ...variants.flatMap((filters) => chunkQueries(usedMode, filters)),
      ...(relaxing ? chunkQueries('folded', filtering.filters) : []),
    ]);
    const rankedBy = variants.map((_, v) => rankCandidates(chunkResults.slice(v * chunks.length, (v + 1) * chunks.length)));
    let relaxed: RelaxedOffer | undefined;
    if (relaxing && rankedBy[0]!.length === 0) {
      const total = bestCoverage(rankCandidates(chunkResults.slice(variants.length * chunks.length))).length;
      relaxed = { available: total > 0, query: searchPlan.relaxedQuery!, total };
    }
    const finish = (r: Omit<SearchResult, 'tookMs'>): Omit<SearchResult, 'tookMs'> =>
      relaxed ? { ...r, answeredBy: null, relaxed } : { ...r, answeredBy: r.total > 0 ? 'quote' : null };
    // Count what matched the most chunks: all of them for a faithful quote, fewer for a misquote.
    let selectedBy = rankedBy.map(bestCoverage);
    // Mark the quoted run, not every "và" and "của" of the passage: adjacent pairs of the quote.
    const keys = parsed.syllables.map((s) => syllableKey(s, usedMode));
    const terms: HighlightTerms = { mode: usedMode, sequences: keys.slice(1).map((k, i) => [keys[i]!, k]), foldedSequences: [] };
    // A quoted phrase too long for the engine was searched as words: keep only passages that hold it.
    const phrases = parsed.parts.filter((p) => p.phrase && !p.fromKb && p.syllables.length > 1);
    const union = [...new Map(selectedBy.flat().map((c) => [c.id, c])).values()];
    if (phrases.length > 0 && union.length > 0) {
      const kept = new Set((await this.keepPhrases(union, phrases, usedMode)).map((c) => c.id));
      selectedBy = selectedBy.map((selected) => selected.filter((c) => kept.has(c.id)));
    }
    const [first, ...ownSelected] = selectedBy;
    const selected = first!.length > 0 ? await this.rerankVerbatim(first!, parsed, usedMode) : [];

    const sort = sortFor(query.sort);
    const pageIds = sort ? [] : selected.slice((query.page - 1) * query.perPage, query.page * query.perPage).map((r) => r.id);
    const hitQueries: PassageQuery[] = [];
    if (selected.length > 0) {
      const inSet = buildFilter(filtering.filters, [idFilter(selected.map((r) => r.id))]) ?? undefined;
      hitQueries.push(
        sort
          ? { q: '', filter: inSet, sort, facets: plan.hitFacets, page: query.page, hitsPerPage: query.perPage, attributesToRetrieve: [...PASSAGE_DOC_FIELDS] }
          : { q: '', filter: inSet, facets: plan.hitFacets, limit: 0 },
      );
      if (pageIds.length > 0) hitQueries.push({ q: '', filter: idFilter(pageIds), limit: pageIds.length, attributesToRetrieve: [...PASSAGE_DOC_FIELDS] });
    }
    // A facet whose quote search found nothing has no counts (and needs no query).
    const ownQueries = plan.own.flatMap((facet, i) => {
      const ids = ownSelected[i]!.map((c) => c.id);
      return ids.length > 0 ? [ownFacetQuery('', {}, facet, [idFilter(ids)])] : [];
    });
    const results = await this.engine.multiSearchPassages('searching a quote', [...hitQueries, ...ownQueries]);
    const ownResults = results.slice(hitQueries.length);
    let k = 0;
    const ownDistributions = ownSelected.map((s) => (s.length > 0 ? ownResults[k++]?.facetDistribution : undefined));
    const main = results[0];
    const facets = mergeFacets(plan, selected.length > 0 ? main?.facetDistribution : undefined, ownDistributions);
    if (selected.length === 0 || !main) return finish(this.toResult([], 0, facets, query, terms, 'quote'));
    if (sort) return finish(this.toResult(main.hits, main.totalHits ?? 0, facets, query, terms, 'quote'));
    const byId = new Map((results[1]?.hits ?? []).map((h) => [String(h.id), h]));
    const hits = pageIds.map((id) => byId.get(id)).filter((h): h is Record<string, any> => h !== undefined);
    return finish(this.toResult(hits, selected.length, facets, query, terms, 'quote'));
  }

  /** The candidates whose text holds every phrase as consecutive syllables (in the mode's keys). */
  private async keepPhrases<T extends { id: string }>(candidates: T[], phrases: QueryPart[], mode: MatchMode): Promise<T[]> {
    const wanted = phrases.map((p) => p.syllables.map((s) => syllableKey(s, mode)).join(' '));
    const texts = await this.textKeys(candidates.map((c) => c.id), mode);
    return candidates.filter((c) => {
      const own = texts.get(c.id);
      // Spaces around the key sequence so "hoa binh" does not match inside "thoa binh".
      const keys = own ? ` ${own.join(' ')} ` : null;
      return keys !== null && wanted.every((w) => keys.includes(` ${w} `));
    });
  }

  /** The syllable keys (in a mode) of each passage's text, read from the engine 500 passages at a time. */
  private async textKeys(ids: string[], mode: MatchMode): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      const res = await this.engine.searchPassages('', { filter: idFilter(slice), limit: slice.length, attributesToRetrieve: ['id', 'text'] });
      for (const hit of res.hits) out.set(String(hit.id), keyUnits(String(hit.text)).map((s) => syllableKey(s.text, mode)));
    }
    return out;
  }

  /**
   * Puts the passage that carries the quote word for word first: the head of the candidates is
   * re-ranked by how many of the quote's adjacent syllable pairs it contains in the same order.
   * Chunk scores alone can prefer a passage that has every word of each chunk, scattered.
   */
  private async rerankVerbatim<T extends { id: string; score: number }>(
    candidates: T[],
    parsed: ParsedQuery,
    mode: MatchMode,
  ): Promise<T[]> {
    const head = candidates.slice(0, QUOTE_RERANK);
    const texts = await this.textKeys(head.map((c) => c.id), mode);
    const keys = parsed.syllables.map((s) => syllableKey(s, mode));
    const wanted = new Set(keys.slice(1).map((k, i) => `${keys[i]} ${k}`));
    const pairs = new Map<string, number>();
    for (const [id, own] of texts) {
      const found = new Set(own.slice(1).map((k, i) => `${own[i]} ${k}`).filter((p) => wanted.has(p)));
      pairs.set(id, found.size);
    }
    const sorted = [...head].sort((a, b) => (pairs.get(b.id) ?? 0) - (pairs.get(a.id) ?? 0) || b.score - a.score);
    return [...sorted, ...candidates.slice(QUOTE_RERANK)];
  }

  private toResult(
    rawHits: Record<string, any>[],
    total: number,
    facets: SearchResult['facets'],
    query: RunQuery,
    terms: HighlightTerms,
    matchMode: SearchResult['matchMode'],
  ): Omit<SearchResult, 'tookMs'> {
    const hits: SearchHit[] = rawHits.map((raw) => {
      const passage = toPassageDoc(raw);
      return { passage, ...(query.highlight === false ? UNMARKED : highlightPassage(passage.text, terms)) };
    });
    return { hits, total, facets, page: query.page, perPage: query.perPage, matchMode };
  }
}
