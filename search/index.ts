/**
 * The search module: the only importer of the `meilisearch` client. Index settings, document
 * upload, atomic reindex, Vietnamese-aware search, task waiting and engine errors live here;
 * ingest and the server reach the engine only through `SearchService`.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Index,
  type SearchParams,
  type SearchResponse,
  type Settings,
  type Task,
} from 'meilisearch';
import type { Logger } from 'pino';
import type { Article, Event, KnowledgeBase, Person } from '../ingest/types.ts';
import type { Config } from '../lib/config.ts';
import { splitSyllables } from '../lib/vietnamese.ts';
import { AliasMatcher, buildAliasGroups, foldedSyllables, type AliasGroup } from './aliases.ts';
import { buildPassageDocs, PASSAGE_DOC_FIELDS, toPassageDoc } from './documents.ts';
import { startLocalEngine, type EngineHandle } from './engine.ts';
import { EngineTaskError } from './errors/engine-task-error.ts';
import { EngineUnavailableError } from './errors/engine-unavailable-error.ts';
import { SearchInputError } from './errors/search-input-error.ts';
import { emptyFacets, mergeFacets, ownFacetQuery, planFacets, type FacetPlan } from './facets.ts';
import { buildFilter, idFilter } from './filters.ts';
import { highlightPassage, type HighlightTerms } from './highlight.ts';
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
import { ARTICLE_SETTINGS, ENTITY_SETTINGS, META_SETTINGS, PASSAGE_SETTINGS } from './settings.ts';
import type {
  EngineHealth,
  PassageDoc,
  RecordSet,
  SearchFilters,
  SearchHit,
  SearchQuery,
  SearchResult,
  SearchService,
  SearchServiceOptions,
  SearchSort,
} from './types.ts';

export { EngineTaskError } from './errors/engine-task-error.ts';
export { EngineUnavailableError } from './errors/engine-unavailable-error.ts';
export { SearchInputError } from './errors/search-input-error.ts';
export { EngineStartError, type EngineHandle } from './engine.ts';
export type * from './types.ts';

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
/** Documents per upload request. */
const UPLOAD_BATCH = 1000;
/** How long cached KB aliases are trusted before the meta record is read again. */
const META_TTL_MS = 30_000;
/** Task waits: a large upload on a busy machine takes minutes, not the client's default 5 s. */
const TASK_WAIT = { timeout: 600_000, interval: 50 };
/** Longest pause between two polls of a long task. */
const TASK_POLL_MAX_MS = 1000;

const INDEX_NAMES = ['passages', 'articles', 'people', 'events', 'meta'] as const;
type IndexName = (typeof INDEX_NAMES)[number];
const NEXT_SUFFIX = '__next';
const META_ID = 'corpus';

/** One query of a multi-search on the passages index. */
type PassageQuery = SearchParams & { q: string };

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
type RunQuery = SearchQuery & { highlight?: boolean };

/** The one record of the meta index. */
interface MetaDoc {
  id: typeof META_ID;
  fingerprint: string;
  indexedAt: string;
  /** KB alias groups, so query expansion works after a restart without reindexing. */
  aliasGroups: AliasGroup[];
}

/**
 * Connects to the engine: `config.meili` (MEILI_URL / MEILI_MASTER_KEY) when set, else a local
 * Meilisearch started as a child process. The caller calls `stop()` on exit (also on SIGINT).
 */
export async function connectEngine(config: Config, log?: Logger): Promise<EngineHandle> {
  if (config.meili) {
    log?.info({ url: config.meili.url }, 'using external Meilisearch');
    return { url: config.meili.url, masterKey: config.meili.masterKey, process: null, stop: async () => {} };
  }
  log?.info({ dataDir: config.dataDir }, 'starting local Meilisearch');
  const handle = await startLocalEngine({
    dataDir: config.dataDir,
    bin: config.meiliBin,
    onLog: (line) => log?.debug({ engine: line }, 'meilisearch'),
  });
  // Last resort if the caller forgets: never leave an orphan engine holding the data directory.
  const killOnExit = () => handle.process?.kill('SIGTERM');
  process.once('exit', killOnExit);
  log?.info({ url: handle.url }, 'local Meilisearch ready');
  return {
    ...handle,
    stop: async () => {
      process.off('exit', killOnExit);
      await handle.stop();
    },
  };
}

function isNotFound(err: unknown): boolean {
  if (!(err instanceof MeilisearchApiError)) return false;
  const code = err.cause?.code;
  return code === 'index_not_found' || code === 'document_not_found' || err.response.status === 404;
}

/** Sort expression of a sort choice; ties broken by article and position so pages are stable. */
function sortFor(sort: SearchSort): string[] | undefined {
  if (sort === 'date-desc') return ['dateSort:desc', 'articleId:asc', 'ordinal:asc'];
  if (sort === 'date-asc') return ['dateSort:asc', 'articleId:asc', 'ordinal:asc'];
  return undefined;
}

/** What a search of an index that does not exist yet returns: nothing. */
function emptyResponse(q: string): SearchResponse<Record<string, any>> {
  return { hits: [], totalHits: 0, facetDistribution: {}, processingTimeMs: 0, query: q } as unknown as SearchResponse<Record<string, any>>;
}

/** Candidates of a quote's chunk results, most chunks matched first, then by summed score. */
function rankCandidates(results: SearchResponse<Record<string, any>>[]): QuoteCandidate[] {
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
  return parsed.syllables.length === 2 && parsed.parts.every((p) => !p.phrase) && !parsed.namesKnownForm;
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

/** A bad document named from the engine's message (ids appear in it quoted) or the batch's only id. */
function taskError(what: string, task: Task, batch: { id: unknown }[] = []): EngineTaskError {
  const message = task.error?.message ?? `task ${task.uid} ${task.status}`;
  const ids = batch.map((d) => String(d.id));
  const documentId = ids.find((id) => id && message.includes(id)) ?? (ids.length === 1 ? ids[0]! : null);
  return new EngineTaskError(`${what} failed${documentId ? ` for document ${JSON.stringify(documentId)}` : ''}: ${message}`, {
    documentId,
    taskUid: task.uid,
    code: task.error?.code ?? null,
    cause: task.error,
  });
}

/** Fails before upload when two records share an id (the engine would silently keep one). */
function checkIds(name: string, docs: { id: unknown }[]): void {
  const seen = new Set<string>();
  for (const [i, doc] of docs.entries()) {
    if (typeof doc.id !== 'string' || doc.id === '') {
      throw new EngineTaskError(`${name} record #${i} has no string id`, { documentId: null });
    }
    if (seen.has(doc.id)) throw new EngineTaskError(`duplicate ${name} id ${JSON.stringify(doc.id)}`, { documentId: doc.id });
    seen.add(doc.id);
  }
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

class MeiliSearchService implements SearchService {
  private readonly client: Meilisearch;
  private readonly log: Logger | undefined;
  private readonly prefix: string;
  private readonly url: string;
  private meta: { value: MetaDoc | null; matcher: AliasMatcher | null; at: number } | null = null;
  private reindexing: Promise<void> = Promise.resolve();

  constructor(opts: SearchServiceOptions) {
    this.url = opts.url;
    this.prefix = opts.indexPrefix;
    this.log = opts.log;
    this.client = new Meilisearch({
      host: opts.url,
      apiKey: opts.masterKey || undefined,
      timeout: opts.timeoutMs ?? 15_000,
      // Meilisearch gzips responses for clients that accept it, and Node's fetch does: each answer
      // then waited ~44 ms (a compressed stream's last chunk held back by delayed ACK), against
      // ~1 ms uncompressed (`bench/engine-roundtrip.ts`). Compression buys nothing on loopback or
      // a compose network, so ask for plain bodies.
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });
  }

  private uid(name: IndexName): string {
    return `${this.prefix}${name}`;
  }

  private index<T extends Record<string, any> = Record<string, any>>(name: IndexName, next = false): Index<T> {
    return this.client.index<T>(this.uid(name) + (next ? NEXT_SUFFIX : ''));
  }

  /** Runs an engine call, turning network failures and timeouts into `EngineUnavailableError`. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof EngineTaskError || err instanceof SearchInputError || err instanceof EngineUnavailableError) throw err;
      const unavailable =
        err instanceof MeilisearchRequestError ||
        err instanceof MeilisearchTaskTimeOutError ||
        (err instanceof MeilisearchApiError && err.response.status >= 500) ||
        (err instanceof TypeError && /fetch/i.test(err.message));
      if (unavailable) {
        throw new EngineUnavailableError(`Meilisearch at ${this.url} is unavailable while ${what}`, { cause: err });
      }
      if (err instanceof MeilisearchError) {
        throw new EngineTaskError(`Meilisearch refused ${what}: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }

  /**
   * `call`, except that the engine saying the index or document does not exist (no reindex yet,
   * an unknown id) gives `missing()` instead of an error.
   */
  private async callOrMissing<T, M>(what: string, fn: () => Promise<T>, missing: () => M): Promise<T | M> {
    try {
      return await this.call(what, fn);
    } catch (err) {
      if (err instanceof EngineTaskError && isNotFound(err.cause)) return missing();
      throw err;
    }
  }

  /** Waits for a task and throws `EngineTaskError` unless it succeeded. */
  private async waitOk(what: string, enqueued: EnqueuedTaskPromise, batch?: { id: unknown }[]): Promise<Task> {
    const task = await this.waitTask(what, enqueued);
    if (task.status !== 'succeeded') throw taskError(what, task, batch);
    return task;
  }

  /**
   * Polls a task until it ends, backing off from 50 ms to 1 s. Not the client's `waitTask`: it hangs
   * one abort listener per poll on a shared signal and keeps them until the wait ends, thousands
   * during a 100 000-passage reindex (Node's MaxListenersExceededWarning, once per poll).
   */
  private async waitTask(what: string, enqueued: EnqueuedTaskPromise): Promise<Task> {
    const { taskUid } = await this.call(what, () => enqueued);
    const deadline = Date.now() + TASK_WAIT.timeout;
    for (let pause = TASK_WAIT.interval; ; pause = Math.min(pause * 2, TASK_POLL_MAX_MS)) {
      const task = await this.call(what, () => this.client.tasks.getTask(taskUid));
      if (task.status !== 'enqueued' && task.status !== 'processing') return task;
      if (Date.now() > deadline) {
        throw new EngineUnavailableError(`Meilisearch at ${this.url} did not finish ${what} within ${TASK_WAIT.timeout} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  // ---------------------------------------------------------------- reindex

  async reindex(records: RecordSet, opts: { fingerprint: string; kb: KnowledgeBase }): Promise<void> {
    // One reindex at a time in this process: two interleaved builds would share the __next indexes.
    const run = this.reindexing.then(() => this.rebuild(records, opts));
    this.reindexing = run.catch(() => {});
    return run;
  }

  private async rebuild(records: RecordSet, opts: { fingerprint: string; kb: KnowledgeBase }): Promise<void> {
    const started = Date.now();
    const groups = buildAliasGroups(opts.kb);
    const matcher = new AliasMatcher(groups);
    const meta: MetaDoc = { id: META_ID, fingerprint: opts.fingerprint, indexedAt: new Date().toISOString(), aliasGroups: groups };
    const docs: Record<IndexName, { id: unknown }[]> = {
      passages: buildPassageDocs(records, matcher),
      articles: records.articles,
      people: records.people,
      events: records.events,
      meta: [meta],
    };
    const settings: Record<IndexName, Settings> = {
      passages: PASSAGE_SETTINGS,
      articles: ARTICLE_SETTINGS,
      people: ENTITY_SETTINGS,
      events: ENTITY_SETTINGS,
      meta: META_SETTINGS,
    };
    for (const name of INDEX_NAMES) checkIds(name, docs[name]);

    await this.dropNext();
    try {
      // Enqueue everything in order first and wait afterwards: the engine runs the tasks of each
      // index in enqueue order, and five indexes build without a round trip per step. Each wait
      // starts at once (never rejecting unobserved) and all are awaited even after a failure, so
      // no write lands after the cleanup below.
      const waits: Promise<unknown>[] = [];
      const enqueue = async (what: string, start: () => ReturnType<Index['updateSettings']>, batch?: { id: unknown }[]) => {
        const task = start();
        waits.push(this.waitOk(what, task, batch).then(() => null, (err: unknown) => err));
        await this.call(what, () => task);
      };
      for (const name of INDEX_NAMES) {
        const uid = this.uid(name) + NEXT_SUFFIX;
        await enqueue(`creating index ${uid}`, () => this.client.createIndex(uid, { primaryKey: 'id' }));
        await enqueue(`configuring index ${uid}`, () => this.index(name, true).updateSettings(settings[name]));
        const all = docs[name];
        for (let i = 0; i < all.length; i += UPLOAD_BATCH) {
          const batch = all.slice(i, i + UPLOAD_BATCH);
          await enqueue(`indexing ${name}`, () => this.index(name, true).addDocuments(batch as Record<string, any>[]), batch);
        }
      }
      const firstError = (await Promise.all(waits)).find((e) => e !== null);
      if (firstError) throw firstError;
      for (const name of INDEX_NAMES) {
        const uid = this.uid(name) + NEXT_SUFFIX;
        const stats = await this.call(`counting ${uid}`, () => this.index(name, true).getStats());
        if (stats.numberOfDocuments !== docs[name].length) {
          throw new EngineTaskError(`index ${uid} holds ${stats.numberOfDocuments} documents, expected ${docs[name].length}`);
        }
      }
      const existing = await this.existingIndexes();
      // One swap for all indexes: readers see either every old index or every new one.
      // A pair whose live index does not exist yet (first run) is a rename instead of a swap.
      const swaps = INDEX_NAMES.map((name) => ({
        indexes: [this.uid(name) + NEXT_SUFFIX, this.uid(name)] as [string, string],
        rename: !existing.has(this.uid(name)),
      }));
      await this.waitOk('swapping indexes', this.client.swapIndexes(swaps));
    } catch (err) {
      this.log?.error({ err }, 'reindex failed; the previous indexes keep serving');
      await this.dropNext().catch((cleanupErr) => this.log?.warn({ err: cleanupErr }, 'could not delete __next indexes'));
      throw err;
    }
    // After the swap the __next names hold the old data.
    await this.dropNext();
    this.meta = { value: meta, matcher, at: Date.now() };
    this.log?.info(
      { passages: records.passages.length, articles: records.articles.length, ms: Date.now() - started },
      'reindex complete',
    );
  }

  private async existingIndexes(): Promise<Set<string>> {
    const found = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = await this.call('listing indexes', () => this.client.getRawIndexes({ offset, limit: 100 }));
      for (const idx of page.results) found.add(idx.uid);
      if (offset + 100 >= page.total) return found;
    }
  }

  /** Deletes leftover `__next` indexes (from a crash or a failed build, or the old ones after a swap). */
  private async dropNext(): Promise<void> {
    const existing = await this.existingIndexes();
    for (const name of INDEX_NAMES) {
      const uid = this.uid(name) + NEXT_SUFFIX;
      if (!existing.has(uid)) continue;
      const task = await this.waitTask(`deleting ${uid}`, this.client.deleteIndex(uid));
      if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') throw taskError(`deleting ${uid}`, task);
    }
  }

  // ---------------------------------------------------------------- meta

  /** The serving meta record and its alias matcher, cached briefly; a failure is never cached. */
  private async loadMeta(): Promise<{ value: MetaDoc | null; matcher: AliasMatcher | null }> {
    if (this.meta && Date.now() - this.meta.at < META_TTL_MS) return this.meta;
    const value = await this.callOrMissing(
      'reading the corpus record',
      async () => (await this.index<MetaDoc>('meta').getDocument(META_ID)) as MetaDoc,
      () => null,
    );
    const matcher = value ? new AliasMatcher(value.aliasGroups ?? []) : null;
    this.meta = { value, matcher, at: Date.now() };
    return this.meta;
  }

  // ---------------------------------------------------------------- search

  async search(query: RunQuery): Promise<SearchResult> {
    checkQuery(query);
    const started = performance.now();
    const filters = query.filters ?? {};
    const filtering: Filtering = { filters, filter: buildFilter(filters), plan: planFacets(filters) };
    const { matcher } = await this.loadMeta();
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

  /** Runs one search on the passages index; an index that does not exist yet is an empty result. */
  private async searchPassages(q: string, params: SearchParams): Promise<SearchResponse<Record<string, any>>> {
    return this.callOrMissing('searching', () => this.index('passages').search(q, params), () => emptyResponse(q));
  }

  /** Runs several searches on the passages index in one round trip; no index yet → empty results. */
  private async multiSearchPassages(what: string, queries: PassageQuery[]): Promise<SearchResponse<Record<string, any>>[]> {
    if (queries.length === 0) return [];
    return this.callOrMissing(
      what,
      async () => (await this.client.multiSearch({ queries: queries.map((query) => ({ indexUid: this.uid('passages'), ...query })) })).results,
      () => queries.map((query) => emptyResponse(query.q)),
    );
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
  ): Promise<{ res: SearchResponse<Record<string, any>>; facets: SearchResult['facets'] }> {
    const { plan } = filtering;
    const [res, ...own] = await this.multiSearchPassages('searching', [
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
      const results = await this.multiSearchPassages(
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
    const results = await this.multiSearchPassages('searching a quote', [...hitQueries, ...ownQueries]);
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
      const res = await this.searchPassages('', { filter: idFilter(slice), limit: slice.length, attributesToRetrieve: ['id', 'text'] });
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

  async *exportPassages(q: Omit<SearchQuery, 'page' | 'perPage'>): AsyncIterable<PassageDoc> {
    const perPage = MAX_PER_PAGE;
    for (let page = 1; ; page++) {
      const res = await this.search({ ...q, page, perPage, highlight: false });
      for (const hit of res.hits) yield hit.passage;
      if (page * perPage >= res.total || res.hits.length === 0) return;
    }
  }

  // ---------------------------------------------------------------- lookups

  async getPassage(id: string): Promise<PassageDoc | null> {
    const doc = await this.getDoc<Record<string, any>>('passages', id);
    return doc ? toPassageDoc(doc) : null;
  }

  async findPassages(filters: SearchFilters): Promise<PassageDoc[]> {
    const filter = buildFilter(filters);
    const out: PassageDoc[] = [];
    for (let page = 1; ; page++) {
      const res = await this.searchPassages('', {
        filter: filter ?? undefined,
        sort: sortFor('date-asc'),
        page,
        hitsPerPage: MAX_PER_PAGE,
      });
      out.push(...res.hits.map(toPassageDoc));
      if (page * MAX_PER_PAGE >= (res.totalHits ?? 0) || res.hits.length === 0) return out;
    }
  }

  private async getDoc<T extends Record<string, any>>(name: IndexName, id: string): Promise<T | null> {
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,511}$/.test(id)) return null;
    return this.callOrMissing(`reading ${name} ${id}`, async () => (await this.index<T>(name).getDocument(id)) as T, () => null);
  }

  private async allDocs<T extends Record<string, any>>(name: IndexName): Promise<T[]> {
    const out: T[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.callOrMissing(`listing ${name}`, () => this.index<T>(name).getDocuments({ offset, limit }), () => null);
      if (!page) return [];
      out.push(...page.results);
      if (offset + limit >= page.total) return out;
    }
  }

  getArticle(id: string): Promise<Article | null> {
    return this.getDoc<Article>('articles', id);
  }

  async listArticles(): Promise<Article[]> {
    const all = await this.allDocs<Article>('articles');
    return all.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
  }

  async listPeople(): Promise<Person[]> {
    const all = await this.allDocs<Person>('people');
    return all.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
  }

  getPerson(id: string): Promise<Person | null> {
    return this.getDoc<Person>('people', id);
  }

  async listEvents(): Promise<Event[]> {
    const all = await this.allDocs<Event>('events');
    return all.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
  }

  getEvent(id: string): Promise<Event | null> {
    return this.getDoc<Event>('events', id);
  }

  // ---------------------------------------------------------------- health

  async health(): Promise<EngineHealth> {
    const counts = { articles: 0, passages: 0, people: 0, events: 0 };
    try {
      const version = await this.call('reading the version', () => this.client.getVersion());
      const stats = await this.call('reading stats', () => this.client.getStats());
      for (const name of ['articles', 'passages', 'people', 'events'] as const) {
        counts[name] = stats.indexes[this.uid(name)]?.numberOfDocuments ?? 0;
      }
      this.meta = null;
      const { value } = await this.loadMeta();
      return { ok: true, engineVersion: version.pkgVersion, counts, corpusFingerprint: value?.fingerprint ?? null };
    } catch (err) {
      if (!(err instanceof EngineUnavailableError)) throw err;
      this.log?.warn({ err: err.message }, 'engine health check failed');
      return { ok: false, engineVersion: null, counts, corpusFingerprint: null };
    }
  }
}

/** Creates the search service for one engine and index prefix. */
export function createSearchService(opts: SearchServiceOptions): SearchService {
  return new MeiliSearchService(opts);
}
