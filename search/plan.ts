/**
 * The query path: a query is checked, parsed and searched on the passages index, with
 * disjunctive facet counts in the same multi-search, and turned into marked hits.
 */
import type { SearchParams } from 'meilisearch';
import { splitSyllables } from '../lib/vietnamese.ts';
import { foldedSyllables, type AliasMatcher } from './aliases.ts';
import { PASSAGE_DOC_FIELDS, toPassageDoc } from './documents.ts';
import type { EngineClient, PassageQuery, PassageResponse } from './engine-client.ts';
import { SearchInputError } from './errors/search-input-error.ts';
import { emptyFacets, mergeFacets, ownFacetQuery, planFacets, type FacetPlan } from './facets.ts';
import { buildFilter, idFilter } from './filters.ts';
import { highlightPassage, type HighlightTerms } from './highlight.ts';
import { interpretQuery, mergeReadingFilters } from './interpret.ts';
import type { MetaStore } from './meta.ts';
import {
  attributesFor,
  chunkParts,
  engineWordCount,
  MAX_ENGINE_WORDS,
  parseQuery,
  renderQuery,
  syllableKey,
  type MatchMode,
  type ParsedQuery,
  type QueryPart,
} from './query.ts';
import type { SearchFilters, SearchHit, SearchQuery, SearchResult, SearchSort } from './types.ts';

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

/** Runs searches on the passages index for one engine and its meta record. */
export class QueryRunner {
  constructor(
    private readonly engine: EngineClient,
    private readonly meta: MetaStore,
  ) {}

  /** Runs one search: checked, read (speaker, topic, operators), parsed, searched, marked. */
  async search(query: RunQuery): Promise<SearchResult> {
    checkQuery(query);
    // The query's reading, once, before planning: "Phạm Minh Chính ngoại giao kinh tế" is his words
    // about economic diplomacy. A reading from free words that finds nothing gives way to the words as typed.
    if (!query.literal) {
      const reading = interpretQuery(query.q, (await this.meta.load()).value?.reading ?? null, query.filters ?? {});
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
    let result: Omit<SearchResult, 'tookMs'>;
    if (parsed.syllables.length === 0) {
      result = await this.listByDate(query, filtering);
    } else if (engineWordCount(parsed.parts) > MAX_ENGINE_WORDS) {
      result = await this.searchQuote(query, parsed, filtering, matcher);
    } else {
      // Most Vietnamese words are two syllables: "Thứ trưởng" means the word, not "Thứ ba, … Bộ
      // trưởng". A bare two-syllable query is read as a phrase first, as all words if that finds nothing.
      const asWord = isTwoSyllableWord(parsed) ? [{ ...parsed, parts: [{ phrase: true, syllables: parsed.syllables }] }] : [];
      // Nothing with these exact diacritics (a mistyped tone?): fall back to folded matching.
      const modes: MatchMode[] = parsed.mode === 'exact' ? ['exact', 'folded'] : ['folded'];
      result = emptyResult(query);
      search: {
        for (const mode of modes) {
          for (const variant of [...asWord, parsed]) {
            result = await this.searchWords(query, variant, mode, filtering, matcher);
            if (result.total > 0) break search;
          }
        }
        // Last resort: the words may be split between the text and who said it or which event it
        // belongs to ("tran luu quang gioi hon manh hon").
        for (const mode of modes) {
          result = await this.searchWords(query, parsed, mode, filtering, matcher, true);
          if (result.total > 0) break search;
        }
      }
    }
    return { ...result, tookMs: Math.round(performance.now() - started) };
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
    const { plan } = filtering;
    const [res, ...own] = await this.engine.multiSearchPassages('searching', [
      { ...match, ...paging, q, filter: filtering.filter ?? undefined, facets: plan.hitFacets, attributesToRetrieve: [...PASSAGE_DOC_FIELDS] },
      ...plan.own.map((facet) => ownFacetQuery(q, match, facet)),
    ]);
    return { res: res!, facets: mergeFacets(plan, res!.facetDistribution, own.map((r) => r.facetDistribution)) };
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

  private async searchWords(
    query: RunQuery,
    parsed: ParsedQuery,
    mode: MatchMode,
    filtering: Filtering,
    matcher: AliasMatcher | null,
    withContext = false,
  ): Promise<Omit<SearchResult, 'tookMs'>> {
    const match: SearchParams = {
      attributesToSearchOn: attributesFor(mode, parsed.namesKnownForm, withContext),
      // Every syllable must be there: a count for "Thủ tướng" must not include passages with only "thủ".
      matchingStrategy: 'all',
    };
    const paging: SearchParams = { sort: sortFor(query.sort), page: query.page, hitsPerPage: query.perPage };
    const { res, facets } = await this.searchFaceted(renderQuery(parsed.parts, mode), match, paging, filtering);
    const terms = highlightTermsFor(parsed.parts, mode, matcher);
    return this.toResult(res.hits, res.totalHits ?? 0, facets, query, terms, withContext ? 'context' : mode);
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
    matcher: AliasMatcher | null,
  ): Promise<Omit<SearchResult, 'tookMs'>> {
    const { plan } = filtering;
    const chunks = chunkParts(parsed.parts);
    const modes: MatchMode[] = parsed.mode === 'exact' ? ['exact', 'folded'] : ['folded'];
    // The hits' filter first, then each active facet's filters without its own values.
    const variants = [filtering.filters, ...plan.own.map((facet) => facet.filters)];
    let rankedBy: QuoteCandidate[][] = variants.map(() => []);
    let usedMode: MatchMode = parsed.mode;
    for (const mode of modes) {
      usedMode = mode;
      const results = await this.engine.multiSearchPassages(
        'searching a quote',
        variants.flatMap((filters) =>
          chunks.map((chunk) => ({
            q: renderQuery(chunk, mode),
            attributesToSearchOn: attributesFor(mode, parsed.namesKnownForm),
            matchingStrategy: 'all' as const,
            filter: buildFilter(filters) ?? undefined,
            limit: QUOTE_CANDIDATES,
            attributesToRetrieve: ['id'],
            showRankingScore: true,
          })),
        ),
      );
      rankedBy = variants.map((_, v) => rankCandidates(results.slice(v * chunks.length, (v + 1) * chunks.length)));
      if (rankedBy[0]!.length > 0) break;
    }
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
    if (selected.length === 0 || !main) return this.toResult([], 0, facets, query, terms, 'quote');
    if (sort) return this.toResult(main.hits, main.totalHits ?? 0, facets, query, terms, 'quote');
    const byId = new Map((results[1]?.hits ?? []).map((h) => [String(h.id), h]));
    const hits = pageIds.map((id) => byId.get(id)).filter((h): h is Record<string, any> => h !== undefined);
    return this.toResult(hits, selected.length, facets, query, terms, 'quote');
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
      for (const hit of res.hits) out.set(String(hit.id), splitSyllables(String(hit.text)).map((s) => syllableKey(s.text, mode)));
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
