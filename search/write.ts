/**
 * Writes to the engine: document building, index settings, full reindex into `__next` indexes
 * and one atomic swap; incremental upserts and removals of articles in the live indexes. All
 * writes of one process run one after another.
 */
import { MeilisearchRequestError, type Index, type Settings, type Task } from 'meilisearch';
import type { Logger } from 'pino';
import type { KnowledgeBase, Passage } from '../ingest/types.ts';
import { AliasMatcher, buildAliasGroups } from './aliases.ts';
import { buildPassageDocs, passageDocBuilder } from './documents.ts';
import { quoteFilterValue } from './filters.ts';
import { readingKbOf, refreshReading, type ReadingKb } from './interpret.ts';
import { INDEX_NAMES, NEXT_SUFFIX, taskError, type EngineClient, type IndexName } from './engine-client.ts';
import { groupByShard } from './shards.ts';
import { EngineTaskError } from './errors/engine-task-error.ts';
import { META_ID, type MetaDoc, type MetaStore } from './meta.ts';
import { ARTICLE_SETTINGS, ENTITY_SETTINGS, META_SETTINGS, PASSAGE_SETTINGS } from './settings.ts';
import type { AppliedOverride, ApplyReport, IndexedSource, RecordSet, StreamedRecordSet } from './types.ts';

/** Documents per upload request. */
const UPLOAD_BATCH = 1000;

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

/** `checkIds` across the batches of a streamed upload: `seen` carries the ids of earlier batches, `offset` numbers the records. */
function checkIdsOnce(name: string, docs: { id: unknown }[], seen: Set<string>, offset: number): void {
  for (const [i, doc] of docs.entries()) {
    if (typeof doc.id !== 'string' || doc.id === '') {
      throw new EngineTaskError(`${name} record #${offset + i} has no string id`, { documentId: null });
    }
    if (seen.has(doc.id)) throw new EngineTaskError(`duplicate ${name} id ${JSON.stringify(doc.id)}`, { documentId: doc.id });
    seen.add(doc.id);
  }
}

/** Passages held in an array, or streamed, as one shape: a count and batches. */
function passageBatches(passages: RecordSet['passages'] | StreamedRecordSet['passages']): StreamedRecordSet['passages'] {
  if (!Array.isArray(passages)) return passages;
  return {
    count: passages.length,
    async *batches(size: number) {
      for (let i = 0; i < passages.length; i += size) yield passages.slice(i, i + size);
    },
  };
}

/** Values per `IN [...]` filter of an incremental write (Meilisearch parses long filters slowly). */
const FILTER_CHUNK = 200;

/** The module's writer: full reindexes and incremental updates, one at a time in this process. */
export class IndexWriter {
  private reindexing: Promise<void> = Promise.resolve();
  /** Whether the live articles index is known to filter on `sourceFile` (indexes built before it did not). */
  private sourceFileFilterable = false;

  constructor(
    private readonly engine: EngineClient,
    private readonly meta: MetaStore,
    private readonly log: Logger | undefined,
  ) {}

  /** Rebuilds every index from a record set and swaps them in at once; the old ones serve until then. */
  async reindex(records: RecordSet | StreamedRecordSet, opts: { fingerprint: string; kb: KnowledgeBase; buildKey?: string }): Promise<void> {
    return this.serially(() => this.rebuild(records, opts));
  }

  /**
   * One write at a time in this process: two interleaved builds would share the __next indexes,
   * and an update applied to the live indexes while a rebuild runs would be lost at its swap.
   */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.reindexing.then(fn);
    this.reindexing = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  private async rebuild(records: RecordSet | StreamedRecordSet, opts: { fingerprint: string; kb: KnowledgeBase; buildKey?: string }): Promise<void> {
    const engine = this.engine;
    const started = Date.now();
    const groups = buildAliasGroups(opts.kb);
    const matcher = new AliasMatcher(groups);
    const toDoc = passageDocBuilder(records, matcher);
    const meta: MetaDoc = {
      id: META_ID,
      fingerprint: opts.fingerprint,
      indexedAt: new Date().toISOString(),
      aliasGroups: groups,
      ...(opts.buildKey ? { buildKey: opts.buildKey } : {}),
    };
    // Sharded: the shard names the build placed articles by (a different list needs a full reindex).
    if (engine.sharded) meta.shards = [...engine.shardNames].sort();
    meta.speakerOverrides = appliedOverridesOf(opts.kb);
    // Passages come as an array or in batches read from disk (`StreamedRecordSet`); either way
    // their documents (with the Telex and alias twins, several times a passage's size) are built
    // one upload batch at a time, and a streamed set is never held whole.
    const passages = passageBatches(records.passages);
    // The reading data counts statements per speaker: only the speaker ids are kept while streaming.
    const speakerOf: Pick<Passage, 'speakerId'>[] = [];
    const docs: Record<Exclude<IndexName, 'passages'>, { id: unknown }[]> = {
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
    for (const name of INDEX_NAMES) if (name !== 'passages') checkIds(name, docs[name]);
    // Passages held in an array are checked before the engine is touched; streamed ones batch by batch.
    if (Array.isArray(records.passages)) checkIds('passages', records.passages);
    // Each shard builds its share (one shard: this engine, every index, as before): passages and
    // articles on the shard their article id hashes to, the small indexes on the local engine.
    const targets = this.buildTargets();
    const sent = new Map<BuildTarget, number>(targets.map((t) => [t, 0]));
    const target = (on: EngineClient, name: IndexName) => targets.find((t) => t.engine === on && t.name === name)!;

    await this.dropNext();
    // Enqueue everything in order first and wait afterwards: the engine runs the tasks of each
    // index in enqueue order, and five indexes build without a round trip per step. Each wait
    // starts at once (never rejecting unobserved) and all are awaited even after a failure (a
    // duplicate id found halfway through a stream), so no write lands after the cleanup below.
    const waits: Promise<unknown>[] = [];
    try {
      const enqueue = async (what: string, start: () => ReturnType<Index['updateSettings']>, batch: { id: unknown }[] | undefined, on: EngineClient) => {
        // A document upload whose request failed on the way (a connection the engine closed while
        // the next batch was being built: EPIPE, ECONNRESET) is sent again, twice at most; the
        // same documents under the same ids replace themselves, so a repeat is harmless.
        let task = start();
        for (let attempt = 1; batch && attempt <= 2; attempt++) {
          const ok = await task.then(() => true, (err: unknown) => !(err instanceof MeilisearchRequestError));
          if (ok) break;
          this.log?.warn({ what, attempt }, 'engine request failed on the way; sending it again');
          task = start();
        }
        waits.push(on.waitOk(what, task, batch).then(() => null, (err: unknown) => err));
        await on.call(what, () => task);
      };
      /** Sends documents of one index to the shards that hold them, one upload batch at a time. */
      const upload = async (name: IndexName, all: { id: unknown }[], placeOf: (doc: { id: unknown }) => EngineClient) => {
        const byEngine = new Map<EngineClient, { id: unknown }[]>();
        for (const doc of all) {
          const on = placeOf(doc);
          const list = byEngine.get(on);
          if (list) list.push(doc);
          else byEngine.set(on, [doc]);
        }
        for (const [on, docsOn] of byEngine) {
          for (let i = 0; i < docsOn.length; i += UPLOAD_BATCH) {
            const batch = docsOn.slice(i, i + UPLOAD_BATCH);
            sent.set(target(on, name), sent.get(target(on, name))! + batch.length);
            // The wait keeps only the ids (to name a rejected document), not the documents.
            const ids = batch.map((d) => ({ id: d.id }));
            await enqueue(`indexing ${name}`, () => on.index(name, true).addDocuments(batch as Record<string, any>[]), ids, on);
          }
        }
      };
      for (const { engine: on, name } of targets) {
        const uid = on.uid(name) + NEXT_SUFFIX;
        await enqueue(`creating index ${uid}`, () => on.client.createIndex(uid, { primaryKey: 'id' }), undefined, on);
        await enqueue(`configuring index ${uid}`, () => on.index(name, true).updateSettings(settings[name]), undefined, on);
      }
      const seen = new Set<string>();
      let n = 0;
      for await (const slice of passages.batches(UPLOAD_BATCH)) {
        checkIdsOnce('passages', slice, seen, n);
        n += slice.length;
        for (const p of slice) speakerOf.push({ speakerId: p.speakerId });
        await upload('passages', slice.map(toDoc), (d) => engine.shardFor(String((d as { articleId?: unknown }).articleId)).engine);
      }
      if (n !== passages.count) throw new EngineTaskError(`${n} passages read for the reindex, expected ${passages.count}`);
      // The reading data is complete once every passage has gone by.
      meta.reading = readingKbOf({ passages: speakerOf as Passage[], people: records.people, events: records.events }, opts.kb);
      await upload('articles', docs.articles, (a) => engine.shardFor(String(a.id)).engine);
      for (const name of ['people', 'events', 'meta'] as const) await upload(name, docs[name], () => engine);
      const firstError = (await Promise.all(waits)).find((e) => e !== null);
      if (firstError) throw firstError;
      for (const t of targets) {
        const uid = t.engine.uid(t.name) + NEXT_SUFFIX;
        const stats = await t.engine.call(`counting ${uid}`, () => t.engine.index(t.name, true).getStats());
        if (stats.numberOfDocuments !== sent.get(t)) {
          throw new EngineTaskError(`index ${uid} holds ${stats.numberOfDocuments} documents, expected ${sent.get(t)}`);
        }
      }
      // One swap for all indexes of a shard: its readers see either every old index or every new
      // one. The shards swap side by side (no engine swaps across engines): a search in the
      // milliseconds between two shards' swaps may see one shard's new build beside another's old.
      // A pair whose live index does not exist yet (first run) is a rename instead of a swap.
      await Promise.all(
        engine.shards.map(async ({ engine: on }) => {
          const names = targets.filter((t) => t.engine === on).map((t) => t.name);
          const existing = await on.existingIndexes();
          const swaps = names.map((name) => ({
            indexes: [on.uid(name) + NEXT_SUFFIX, on.uid(name)] as [string, string],
            rename: !existing.has(on.uid(name)),
          }));
          await on.waitOk('swapping indexes', on.client.swapIndexes(swaps));
        }),
      );
    } catch (err) {
      this.log?.error({ err }, 'reindex failed; the previous indexes keep serving');
      await Promise.all(waits);
      await this.dropNext().catch((cleanupErr) => this.log?.warn({ err: cleanupErr }, 'could not delete __next indexes'));
      throw err;
    }
    // After the swap the __next names hold the old data.
    await this.dropNext();
    this.meta.set(meta, matcher);
    this.sourceFileFilterable = true;
    this.log?.info(
      { passages: passages.count, articles: records.articles.length, ms: Date.now() - started },
      'reindex complete',
    );
  }

  /**
   * Upserts articles in the live indexes: new passages first, then the stale passages of the same
   * articles and of older versions of the same source files. Passage ids come from content, so an
   * unchanged paragraph of an unchanged article is simply rewritten under its id. The add and the
   * delete are enqueued back to back on the passages index; the engine runs them in that order,
   * and usually in one batch (one commit), so a search sees the old version or the new one.
   * @see https://www.meilisearch.com/docs/learn/async/asynchronous_operations#auto-batching
   */
  applyArticles(records: RecordSet, opts: { kb: KnowledgeBase; fingerprint?: string | Promise<string> }): Promise<ApplyReport> {
    return this.serially(() => this.apply(records, opts));
  }

  /** Deletes articles and their passages from the live indexes. */
  removeArticles(articleIds: string[], opts: { fingerprint?: string } = {}): Promise<void> {
    return this.serially(async () => {
      await this.requireLive();
      const ids = [...new Set(articleIds)];
      const speakers = new Set<string>();
      if (ids.length > 0 && this.engine.sharded) {
        await this.writeInOrder(await this.shardedRemoval(ids, speakers));
      } else if (ids.length > 0) {
        const passageIds = await this.passageIdsOf(ids, this.engine, speakers);
        await this.writeInOrder([
          ['deleting passages', 'passages', () => this.engine.index('passages').deleteDocuments(passageIds)],
          ['deleting articles', 'articles', () => this.engine.index('articles').deleteDocuments(ids)],
        ]);
      }
      await this.touchMeta(opts.fingerprint, { speakers });
      if (ids.length > 0) this.log?.info({ articles: ids.length }, 'articles removed');
    });
  }

  /** The indexed articles of these source files, or all (id, file, hash only). */
  async indexedSources(sourceFiles?: string[]): Promise<IndexedSource[]> {
    const fields = ['id', 'sourceFile', 'sourceSha256'];
    if (sourceFiles?.length === 0) return [];
    if (sourceFiles !== undefined) await this.ensureSourceFileFilter();
    const out: IndexedSource[] = [];
    // Every shard's articles (one shard: this engine).
    for (const { engine } of this.engine.shards) {
      if (sourceFiles === undefined) {
        out.push(...(await this.allDocs<IndexedSource>('articles', fields, undefined, engine)));
        continue;
      }
      for (const chunk of chunks(sourceFiles, FILTER_CHUNK)) {
        out.push(...(await this.allDocs<IndexedSource>('articles', fields, `sourceFile IN [${chunk.map(quoteFilterValue).join(', ')}]`, engine)));
      }
    }
    return out;
  }

  private async apply(records: RecordSet, opts: { kb: KnowledgeBase; fingerprint?: string | Promise<string> }): Promise<ApplyReport> {
    const started = Date.now();
    await this.requireLive();
    const newIds = new Set(records.articles.map((a) => a.id));
    for (const p of records.passages) {
      if (!newIds.has(p.articleId)) throw new EngineTaskError(`passage ${JSON.stringify(p.id)} belongs to no article of this update`, { documentId: p.id });
    }
    checkIds('articles', records.articles);
    checkIds('passages', records.passages);
    // Older versions of the same files have other ids (an article's id hashes its file's bytes).
    const previous = await this.indexedSources(records.articles.map((a) => a.sourceFile));
    const replaced = previous.map((a) => a.id).filter((id) => !newIds.has(id));
    const newPassageIds = new Set(records.passages.map((p) => p.id));
    // Stale passages, shard by shard: the old version of a changed article may live on another
    // shard than the new one (its id, a hash of the file, changed); a passage id starts with its
    // article's id, so a new passage is never stale on any shard.
    // The speakers of the passages replaced, and below of the new ones: their statement counts change.
    const speakers = new Set<string>();
    for (const p of records.passages) if (p.speakerId) speakers.add(p.speakerId);
    const staleByShard = new Map<EngineClient, string[]>();
    for (const { engine } of this.engine.shards) {
      const oldPassageIds = await this.passageIdsOf([...newIds, ...replaced], engine, speakers);
      staleByShard.set(engine, oldPassageIds.filter((id) => !newPassageIds.has(id)));
    }
    const stale = [...staleByShard.values()].flat();

    // The alias groups of the serving build, so a new passage gets the same aliases its
    // neighbours got (a KB change forces a full reindex, never an update).
    const { matcher } = await this.meta.load();
    const docs = buildPassageDocs(records, matcher ?? new AliasMatcher(buildAliasGroups(opts.kb)));
    // People and events come from the serving build's KB, so only those the index lacks are written.
    const [people, events] = await Promise.all([this.missing('people', records.people), this.missing('events', records.events)]);
    // Order: the people, events and article a passage points to first (a hit never links to an
    // unknown speaker or a missing article), then the passages (add, then delete the stale ones),
    // then the replaced articles, then the meta record. The engine works one batch at a time, so
    // the article is searchable after two batches (articles, passages); and it puts consecutive
    // document tasks of one index in one batch: enqueued while the articles' batch runs, the
    // passages' add and delete usually commit together, so a search sees one version, not both.
    const steps: WriteStep[] = [];
    if (people.length > 0) steps.push(['indexing people', 'people', () => this.engine.index('people').addDocuments(people as unknown as Record<string, any>[]), people]);
    if (events.length > 0) steps.push(['indexing events', 'events', () => this.engine.index('events').addDocuments(events as unknown as Record<string, any>[]), events]);
    // Each article with its passages on its shard (one shard: this engine, as before).
    for (const [shard, articles] of this.byShard(records.articles, (a) => a.id)) {
      steps.push(['indexing articles', 'articles', () => shard.index('articles').addDocuments(articles as unknown as Record<string, any>[]), articles, shard]);
    }
    const firstPassageStep = steps.length;
    for (const [shard, shardDocs] of this.byShard(docs, (d) => String(d.articleId))) {
      for (const batch of chunks(shardDocs, UPLOAD_BATCH)) {
        steps.push(['indexing passages', 'passages', () => shard.index('passages').addDocuments(batch as Record<string, any>[]), batch, shard]);
      }
    }
    // Deletions: with several shards they wait for every write above (see `writeInOrder`).
    const removals: WriteStep[] = [];
    for (const [shard, ids] of staleByShard) {
      if (ids.length > 0) removals.push(['deleting stale passages', 'passages', () => shard.index('passages').deleteDocuments(ids), undefined, shard]);
    }
    const lastPassageStep = steps.length + removals.length - 1;
    for (const [shard, ids] of this.byShard(replaced, (id) => id)) {
      removals.push(['deleting replaced articles', 'articles', () => shard.index('articles').deleteDocuments(ids), undefined, shard]);
    }
    const tasks = await this.writeInOrder(steps, removals);
    // The fingerprint (a hash of the whole folder) may still be computing while the writes above ran.
    // The meta record goes last, with the query-reading data refreshed from the passages now live.
    await this.touchMeta(await opts.fingerprint, { speakers, people: records.people, events: records.events, articles: { ids: [...newIds, ...replaced], kb: opts.kb } });
    const passageBatches = new Set(tasks.slice(firstPassageStep, lastPassageStep + 1).map((t) => t.batchUid));
    if (stale.length > 0 && passageBatches.size > 1) {
      // Not an error: the new passages were searchable before the stale ones went.
      this.log?.debug({ batches: [...passageBatches] }, 'passages written and stale ones deleted in separate engine batches: both versions were briefly searchable');
    }
    const report: ApplyReport = {
      articles: records.articles.length,
      passagesWritten: docs.length,
      passagesDeleted: stale.length,
      replacedArticleIds: replaced,
      ms: Date.now() - started,
    };
    this.log?.info(report, 'articles applied');
    return report;
  }

  /**
   * Enqueues every step at once (the engine runs tasks in enqueue order), then waits for all and
   * returns the finished tasks in step order; the first failure is thrown.
   */
  private async writeInOrder(steps: WriteStep[], removals: WriteStep[] = []): Promise<Task[]> {
    const waits: Promise<Task | Error>[] = [];
    const enqueue = async ([what, , start, batch, on = this.engine]: WriteStep) => {
      const task = start();
      waits.push(on.waitOk(what, task, batch).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
      await on.call(what, () => task);
    };
    for (const step of steps) await enqueue(step);
    // One engine runs its tasks in enqueue order, so removals follow at once. Across engines
    // nothing orders them: the removals wait until every write has succeeded on every shard, so no
    // search sees an article missing while its new version is on its way to another shard.
    const engines = new Set([...steps, ...removals].map((step) => step[4] ?? this.engine));
    if (engines.size > 1 && removals.length > 0) {
      const written = await Promise.all(waits);
      const failed = written.find((t): t is Error => t instanceof Error);
      if (failed) throw failed;
    }
    for (const step of removals) await enqueue(step);
    const done = await Promise.all(waits);
    const firstError = done.find((t): t is Error => t instanceof Error);
    if (firstError) throw firstError;
    return done as Task[];
  }

  /**
   * Records the update's time (and the corpus fingerprint it leaves) in the meta record, with the
   * query-reading data (`MetaDoc.reading`) brought up to date: people and events the update brought,
   * and the statement counts of the speakers whose passages it wrote or deleted, recounted by the
   * engine. A speaker first seen in an uploaded article is then read as a leader at the next search,
   * and one whose last statement went no longer is (a reading skips people with no statement).
   */
  private async touchMeta(fingerprint: string | undefined, changed: ReadingChange): Promise<void> {
    const current = await this.engine.callOrMissing(
      'reading the corpus record',
      async () => (await this.engine.index<MetaDoc>('meta').getDocument(META_ID, { fields: ['reading', 'speakerOverrides'] })) as Pick<MetaDoc, 'reading' | 'speakerOverrides'>,
      () => null,
    );
    const reading = await this.refreshedReading(current?.reading, changed);
    // The articles written were built with the KB's corrections; the others keep what they were built with.
    const overrides = changed.articles ? mergeOverrides(current?.speakerOverrides ?? [], changed.articles.ids, appliedOverridesOf(changed.articles.kb)) : null;
    const patch = { ...metaPatch(fingerprint), ...(reading ? { reading } : {}), ...(overrides ? { speakerOverrides: overrides } : {}) };
    await this.engine.waitOk('recording the update', this.engine.index('meta').updateDocuments([patch]));
    this.meta.clear();
  }

  /**
   * The live meta record's reading data with `changed` applied; null when the record has none (an
   * index built before readings existed: the next full reindex writes it). `current` is read from
   * the engine, never the cache, so an update applied by another process is not undone. Costs one
   * count-only search (facet counts of the changed speakers).
   * @see https://www.meilisearch.com/docs/reference/api/search#facets
   */
  private async refreshedReading(current: ReadingKb | undefined, changed: ReadingChange): Promise<ReadingKb | null> {
    if (!current) return null;
    const counts = await this.statementCounts([...changed.speakers]);
    return refreshReading(current, { people: changed.people ?? [], events: changed.events ?? [], counts });
  }

  /** Passages attributed to each of these speakers in the live index (0 for none), by facet counts. */
  private async statementCounts(speakerIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(speakerIds.map((id) => [id, 0]));
    for (const chunk of chunks(speakerIds, FILTER_CHUNK)) {
      const filter = `speakerId IN [${chunk.map(quoteFilterValue).join(', ')}]`;
      const [res] = await this.engine.multiSearchPassages('counting statements', [{ q: '', filter, facets: ['speakerId'], hitsPerPage: 0, page: 1 }]);
      for (const [id, n] of Object.entries(res?.facetDistribution?.speakerId ?? {})) if (counts.has(id)) counts.set(id, n);
    }
    return counts;
  }

  /** The records whose ids the index does not hold yet. */
  private async missing<T extends { id: string }>(name: IndexName, records: T[]): Promise<T[]> {
    if (records.length === 0) return [];
    const have = new Set<string>();
    for (const chunk of chunks(records.map((r) => r.id), FILTER_CHUNK)) {
      const docs = await this.allDocs<{ id: string }>(name, ['id'], `id IN [${chunk.map(quoteFilterValue).join(', ')}]`);
      for (const d of docs) have.add(d.id);
    }
    return records.filter((r) => !have.has(r.id));
  }

  /** Ids of every passage of these articles on one shard; their speakers are added to `speakers` when given. */
  private async passageIdsOf(articleIds: string[], on: EngineClient = this.engine, speakers?: Set<string>): Promise<string[]> {
    const out: string[] = [];
    for (const chunk of chunks(articleIds, FILTER_CHUNK)) {
      const docs = await this.allDocs<{ id: string; speakerId?: string | null }>('passages', ['id', 'speakerId'], `articleId IN [${chunk.map(quoteFilterValue).join(', ')}]`, on);
      out.push(...docs.map((d) => d.id));
      if (speakers) for (const d of docs) if (d.speakerId) speakers.add(d.speakerId);
    }
    return out;
  }

  /** Every document of an index matching a filter, page after page (a few fields only). */
  private async allDocs<T>(name: IndexName, fields: string[], filter?: string, on: EngineClient = this.engine): Promise<T[]> {
    const out: T[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await on.call(`reading ${name}`, () =>
        on.index(name).getDocuments({ fields, limit, offset, ...(filter ? { filter } : {}) }),
      );
      out.push(...(page.results as T[]));
      if (page.results.length < limit) return out;
    }
  }

  /** An incremental update needs the live indexes a full reindex builds. */
  private async requireLive(): Promise<void> {
    const existing = await this.engine.existingIndexes();
    const missing = INDEX_NAMES.filter((name) => !existing.has(this.engine.uid(name)));
    if (missing.length > 0) {
      throw new EngineTaskError(`no index to update yet (${missing.map((n) => this.engine.uid(n)).join(', ')} missing): run a full reindex first`);
    }
    if (this.engine.sharded) await this.requireShards();
  }

  /** Indexes built before `sourceFile` was filterable learn it here, once (a small index: a quick task). */
  private async ensureSourceFileFilter(): Promise<void> {
    if (this.sourceFileFilterable) return;
    const index = this.engine.index('articles');
    const current = await this.engine.call('reading article settings', () => index.getFilterableAttributes());
    const names = (current ?? []).map((a) => (typeof a === 'string' ? a : a.attributePatterns.join(',')));
    if (!names.includes('sourceFile')) {
      await this.engine.waitOk('making sourceFile filterable', index.updateFilterableAttributes([...names, 'sourceFile']));
    }
    this.sourceFileFilterable = true;
  }

  /** Deletes leftover `__next` indexes (from a crash or a failed build, or the old ones after a swap). */
  private async dropNext(): Promise<void> {
    for (const { engine } of this.engine.shards) {
      const existing = await engine.existingIndexes();
      for (const name of INDEX_NAMES) {
        const uid = engine.uid(name) + NEXT_SUFFIX;
        if (!existing.has(uid)) continue;
        const task = await engine.waitTask(`deleting ${uid}`, engine.client.deleteIndex(uid));
        if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') throw taskError(`deleting ${uid}`, task);
      }
    }
  }

  /**
   * The indexes a full build writes: on one engine all five; sharded, passages and articles on
   * every shard and the small indexes (people, events, meta) on the local engine only.
   */
  private buildTargets(): BuildTarget[] {
    const engine = this.engine;
    return engine.shards.flatMap((shard) =>
      INDEX_NAMES.filter((name) => shard.local || name === 'passages' || name === 'articles').map((name) => ({ engine: shard.engine, name })),
    );
  }


  /** Items grouped by the shard of their article, in shard order (one engine: all of them, in order). */
  private byShard<T>(items: readonly T[], articleOf: (item: T) => string): [EngineClient, T[]][] {
    if (items.length === 0) return [];
    if (!this.engine.sharded) return [[this.engine, [...items]]];
    const grouped = groupByShard(items, articleOf, this.engine.shardNames);
    return this.engine.shards.filter((s) => grouped.get(s.name)!.length > 0).map((s) => [s.engine, grouped.get(s.name)!]);
  }

  /** The deletions removing these articles and their passages from whichever shard holds them. */
  private async shardedRemoval(ids: string[], speakers?: Set<string>): Promise<WriteStep[]> {
    const steps: WriteStep[] = [];
    for (const { engine } of this.engine.shards) {
      const passageIds = await this.passageIdsOf(ids, engine, speakers);
      const held: string[] = [];
      for (const chunk of chunks(ids, FILTER_CHUNK)) {
        held.push(...(await this.allDocs<{ id: string }>('articles', ['id'], `id IN [${chunk.map(quoteFilterValue).join(', ')}]`, engine)).map((d) => d.id));
      }
      if (passageIds.length > 0) steps.push(['deleting passages', 'passages', () => engine.index('passages').deleteDocuments(passageIds), undefined, engine]);
      if (held.length > 0) steps.push(['deleting articles', 'articles', () => engine.index('articles').deleteDocuments(held), undefined, engine]);
    }
    return steps;
  }

  /** Every remote shard must hold live passages and articles indexes (built by a full reindex). */
  private async requireShards(): Promise<void> {
    for (const shard of this.engine.shards.filter((s) => !s.local)) {
      const existing = await shard.engine.existingIndexes();
      const missing = (['passages', 'articles'] as const).filter((name) => !existing.has(shard.engine.uid(name)));
      if (missing.length > 0) {
        throw new EngineTaskError(`shard ${JSON.stringify(shard.name)} has no ${missing.join(' or ')} index yet: run a full reindex first`);
      }
    }
    const { value } = await this.meta.load();
    const configured = [...this.engine.shardNames].sort().join(',');
    if (value && (value.shards ?? []).join(',') !== configured) {
      throw new EngineTaskError(
        `the index was built over shards [${(value.shards ?? []).join(', ')}], not [${configured.split(',').join(', ')}]: articles are placed by the shard list, so run a full reindex first`,
      );
    }
  }
}

/** What an incremental update changed of the reading data: speakers whose passages it wrote or deleted, people and events it brought. */
interface ReadingChange {
  speakers: Set<string>;
  people?: RecordSet['people'];
  events?: RecordSet['events'];
  /** The articles written (and replaced) and the KB they were built with, whose speaker corrections they now carry. */
  articles?: { ids: string[]; kb: KnowledgeBase };
}

/** The KB's speaker corrections as the meta record keeps them. */
function appliedOverridesOf(kb: KnowledgeBase): AppliedOverride[] {
  return (kb.speakerOverrides ?? []).map((o) => ({ passageId: o.passageId, articleId: o.articleId, speakerId: o.speakerId }));
}

/** The corrections recorded for other articles, and for `articleIds` those they were just built with. */
function mergeOverrides(recorded: AppliedOverride[], articleIds: string[], built: AppliedOverride[]): AppliedOverride[] {
  const written = new Set(articleIds);
  return [...recorded.filter((o) => !written.has(o.articleId)), ...built.filter((o) => written.has(o.articleId))];
}

/** One index of a full build on one shard. */
interface BuildTarget {
  engine: EngineClient;
  name: IndexName;
}

/** One write of an incremental update: what it does (for errors), its index, the call, the documents it sends. */
type WriteStep = [what: string, index: IndexName, start: () => ReturnType<Index['addDocuments']>, batch?: { id: unknown }[], on?: EngineClient];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The meta record's fields an incremental update changes: its time, and the corpus fingerprint it leaves. */
function metaPatch(fingerprint: string | undefined): Record<string, unknown> {
  return { id: META_ID, updatedAt: new Date().toISOString(), ...(fingerprint ? { fingerprint } : {}) };
}
