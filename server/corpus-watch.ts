/**
 * Watches `CORPUS_DIR` while `npm start` serves (chokidar) and hands new, changed and removed
 * article files to the corpus sync, so a file dropped into the folder is searchable within
 * seconds and a deleted one disappears, without a restart or a rebuild.
 *
 * Events are gathered for a short quiet period and applied together (an editor's save, or a
 * copy of fifty files, is one sync call); a file is reported only once its size has been
 * stable for `stableMs` (chokidar's `awaitWriteFinish`), so a half-copied file is never read.
 * @see https://github.com/paulmillr/chokidar#api
 */
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import { isSourceFileName } from '../ingest/pipeline.ts';
import type { CorpusSync, SyncResult } from './corpus-sync.ts';

/** Options of `watchCorpus`. */
export interface WatchCorpusOptions {
  corpusDir: string;
  sync: Pick<CorpusSync, 'applyFiles' | 'removeFiles'>;
  log?: Logger | FastifyBaseLogger;
  /** Quiet period in ms before gathered events are applied (default 250). */
  debounceMs?: number;
  /** How long in ms a file's size must hold still before it counts as written (default 300). */
  stableMs?: number;
  /** Called after each applied batch (tests wait on it). */
  onApplied?: (result: SyncResult) => void;
}

/** A running watcher. */
export interface CorpusWatcher {
  /** Resolves once the folder has been scanned and events are being reported. */
  ready: Promise<void>;
  /** Stops watching; waits for a batch being applied. */
  close(): Promise<void>;
}

/** Starts watching the corpus folder. */
export function watchCorpus(opts: WatchCorpusOptions): CorpusWatcher {
  const root = path.resolve(opts.corpusDir);
  const debounceMs = opts.debounceMs ?? 250;
  const changed = new Set<string>();
  const removed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: opts.stableMs ?? 300, pollInterval: 50 },
    // Dot files (editor swap files, `.git`) and what the pipeline does not read; folders pass.
    ignored: (p, stats) => path.basename(p).startsWith('.') || (stats?.isFile() === true && !isSourceFileName(path.basename(p))),
  });

  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const flush = () => {
    timer = null;
    const toApply = [...changed];
    const toRemove = [...removed];
    changed.clear();
    removed.clear();
    running = running.then(async () => {
      try {
        if (toRemove.length > 0) opts.onApplied?.(await opts.sync.removeFiles(toRemove));
        if (toApply.length > 0) opts.onApplied?.(await opts.sync.applyFiles(toApply));
      } catch (err) {
        opts.log?.error({ err, files: [...toRemove, ...toApply] }, 'corpus watch: could not apply the changed files; the index keeps its previous state for them');
      }
    });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const onFile = (p: string) => {
    if (!isSourceFileName(path.basename(p))) return;
    removed.delete(rel(p));
    changed.add(rel(p));
    schedule();
  };
  watcher.on('add', onFile).on('change', onFile);
  watcher.on('unlink', (p) => {
    if (!isSourceFileName(path.basename(p))) return;
    changed.delete(rel(p));
    removed.add(rel(p));
    schedule();
  });
  watcher.on('error', (err) => opts.log?.error({ err }, 'corpus watch error'));

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  void ready.then(() => opts.log?.info({ corpusDir: root }, 'watching the corpus folder for new, changed and removed articles'));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
