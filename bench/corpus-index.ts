/**
 * Builds the search index from a real corpus exactly as `npm start` does (ingest → reindex), for
 * the eval CLI, the regression test and the benchmarks. Also returns the indexed passages as
 * public `PassageDoc`s (built with the search module's own document builder) so relevance can be
 * judged over everything that was indexed, not only over what a search returned.
 */
import type { Logger } from 'pino';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { runIngest } from '../ingest/pipeline.ts';
import type { KnowledgeBase } from '../ingest/types.ts';
import { createSearchService } from '../search/index.ts';
import type { RecordSet } from '../search/types.ts';
import { passageDocsOf } from './passage-docs.ts';

export { passageDocsOf };

/** Where to index and what. */
export interface CorpusIndexOptions {
  url: string;
  masterKey: string;
  indexPrefix: string;
  corpusDir: string;
  kbDir: string;
  log?: Logger;
}

/** Ingests the corpus, reindexes it under `indexPrefix`, and returns the service with what it indexed. */
export async function indexCorpus(opts: CorpusIndexOptions) {
  const kb: KnowledgeBase = await loadKnowledgeBase(opts.kbDir);
  const ingestStart = performance.now();
  const result = await runIngest({ inputDir: opts.corpusDir, kb });
  const ingestMs = performance.now() - ingestStart;
  const service = createSearchService({ url: opts.url, masterKey: opts.masterKey, indexPrefix: opts.indexPrefix, log: opts.log });
  const reindexStart = performance.now();
  await service.reindex(result, { fingerprint: result.fingerprint, kb });
  const reindexMs = performance.now() - reindexStart;
  return { kb, records: result as RecordSet, ingest: result, service, docs: passageDocsOf(result), ingestMs, reindexMs };
}
