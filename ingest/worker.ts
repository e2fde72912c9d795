/**
 * The ingest worker: read → parse → clean → extract for one file, in a worker thread of the
 * `piscina` pool `runIngest` starts for large inputs (`ingest/pool.ts`). It runs the very
 * functions the single-thread path runs (`readSource`, `processSource`'s steps), with the
 * knowledge base the pool hands every worker once (`workerData`), so the records are the same.
 *
 * @see https://github.com/piscinajs/piscina#readme
 */
import { workerData } from 'piscina';
import type { KnowledgeBase } from './types.ts';
import { processFile, type FileOutcome } from './file-task.ts';

/** What each worker receives once: the loaded knowledge base. */
export interface IngestWorkerData {
  kb: KnowledgeBase;
}

/** One task: files (absolute paths) read relative to `inputDir`, processed in order. */
export interface IngestTask {
  inputDir: string;
  files: string[];
  maxBytes?: number;
}

const kb = (workerData as IngestWorkerData).kb;

/** Processes a task's files; never throws for a bad file (the outcome carries the reason). */
export default async function run(task: IngestTask): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  for (const abs of task.files) out.push(await processFile(abs, task.inputDir, kb, task.maxBytes));
  return out;
}
