/**
 * `npm start`: configuration → search engine (external, or a local Meilisearch) → the app,
 * listening on HOST:PORT → bring the index up to date (changed files applied in place; a full
 * reindex when the knowledge base, pipeline or settings changed) → watch CORPUS_DIR and apply
 * new, changed and removed files while serving. Adds only what a running process needs: logging (pretty on a terminal),
 * timeouts and graceful shutdown (Ctrl-C / SIGTERM close the server, then the local engine).
 * `/api/health` answers 503 until searches can be served, then 200.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { fingerprintCorpus } from '../ingest/pipeline.ts';
import { ingestToRecords } from '../ingest/write.ts';
import type { KnowledgeBase } from '../ingest/types.ts';
import { ConfigError, loadConfig, type Config } from '../lib/config.ts';
import type { EngineHandle } from '../search/engine.ts';
import { connectEngine, createSearchService, type SearchService } from '../search/index.ts';
import { buildApp } from './app.ts';
import { buildKeyFor, createCorpusSync, type CorpusSync } from './corpus-sync.ts';

export { buildKeyFor } from './corpus-sync.ts';
import { watchCorpus, type CorpusWatcher } from './corpus-watch.ts';
import { warmCitationEngine } from './citations.ts';
import type { Readiness } from './plugins/services.ts';

/** A running server: where it listens, when it can search, how to stop it. */
export interface Started {
  app: FastifyInstance;
  /** `http://host:port` as bound. */
  url: string;
  /** Resolves when searches can be served (the index is current); rejects when the first index failed. */
  ready: Promise<void>;
  /** Closes the server, then stops the engine if this process started it. */
  stop(): Promise<void>;
}

/** A pino logger: pretty-printed on a terminal, JSON lines otherwise; the master key is never a field. */
export function createLogger(config: Pick<Config, 'logLevel'>, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['masterKey', '*.masterKey', 'config.meili', 'config.remotes', '*.writeApiKey', '*.searchApiKey', 'req.headers.authorization'], censor: '<hidden>' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}

/**
 * Brings the serving index up to date with the corpus; returns whether it changed the index.
 * Same knowledge base, pipeline and settings as the serving build, only files changed: the
 * difference is applied in place (`sync.syncAll`). Anything else (no index yet, a KB or settings
 * change, an index from before build keys): a full reindex into new indexes and one atomic swap.
 */
export async function ensureIndex(
  config: Config,
  search: Pick<SearchService, 'health' | 'reindex'>,
  log: Logger,
  opts: { kb?: KnowledgeBase; sync?: Pick<CorpusSync, 'syncAll'> | null } = {},
): Promise<boolean> {
  const [health, fingerprint] = await Promise.all([search.health(), fingerprintCorpus(config.corpusDir, config.kbDir)]);
  const kb = opts.kb ?? (await loadKnowledgeBase(config.kbDir));
  const buildKey = buildKeyFor(kb);
  const sameBuild = health.buildKey === buildKey;
  if (health.corpusFingerprint === fingerprint && sameBuild) {
    log.info({ passages: health.counts.passages, fingerprint }, 'index is current: serving it');
    return false;
  }
  const started = performance.now();
  if (opts.sync && sameBuild && health.corpusFingerprint) {
    log.info({ corpusDir: config.corpusDir, previous: health.corpusFingerprint, fingerprint }, 'corpus files changed: applying the difference in place');
    const r = await opts.sync.syncAll();
    log.info(
      `Applied ${config.corpusDir} in place in ${((performance.now() - started) / 1000).toFixed(1)} s: ${r.articles.length} article(s) written, ` +
        `${r.removedArticleIds.length} removed, ${r.rejected.length} file(s) rejected` +
        (r.rejected.length ? ` (${r.rejected.map((x) => `${x.file}: ${x.reason}`).join('; ')})` : '') +
        '.',
    );
    return true;
  }
  log.info(
    { corpusDir: config.corpusDir, previous: health.corpusFingerprint, fingerprint },
    !health.corpusFingerprint ? 'no index yet: ingesting the corpus' : sameBuild ? 'corpus changed: re-ingesting' : 'knowledge base, pipeline or index settings changed: rebuilding the index',
  );
  // Records are streamed: passages go to passages.jsonl as articles are accepted, and the reindex
  // reads them back in upload batches, so a large corpus is never held whole (ingest/write.ts).
  const recordsDir = path.join(config.dataDir, 'records');
  const { result, records, withSpeaker } = await ingestToRecords({ inputDir: config.corpusDir, kb, outDir: recordsDir });
  await search.reindex(records, { fingerprint: result.fingerprint, kb, buildKey });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const withEvent = result.articles.filter((a) => a.eventIds.length > 0).length;
  log.info(
    `Ingested ${config.corpusDir} in ${seconds} s: ${result.articles.length} articles and ${result.passageCount} passages ` +
      `(${withSpeaker} attributed to a speaker; ${withEvent} articles tied to an event) over ${result.people.length} people ` +
      `and ${result.events.length} events; ${result.rejected.length} file(s) rejected` +
      (result.rejected.length ? ` (${result.rejected.map((r) => `${r.file}: ${r.reason}`).join('; ')})` : '') +
      `, ${result.warnings.length} warning(s), ${result.candidates.length} unknown person candidate(s). ` +
      `Records written to ${recordsDir}; index swapped in (fingerprint ${result.fingerprint.slice(0, 12)}).`,
  );
  return true;
}

/** Starts everything `npm start` starts; the caller decides what to do with signals. */
export async function start(config: Config, log: Logger = createLogger(config)): Promise<Started> {
  const engine: EngineHandle = await connectEngine(config, log);
  const search = createSearchService({
    url: engine.url,
    masterKey: engine.masterKey,
    indexPrefix: config.indexPrefix,
    log,
    enginePid: engine.process?.pid ?? null,
    remotes: config.remotes,
    shardSelf: config.shardSelf,
  });
  if (config.remotes.length > 0) {
    // Names only: URLs and keys of the shards stay out of the log.
    log.info({ shards: [config.shardSelf, ...config.remotes.map((r) => r.name)] }, 'articles are sharded over these engines; this one coordinates the federated searches');
  }
  const readiness: Readiness = { ready: false, reason: 'Checking whether the index matches the corpus' };
  let app: FastifyInstance;
  // The KB is needed to apply files in place; when it does not load, the index build below
  // reports why, and no in-place update runs (it would mix two knowledge bases).
  const kb = await loadKnowledgeBase(config.kbDir).catch((err: unknown) => {
    log.error({ err }, 'knowledge base does not load: no in-place corpus updates');
    return null;
  });
  const corpusSync = kb ? createCorpusSync({ config, search, kb, log, onChange: () => app.invalidateCatalog() }) : null;
  let watcher: CorpusWatcher | null = null;
  let stopping: Promise<void> | null = null;
  try {
    app = await buildApp({
      config,
      search,
      log,
      readiness,
      ...(corpusSync && kb ? { corpusSync, admin: { kb, corpusSync } } : {}),
      timeouts: { requestTimeout: 30_000, connectionTimeout: 60_000, keepAliveTimeout: 72_000 },
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await engine.stop();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;

  const ready = (async () => {
    const hadIndex = (await search.health()).corpusFingerprint !== null;
    // An older index is complete and the swap is atomic: serve it while the new one is built.
    if (hadIndex) readiness.ready = true;
    readiness.reason = 'Indexing the corpus';
    let changed = false;
    try {
      changed = await ensureIndex(config, search, log, { ...(kb ? { kb } : {}), sync: corpusSync });
    } catch (err) {
      if (!hadIndex) throw err;
      log.error({ err }, 'reindex failed: still serving the previous index');
    }
    app.invalidateCatalog();
    readiness.ready = true;
    log.info(`ready: ${url} (API docs at ${url}/docs)`);
    if (corpusSync && !stopping) {
      watcher = watchCorpus({ corpusDir: config.corpusDir, sync: corpusSync, log });
      await watcher.ready;
      // Files written while the index was being built were not in it, and the watcher started after.
      if (changed) await corpusSync.syncAll().catch((err: unknown) => log.error({ err }, 'corpus sync after the build failed'));
    }
    // After the index, off the start-up path: the first citation then answers at once.
    setImmediate(warmCitationEngine);
  })();
  // The caller awaits `ready`; a rejection it has not awaited yet must not crash the process first.
  ready.catch(() => {});

  const stop = () =>
    (stopping ??= (async () => {
      await watcher?.close();
      await app.close();
      await engine.stop();
    })());
  return { app, url, ready, stop };
}

/** The `npm start` entry point: start, report, stop on Ctrl-C / SIGTERM. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    // No logger yet (its level is configuration too): one plain line naming the variable at fault.
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`npm start: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  const log = createLogger(config);
  let started: Started;
  try {
    started = await start(config, log);
  } catch (err) {
    log.fatal({ err }, 'could not start');
    process.exitCode = 1;
    return;
  }
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    log.info(`${signal}: closing the server and stopping the engine`);
    started.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  try {
    await started.ready;
  } catch (err) {
    log.fatal({ err }, 'the first index could not be built');
    await started.stop();
    process.exitCode = 1;
  }
}

const invokedAs = process.argv[1] ? pathToFileURL(fs.realpathSync(process.argv[1])).href : '';
if (import.meta.url === invokedAs) void main();
