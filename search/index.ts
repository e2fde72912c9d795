/**
 * The search module: the only importer of the `meilisearch` client. It composes the engine
 * client (`engine-client.ts`), the writer (`write.ts`), the query path (`plan.ts`) and the
 * lookups (`lookup.ts`) into one `SearchService`; ingest and the server reach the engine only
 * through it.
 */
import type { Stats } from 'meilisearch';
import type { Logger } from 'pino';
import type { Article, Event, KnowledgeBase, Person } from '../ingest/types.ts';
import { EngineClient, INDEX_NAMES } from './engine-client.ts';
import { readResidentBytes } from './engine.ts';
import { EngineUnavailableError } from './errors/engine-unavailable-error.ts';
import { Lookups } from './lookup.ts';
import { MetaStore } from './meta.ts';
import { QueryRunner, type RunQuery } from './plan.ts';
import type {
  AppliedOverride,
  ApplyReport,
  EngineHealth,
  IndexedSource,
  PassageDoc,
  RecordSet,
  StreamedRecordSet,
  SearchFilters,
  SearchQuery,
  SearchResult,
  SearchService,
  SearchServiceOptions,
  ShardHealth,
} from './types.ts';
import { IndexWriter } from './write.ts';

export { EngineTaskError } from './errors/engine-task-error.ts';
export { EngineUnavailableError } from './errors/engine-unavailable-error.ts';
export { SearchInputError } from './errors/search-input-error.ts';
export { EngineStartError, type EngineHandle } from './engine.ts';
export { connectEngine } from './engine-client.ts';
export { MAX_PER_PAGE, MAX_QUERY_LENGTH } from './plan.ts';
export { INDEX_FORMAT } from './settings.ts';
export type * from './types.ts';

class MeiliSearchService implements SearchService {
  private readonly engine: EngineClient;
  private readonly log: Logger | undefined;
  private readonly meta: MetaStore;
  private readonly writer: IndexWriter;
  private readonly runner: QueryRunner;
  private readonly lookups: Lookups;

  private readonly enginePid: number | null;

  constructor(opts: SearchServiceOptions) {
    this.log = opts.log;
    this.enginePid = opts.enginePid ?? null;
    this.engine = new EngineClient(opts);
    this.meta = new MetaStore(this.engine);
    this.writer = new IndexWriter(this.engine, this.meta, this.log);
    this.runner = new QueryRunner(this.engine, this.meta);
    this.lookups = new Lookups(this.engine, (q) => this.runner.search(q));
  }

  reindex(records: RecordSet | StreamedRecordSet, opts: { fingerprint: string; kb: KnowledgeBase; buildKey?: string }): Promise<void> {
    return this.writer.reindex(records, opts);
  }

  applyArticles(records: RecordSet, opts: { kb: KnowledgeBase; fingerprint?: string | Promise<string> }): Promise<ApplyReport> {
    return this.writer.applyArticles(records, opts);
  }

  removeArticles(articleIds: string[], opts?: { fingerprint?: string }): Promise<void> {
    return this.writer.removeArticles(articleIds, opts);
  }

  indexedSources(sourceFiles?: string[]): Promise<IndexedSource[]> {
    return this.writer.indexedSources(sourceFiles);
  }

  appliedOverrides(): Promise<AppliedOverride[] | null> {
    return this.meta.peekOverrides();
  }

  search(query: RunQuery): Promise<SearchResult> {
    return this.runner.search(query);
  }

  exportPassages(q: Omit<SearchQuery, 'page' | 'perPage'>): AsyncIterable<PassageDoc> {
    return this.lookups.exportPassages(q);
  }

  getPassage(id: string): Promise<PassageDoc | null> {
    return this.lookups.getPassage(id);
  }

  findPassages(filters: SearchFilters): Promise<PassageDoc[]> {
    return this.lookups.findPassages(filters);
  }

  latestStatements(): Promise<Map<string, PassageDoc>> {
    return this.lookups.latestStatements();
  }

  getArticle(id: string): Promise<Article | null> {
    return this.lookups.getArticle(id);
  }

  listArticles(): Promise<Article[]> {
    return this.lookups.listArticles();
  }

  listPeople(): Promise<Person[]> {
    return this.lookups.listPeople();
  }

  getPerson(id: string): Promise<Person | null> {
    return this.lookups.getPerson(id);
  }

  listEvents(): Promise<Event[]> {
    return this.lookups.listEvents();
  }

  getEvent(id: string): Promise<Event | null> {
    return this.lookups.getEvent(id);
  }

  /**
   * Each shard's state: the own engine from its stats; each remote from its own stats (read with
   * its write key) and from the coordinator's federated probe (the path searches take).
   */
  private async shardHealth(localStats: Stats): Promise<(ShardHealth & { bytes?: { database: number; documents: number } })[]> {
    const engine = this.engine;
    const probe = await engine.probeRemotes();
    return Promise.all(
      engine.shards.map(async (shard) => {
        const counted = (stats: Stats) => ({
          passages: stats.indexes[engine.uid('passages')]?.numberOfDocuments ?? 0,
          articles: stats.indexes[engine.uid('articles')]?.numberOfDocuments ?? 0,
        });
        if (shard.local) return { name: shard.name, local: true, ok: true, ...counted(localStats) };
        const stats = await shard.engine.call(`reading stats of shard ${shard.name}`, () => shard.engine.client.getStats()).catch((err: unknown) => err as Error);
        // Health is public: say what failed, never where (the URL) or with what.
        const problem = stats instanceof Error ? (stats instanceof EngineUnavailableError ? 'unreachable' : 'refused the stats request') : (probe.get(shard.name) ?? null);
        const base = { name: shard.name, local: false, ok: problem === null };
        if (stats instanceof Error) return { ...base, passages: null, articles: null, error: problem! };
        const bytes = { database: stats.databaseSize, documents: 0 };
        for (const name of ['passages', 'articles'] as const) bytes.documents += stats.indexes[engine.uid(name)]?.rawDocumentDbSize ?? 0;
        return { ...base, ...counted(stats), bytes, ...(problem ? { error: problem } : {}) };
      }),
    );
  }

  async health(): Promise<EngineHealth> {
    const counts = { articles: 0, passages: 0, people: 0, events: 0 };
    const engine = this.engine;
    try {
      const [version, stats, meta, engineMemoryBytes] = await Promise.all([
        engine.call('reading the version', () => engine.client.getVersion()),
        engine.call('reading stats', () => engine.client.getStats()),
        this.meta.peek(),
        readResidentBytes(this.enginePid),
      ]);
      for (const name of ['articles', 'passages', 'people', 'events'] as const) {
        counts[name] = stats.indexes[engine.uid(name)]?.numberOfDocuments ?? 0;
      }
      const indexBytes = { documents: 0, database: stats.databaseSize };
      for (const name of INDEX_NAMES) indexBytes.documents += stats.indexes[engine.uid(name)]?.rawDocumentDbSize ?? 0;
      const shards = engine.sharded ? await this.shardHealth(stats) : undefined;
      if (shards) {
        // Passages and articles: every shard's; sizes: every answering shard's.
        counts.passages = shards.reduce((n, s) => n + (s.passages ?? 0), 0);
        counts.articles = shards.reduce((n, s) => n + (s.articles ?? 0), 0);
        for (const s of shards) {
          if (s.local || !s.bytes) continue;
          indexBytes.database += s.bytes.database;
          indexBytes.documents += s.bytes.documents;
        }
      }
      // An index built over another shard list is not this build: a full reindex is due.
      const sameShards = (meta?.shards ?? []).join(',') === (engine.sharded ? [...engine.shardNames].sort().join(',') : '');
      return {
        ...(shards ? { shards: shards.map(({ bytes, ...s }) => s) } : {}),
        ok: shards ? shards.every((s) => s.ok) : true,
        engineVersion: version.pkgVersion,
        counts,
        corpusFingerprint: meta?.fingerprint ?? null,
        indexBytes,
        engineMemoryBytes,
        lastUpdate: meta ? (meta.updatedAt ?? meta.indexedAt) : null,
        buildKey: sameShards ? (meta?.buildKey ?? null) : null,
      };
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
