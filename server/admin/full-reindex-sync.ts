/**
 * A `CorpusSyncPort` on top of the existing search service, for when the incremental
 * `server/corpus-sync.ts` is not there: every change re-ingests the whole corpus and swaps a
 * fresh index in (atomic, so searches keep being served). Correct, but its cost grows with the
 * corpus (seconds for hundreds of articles); swap it for `createCorpusSync` where available.
 */
import { runIngest } from '../../ingest/pipeline.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import type { SearchService } from '../../search/types.ts';
import type { CorpusSyncPort, SyncResult } from './sync-port.ts';

/** Options of `createFullReindexSync`. */
export interface FullReindexSyncOptions {
  corpusDir: string;
  search: Pick<SearchService, 'reindex' | 'listArticles'>;
  /** The knowledge base; read at each sync, so a curator's override added to it takes effect. */
  kb: KnowledgeBase;
}

/** Builds the whole-corpus fallback of the incremental sync. */
export function createFullReindexSync(opts: FullReindexSyncOptions): CorpusSyncPort {
  const sync = async (relPaths: string[]): Promise<SyncResult> => {
    const before = await opts.search.listArticles();
    const result = await runIngest({ inputDir: opts.corpusDir, kb: opts.kb });
    await opts.search.reindex(result, { fingerprint: result.fingerprint, kb: opts.kb });
    const wanted = new Set(relPaths);
    const now = new Set(result.articles.map((a) => a.id));
    return {
      articles: result.articles.filter((a) => wanted.has(a.sourceFile)),
      removedArticleIds: before.filter((a) => wanted.has(a.sourceFile) && !now.has(a.id)).map((a) => a.id),
      rejected: result.rejected.filter((r) => wanted.has(r.file)),
      warnings: result.warnings.filter((w) => wanted.has(w.file)),
    };
  };
  return { applyFiles: sync, removeFiles: sync };
}
