/**
 * A worker-thread pool (`piscina`) for large ingests: files are handed out in small chunks and
 * their outcomes come back in file order, so the caller's duplicate checks and record order are
 * those of the single-thread loop. At most a few chunks per thread are in flight, so a large
 * corpus is never held whole as pending results.
 *
 * @see https://github.com/piscinajs/piscina#readme
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { FileOutcome } from './file-task.ts';
import type { KnowledgeBase } from './types.ts';
import type { IngestTask, IngestWorkerData } from './worker.ts';

/** Files per task: enough to amortise a message round trip, small enough to balance the threads. */
const CHUNK = 8;
/** Tasks in flight per thread. */
const WINDOW_PER_THREAD = 4;

/**
 * Default worker threads: one per core but one (the main thread and the engine need a core), and
 * none below two workers. Measured on the 2-core machine (BENCHMARKS.md, 4 Dec 2026), two workers
 * cost ~80 % more CPU than one thread (each loads the pipeline and warms its JIT: ~2.5 s of CPU,
 * ~150 MiB) and were no faster on a shared machine, so a 2-core host ingests on one thread.
 */
export function defaultIngestThreads(): number {
  const workers = os.availableParallelism() - 1;
  return workers >= 2 ? workers : 0;
}

/**
 * The outcome of every file, in the order given, computed on `threads` worker threads.
 * The pool is created here and destroyed when the iteration ends (or is abandoned).
 */
export async function* pooledOutcomes(
  files: readonly string[],
  opts: { inputDir: string; kb: KnowledgeBase; maxBytes?: number; threads: number },
): AsyncGenerator<FileOutcome> {
  const pool = new Piscina({
    // A plain-JS entry that loads the TypeScript worker through tsx (worker threads do not
    // inherit the parent's loader on Node 20).
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: opts.threads,
    maxThreads: opts.threads,
    workerData: { kb: opts.kb } satisfies IngestWorkerData,
    idleTimeout: 1000,
  });
  try {
    const chunks: string[][] = [];
    for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
    const window = opts.threads * WINDOW_PER_THREAD;
    const pending: Promise<FileOutcome[]>[] = [];
    let next = 0;
    const submit = () => {
      const task: IngestTask = { inputDir: opts.inputDir, files: chunks[next++]!, ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}) };
      const p = pool.run(task) as Promise<FileOutcome[]>;
      p.catch(() => {}); // observed when its turn comes
      pending.push(p);
    };
    while (next < chunks.length && pending.length < window) submit();
    while (pending.length > 0) {
      const done = await pending.shift()!;
      if (next < chunks.length) submit();
      yield* done;
    }
  } finally {
    await pool.destroy();
  }
}
