/**
 * The meta index's one record (corpus fingerprint, build time, KB alias groups) and the cached
 * alias matcher built from it: written by a reindex, read by every search.
 */
import { AliasMatcher, type AliasGroup } from './aliases.ts';
import type { EngineClient } from './engine-client.ts';
import type { ReadingKb } from './interpret.ts';
import type { AppliedOverride } from './types.ts';

/** Id of the one record of the meta index. */
export const META_ID = 'corpus';
/** How long cached KB aliases are trusted before the meta record is read again. */
const META_TTL_MS = 30_000;

/** The one record of the meta index. */
export interface MetaDoc {
  id: typeof META_ID;
  fingerprint: string;
  indexedAt: string;
  /** Time of the last incremental update applied since `indexedAt` (absent until one). */
  updatedAt?: string;
  /** What the build depends on besides the corpus files (KB, pipeline, settings); see `EngineHealth.buildKey`. */
  buildKey?: string;

  /** KB alias groups, so query expansion works after a restart without reindexing. */
  aliasGroups: AliasGroup[];
  /** People (with roles and statement counts) and events, for reading a query; absent in older indexes. */
  reading?: ReadingKb;
  /** The shard names (sorted) the build placed articles by; absent for a build on one engine. */
  shards?: string[];
  /** The speaker corrections the indexed records were built with; absent in older indexes. */
  speakerOverrides?: AppliedOverride[];
}

/** The serving meta record and its alias matcher. */
export interface LoadedMeta {
  value: MetaDoc | null;
  matcher: AliasMatcher | null;
}

/** The serving meta record and its alias matcher, cached briefly; a failure is never cached. */
export class MetaStore {
  private cached: (LoadedMeta & { at: number }) | null = null;

  constructor(private readonly engine: EngineClient) {}

  /** The cached record, or the engine's when the cache is older than 30 s (or cleared). */
  async load(): Promise<LoadedMeta> {
    if (this.cached && Date.now() - this.cached.at < META_TTL_MS) return this.cached;
    const value = await this.engine.callOrMissing(
      'reading the corpus record',
      async () => (await this.engine.index<MetaDoc>('meta').getDocument(META_ID)) as MetaDoc,
      () => null,
    );
    // The alias groups change only with a full reindex: keep the matcher built for the same build.
    const same = value && this.cached?.value && this.cached.value.fingerprint === value.fingerprint && this.cached.value.indexedAt === value.indexedAt;
    const matcher = same ? this.cached!.matcher : value ? new AliasMatcher(value.aliasGroups ?? []) : null;
    // The same record (no update since): keep the object, so what a reading keeps per record
    // (the folded names and titles in search/interpret.ts) is not computed again every 30 s.
    const unchanged = same && this.cached!.value!.updatedAt === value.updatedAt;
    this.cached = { value: unchanged ? this.cached!.value : value, matcher, at: Date.now() };
    return this.cached;
  }

  /**
   * The record's small fields (no alias groups), read from the engine every time: health reports
   * what the engine holds now without rebuilding the alias matcher on every poll.
   */
  async peek(): Promise<Pick<MetaDoc, 'fingerprint' | 'indexedAt' | 'updatedAt' | 'buildKey' | 'shards'> | null> {
    return this.engine.callOrMissing(
      'reading the corpus record',
      async () =>
        (await this.engine.index<MetaDoc>('meta').getDocument(META_ID, { fields: ['fingerprint', 'indexedAt', 'updatedAt', 'buildKey', 'shards'] })) as Pick<
          MetaDoc,
          'fingerprint' | 'indexedAt' | 'updatedAt' | 'buildKey' | 'shards'
        >,
      () => null,
    );
  }

  /** The speaker corrections the serving records were built with, read from the engine; null when the record has none. */
  async peekOverrides(): Promise<AppliedOverride[] | null> {
    const doc = await this.engine.callOrMissing(
      'reading the corpus record',
      async () => (await this.engine.index<MetaDoc>('meta').getDocument(META_ID, { fields: ['speakerOverrides'] })) as Pick<MetaDoc, 'speakerOverrides'>,
      () => null,
    );
    return doc?.speakerOverrides ?? null;
  }

  /** Serves a record just written (after a reindex's swap). */
  set(value: MetaDoc, matcher: AliasMatcher): void {
    this.cached = { value, matcher, at: Date.now() };
  }

  /** Marks the cached record stale, so the next `load` reads the engine (keeping the matcher if the build is the same). */
  clear(): void {
    if (this.cached) this.cached = { ...this.cached, at: 0 };
  }
}
