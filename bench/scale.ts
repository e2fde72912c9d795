/**
 * `npm run scale [-- --passages 100000 --duration 10 --json]`
 *
 * Scale run on a synthetic corpus of N passages recombined from the real corpus's sentences
 * (bench/synthetic.ts), on a throw-away local engine (or `MEILI_URL`), traffic to 127.0.0.1 only:
 * - ingest rate: the real pipeline (read, parse, clean, extract; a worker pool unless `--threads 0`)
 *   over the generated `.txt` files, passages streamed to `passages.jsonl` (`ingestToRecords`, what
 *   `npm run ingest` does), with this process's peak RSS after it;
 * - full reindex time of all passages (`SearchService.reindex`, atomic swap included), the passages
 *   read back from `passages.jsonl` in upload batches;
 * - one article added in place to that index (`createCorpusSync().applyFiles`, what the watcher
 *   calls): time until a search finds it, and until the call returns;
 * - index size on disk (engine `/stats` databaseSize, and the data directory when local);
 * - `/api/search` latency at that size (real app in a child process, autocannon, 1 and 8 connections),
 *   and the same queries sent straight to Meilisearch;
 * - peak memory: this process (ingest + reindex, what `npm start` does) and the serving app.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pino from 'pino';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { runIngest } from '../ingest/pipeline.ts';
import { ingestToRecords } from '../ingest/write.ts';
import { loadConfig, type Config } from '../lib/config.ts';
import { connectEngine, createSearchService } from '../search/index.ts';
import { createCorpusSync } from '../server/corpus-sync.ts';
import { engineStats } from './baseline-index.ts';
import { passageDocsOf } from './passage-docs.ts';
import { apiTarget, directTarget, loadQueryMix, runCannon, serveApp, type ServedApp } from './cannon.ts';
import { generateSyntheticFiles, sentencesOf, writeSyntheticCorpus } from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    passages: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    threads: { type: 'string' },
  },
});
const target = Number(args.passages);
const seconds = Number(args.duration);

/** Peak resident set size of a process, from /proc (Linux); null elsewhere. */
async function peakRssMiB(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : null;
}

const config0 = loadConfig();
const log = pino({ level: 'warn' }, pino.destination(2));
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-scale-'));
const config: Config = config0.meili ? config0 : { ...config0, dataDir: path.join(tmp, 'data') };
const prefix = `${config.indexPrefix}scale_`;
const engine = await connectEngine(config, log);
let served: ServedApp | null = null;
const out: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), loadavgAtStart: os.loadavg(), node: process.version },
  targetPassages: target,
};
try {
  const kb = await loadKnowledgeBase(config.kbDir);
  const real = await runIngest({ inputDir: config.corpusDir, kb });
  const realDocs = passageDocsOf(real);
  const sentences = sentencesOf(realDocs.filter((d) => d.kind === 'paragraph').map((d) => d.text));

  const corpusDir = path.join(tmp, 'corpus');
  let t = performance.now();
  const articles = await writeSyntheticCorpus(corpusDir, generateSyntheticFiles(sentences, kb, { passages: target }));
  out.generate = { articles, sentences: sentences.length, seconds: (performance.now() - t) / 1000 };

  t = performance.now();
  let load = os.loadavg()[0];
  const streamed = await ingestToRecords({
    inputDir: corpusDir,
    kb,
    outDir: path.join(tmp, 'records'),
    ...(args.threads !== undefined ? { threads: Number(args.threads) } : {}),
  });
  const ingest = streamed.result;
  const ingestSeconds = (performance.now() - t) / 1000;
  out.ingest = {
    articles: ingest.articles.length,
    rejected: ingest.rejected.length,
    passages: ingest.passageCount,
    seconds: ingestSeconds,
    articlesPerSecond: ingest.articles.length / ingestSeconds,
    passagesPerSecond: ingest.passageCount / ingestSeconds,
    threads: args.threads !== undefined ? Number(args.threads) : 'default',
    loadavgBefore: load,
    loadavgAfter: os.loadavg()[0],
    peakRssMiBAfterIngest: process.resourceUsage().maxRSS / 1024,
  };
  log.warn(out.ingest, 'ingest');

  const service = createSearchService({ url: engine.url, masterKey: engine.masterKey, indexPrefix: prefix, log });
  t = performance.now();
  load = os.loadavg()[0];
  await service.reindex(streamed.records, { fingerprint: `scale-${target}`, kb });
  const reindexSeconds = (performance.now() - t) / 1000;
  out.reindex = {
    passages: ingest.passageCount,
    seconds: reindexSeconds,
    passagesPerSecond: ingest.passageCount / reindexSeconds,
    loadavgBefore: load,
    loadavgAfter: os.loadavg()[0],
    peakRssMiBAfterReindex: process.resourceUsage().maxRSS / 1024,
    enginePeakRssMiBAfterReindex: await peakRssMiB(engine.process?.pid ?? undefined),
  };
  log.warn(out.reindex, 'reindex');

  // One new article applied in place, as the watcher does when a file lands in CORPUS_DIR; a
  // search polls every 20 ms for its unique words (a number and a place no synthetic text has).
  {
    const file = 'added/bai-moi-7391.txt';
    await fs.mkdir(path.join(corpusDir, 'added'), { recursive: true });
    await fs.writeFile(
      path.join(corpusDir, file),
      'url: https://baoquocte.vn/scale/bai-moi-7391.html\n---\n date 2025-11-20 Đoàn công tác số 7391 thăm Cần Giờ\n\n' +
        'Ngày 20/11/2025, đoàn công tác số 7391 của Bộ Ngoại giao đã làm việc tại Cần Giờ về hợp tác biển.\n\n' +
        'Hai bên nhất trí thúc đẩy hợp tác kinh tế biển, bảo tồn rừng ngập mặn và phát triển du lịch bền vững.\n',
    );
    const sync = createCorpusSync({ config: { corpusDir }, search: service, kb });
    const find = () => service.search({ q: '7391 Cần Giờ', filters: {}, sort: 'relevance', page: 1, perPage: 10 });
    if ((await find()).total !== 0) throw new Error('the added article is already searchable before it was added');
    const t0 = performance.now();
    let searchableMs: number | null = null;
    const applying = sync.applyFiles([file]).then((r) => ({ r, ms: performance.now() - t0 }));
    let settled = false;
    void applying.finally(() => (settled = true));
    while (searchableMs === null) {
      if ((await find()).total > 0) searchableMs = performance.now() - t0;
      else if (settled && (await find()).total === 0) break;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { r, ms } = await applying;
    out.incrementalAdd = { passagesInIndex: ingest.passageCount, articles: r.articles.length, rejected: r.rejected, searchableMs, applyMs: ms };
    log.warn(out.incrementalAdd, 'incremental add');
  }

  const stats = await engineStats({ url: engine.url, masterKey: engine.masterKey });
  let dataDirBytes: number | null = null;
  if (!config0.meili) {
    const { stdout } = await promisify(execFile)('du', ['-sb', path.join(config.dataDir, 'meili')]);
    dataDirBytes = Number(stdout.split(/\s/)[0]);
  }
  out.indexSize = {
    databaseSizeMiB: stats.databaseSize / 2 ** 20,
    usedDatabaseSizeMiB: stats.usedDatabaseSize !== undefined ? stats.usedDatabaseSize / 2 ** 20 : null,
    dataDirMiB: dataDirBytes !== null ? dataDirBytes / 2 ** 20 : null,
    indexes: stats.indexes,
  };
  out.ingestProcessPeakRssMiB = process.resourceUsage().maxRSS / 1024;

  // Search at that size through the real app, in its own process.
  const queries = await loadQueryMix(realDocs.map((d) => d.text), 300);
  served = await serveApp(config, engine, prefix, corpusDir);
  const api = apiTarget(served.base);
  await runCannon(api, queries, 4, Math.min(seconds, 3)); // warm-up, not recorded
  const direct = directTarget(engine, `${prefix}passages`);
  out.search = { c1: await runCannon(api, queries, 1, seconds), c8: await runCannon(api, queries, 8, seconds) };
  out.direct = { c1: await runCannon(direct, queries, 1, seconds), c8: await runCannon(direct, queries, 8, seconds) };
  out.appPeakRssMiB = await peakRssMiB(served.child.pid);
  out.enginePeakRssMiB = await peakRssMiB(engine.process?.pid ?? undefined);
  out.machine = { ...(out.machine as object), loadavgAtEnd: os.loadavg() };
  out.finishedAt = new Date().toISOString();
  if (args.out) await fs.writeFile(args.out, JSON.stringify(out, null, 2) + '\n');
  if (args.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const g = out.generate as { articles: number };
    const i = out.ingest as { articles: number; passages: number; seconds: number; articlesPerSecond: number; rejected: number };
    const r = out.reindex as { passages: number; seconds: number; passagesPerSecond: number };
    const s = out.indexSize as { databaseSizeMiB: number; dataDirMiB: number | null };
    const q = out.search as Record<'c1' | 'c8', { p50: number; p95: number; p99: number; rps: number; non2xx: number }>;
    const d = out.direct as typeof q;
    const f = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(1));
    process.stdout.write(
      [
        `synthetic corpus: ${g.articles} articles generated for ${target} passages`,
        `ingest (read+parse+clean+extract): ${i.articles} articles, ${i.passages} passages in ${i.seconds.toFixed(1)} s = ${i.articlesPerSecond.toFixed(0)} articles/s (rejected ${i.rejected})`,
        `full reindex: ${r.passages} passages in ${r.seconds.toFixed(1)} s (${r.passagesPerSecond.toFixed(0)} passages/s)`,
        `one article added in place: searchable after ${f((out.incrementalAdd as { searchableMs: number | null }).searchableMs)} ms, call returned after ${f((out.incrementalAdd as { applyMs: number }).applyMs)} ms`,
        `index size: engine databaseSize ${f(s.databaseSizeMiB)} MiB, data dir ${f(s.dataDirMiB)} MiB`,
        `/api/search at this size, 1 connection: p50 ${f(q.c1.p50)} p95 ${f(q.c1.p95)} p99 ${f(q.c1.p99)} ms, ${f(q.c1.rps)} req/s (non-2xx ${q.c1.non2xx})`,
        `/api/search at this size, 8 connections: p50 ${f(q.c8.p50)} p95 ${f(q.c8.p95)} p99 ${f(q.c8.p99)} ms, ${f(q.c8.rps)} req/s (non-2xx ${q.c8.non2xx})`,
        `Meilisearch direct, same queries, 1 connection: p50 ${f(d.c1.p50)} p95 ${f(d.c1.p95)} p99 ${f(d.c1.p99)} ms, ${f(d.c1.rps)} req/s; 8 connections: p50 ${f(d.c8.p50)} p95 ${f(d.c8.p95)} p99 ${f(d.c8.p99)} ms, ${f(d.c8.rps)} req/s`,
        `peak RSS: ingest+reindex process ${f(out.ingestProcessPeakRssMiB as number)} MiB, serving app ${f(out.appPeakRssMiB as number | null)} MiB, Meilisearch ${f(out.enginePeakRssMiB as number | null)} MiB`,
      ].join('\n') + '\n',
    );
  }
} finally {
  await served?.stop();
  await engine.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}
