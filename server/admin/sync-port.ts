/**
 * What the admin routes need to bring the index in line with changed corpus files: the
 * `createCorpusSync` contract (CONTRACTS.md, `server/corpus-sync.ts`). Paths are relative to
 * CORPUS_DIR. Stated here so the routes depend on the contract, not on one implementation.
 */
import type { Article, IngestWarning } from '../../ingest/types.ts';

/** What one sync did. */
export interface SyncResult {
  articles: Article[];
  removedArticleIds: string[];
  rejected: { file: string; reason: string }[];
  warnings: IngestWarning[];
}

/** Ingests and indexes changed files; removes the articles of removed files. */
export interface CorpusSyncPort {
  applyFiles(relPaths: string[]): Promise<SyncResult>;
  removeFiles(relPaths: string[]): Promise<SyncResult>;
}
