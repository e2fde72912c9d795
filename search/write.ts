/**
 * Writes to the engine: document building, index settings, full reindex into `__next` indexes
 * and one atomic swap. (Incremental writes belong here too.)
 */
import type { Index, Settings } from 'meilisearch';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../ingest/types.ts';
import { AliasMatcher, buildAliasGroups } from './aliases.ts';
import { buildPassageDocs } from './documents.ts';
import { readingKbOf } from './interpret.ts';
import { INDEX_NAMES, NEXT_SUFFIX, taskError, type EngineClient, type IndexName } from './engine-client.ts';
import { EngineTaskError } from './errors/engine-task-error.ts';
import { META_ID, type MetaDoc, type MetaStore } from './meta.ts';
import { ARTICLE_SETTINGS, ENTITY_SETTINGS, META_SETTINGS, PASSAGE_SETTINGS } from './settings.ts';
import type { RecordSet } from './types.ts';

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

/** The module's writer: full reindexes, one at a time in this process. */
export class IndexWriter {
  private reindexing: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: EngineClient,
    private readonly meta: MetaStore,
    private readonly log: Logger | undefined,
  ) {}

  /** Rebuilds every index from a record set and swaps them in at once; the old ones serve until then. */
  async reindex(records: RecordSet, opts: { fingerprint: string; kb: KnowledgeBase }): Promise<void> {
    // One reindex at a time in this process: two interleaved builds would share the __next indexes.
    const run = this.reindexing.then(() => this.rebuild(records, opts));
    this.reindexing = run.catch(() => {});
    return run;
  }

  private async rebuild(records: RecordSet, opts: { fingerprint: string; kb: KnowledgeBase }): Promise<void> {
    const engine = this.engine;
    const started = Date.now();
    const groups = buildAliasGroups(opts.kb);
    const matcher = new AliasMatcher(groups);
    const meta: MetaDoc = { id: META_ID, fingerprint: opts.fingerprint, indexedAt: new Date().toISOString(), aliasGroups: groups };
    meta.reading = readingKbOf(records, opts.kb);
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
        waits.push(engine.waitOk(what, task, batch).then(() => null, (err: unknown) => err));
        await engine.call(what, () => task);
      };
      for (const name of INDEX_NAMES) {
        const uid = engine.uid(name) + NEXT_SUFFIX;
        await enqueue(`creating index ${uid}`, () => engine.client.createIndex(uid, { primaryKey: 'id' }));
        await enqueue(`configuring index ${uid}`, () => engine.index(name, true).updateSettings(settings[name]));
        const all = docs[name];
        for (let i = 0; i < all.length; i += UPLOAD_BATCH) {
          const batch = all.slice(i, i + UPLOAD_BATCH);
          await enqueue(`indexing ${name}`, () => engine.index(name, true).addDocuments(batch as Record<string, any>[]), batch);
        }
      }
      const firstError = (await Promise.all(waits)).find((e) => e !== null);
      if (firstError) throw firstError;
      for (const name of INDEX_NAMES) {
        const uid = engine.uid(name) + NEXT_SUFFIX;
        const stats = await engine.call(`counting ${uid}`, () => engine.index(name, true).getStats());
        if (stats.numberOfDocuments !== docs[name].length) {
          throw new EngineTaskError(`index ${uid} holds ${stats.numberOfDocuments} documents, expected ${docs[name].length}`);
        }
      }
      const existing = await engine.existingIndexes();
      // One swap for all indexes: readers see either every old index or every new one.
      // A pair whose live index does not exist yet (first run) is a rename instead of a swap.
      const swaps = INDEX_NAMES.map((name) => ({
        indexes: [engine.uid(name) + NEXT_SUFFIX, engine.uid(name)] as [string, string],
        rename: !existing.has(engine.uid(name)),
      }));
      await engine.waitOk('swapping indexes', engine.client.swapIndexes(swaps));
    } catch (err) {
      this.log?.error({ err }, 'reindex failed; the previous indexes keep serving');
      await this.dropNext().catch((cleanupErr) => this.log?.warn({ err: cleanupErr }, 'could not delete __next indexes'));
      throw err;
    }
    // After the swap the __next names hold the old data.
    await this.dropNext();
    this.meta.set(meta, matcher);
    this.log?.info(
      { passages: records.passages.length, articles: records.articles.length, ms: Date.now() - started },
      'reindex complete',
    );
  }

  /** Deletes leftover `__next` indexes (from a crash or a failed build, or the old ones after a swap). */
  private async dropNext(): Promise<void> {
    const engine = this.engine;
    const existing = await engine.existingIndexes();
    for (const name of INDEX_NAMES) {
      const uid = engine.uid(name) + NEXT_SUFFIX;
      if (!existing.has(uid)) continue;
      const task = await engine.waitTask(`deleting ${uid}`, engine.client.deleteIndex(uid));
      if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') throw taskError(`deleting ${uid}`, task);
    }
  }
}
