/**
 * `npm run bench [-- --duration 10 --rounds 3 --connections 1,8,32 --queries 300 --indexing-passages 20000 --json --out FILE]`
 *
 * Load benchmark, traffic to 127.0.0.1 only:
 * 1. builds the index from the real corpus (as `npm start` does) on a throw-away local engine
 *    (or `MEILI_URL`), and serves the real app (`buildApp`) in a child process;
 * 2. for each connection count, alternates autocannon runs against `GET /api/search` and the same
 *    queries sent straight to Meilisearch's search endpoint, `--rounds` times each; reports the
 *    medians over rounds of p50/p95/p99 latency and req/s, and the API/direct ratio;
 * 3. measures `/api/search` latency while a large synthetic batch is reindexed (atomic swap).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { runIngest } from '../ingest/pipeline.ts';
import { loadConfig, type Config } from '../lib/config.ts';
import { connectEngine, createSearchService } from '../search/index.ts';
import { listIndexes } from './baseline-index.ts';
import { indexCorpus } from './corpus-index.ts';
import { median } from './metrics.ts';
import { apiTarget, directTarget, loadQueryMix, runCannon, serveApp, type RunFigures, type ServedApp } from './cannon.ts';
import { generateSyntheticFiles, sentencesOf, writeSyntheticCorpus } from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,8,32' },
    queries: { type: 'string', default: '300' },
    'indexing-passages': { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const duration = Number(args.duration);
const rounds = Number(args.rounds);
const connectionCounts = args.connections!.split(',').map(Number);

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** Medians over several runs of latency and throughput, and their non-2xx answers summed. */
function medianFigures(runs: readonly RunFigures[]) {
  const med = (k: keyof RunFigures) => median(runs.map((f) => f[k]));
  return { p50: med('p50'), p95: med('p95'), p99: med('p99'), rps: med('rps'), non2xx: runs.reduce((a, f) => a + f.non2xx, 0) };
}

const config0 = loadConfig();
const log = pino({ level: 'warn' }, pino.destination(2));
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-bench-'));
const config: Config = config0.meili ? config0 : { ...config0, dataDir: tmp };
const prefix = `${config.indexPrefix}bench_`;
const engine = await connectEngine(config, log);
let served: ServedApp | null = null;
const out: Record<string, unknown> = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), loadavg: os.loadavg(), node: process.version } };
try {
  const { docs, kb } = await indexCorpus({ url: engine.url, masterKey: engine.masterKey, indexPrefix: prefix, corpusDir: config.corpusDir, kbDir: config.kbDir, log });
  const indexes = await listIndexes({ url: engine.url, masterKey: engine.masterKey });
  // The serving passages index is `<prefix>passages` (search/index.ts swaps a `__next` one into it).
  const passagesIndex = indexes.find((i) => i.uid === `${prefix}passages`);
  if (!passagesIndex) throw new Error(`no passages index under prefix ${prefix}`);

  const queries = await loadQueryMix(docs.map((d) => d.text), Number(args.queries));
  out.queries = { total: queries.length, withoutDiacritics: queries.filter((q) => !/[^\u0000-\u007f]/.test(q.q)).length, passages: docs.length, index: passagesIndex.uid };

  served = await serveApp(config, engine, prefix);
  const apiBase = served.base;

  const api = apiTarget(apiBase);
  const direct = directTarget(engine, passagesIndex.uid);

  // Warm-up (not recorded): caches, JIT, connection set-up.
  await runCannon(api, queries, 8, 2);
  await runCannon(direct, queries, 8, 2);

  const table: Record<string, unknown>[] = [];
  for (const connections of connectionCounts) {
    const runs: Record<string, RunFigures[]> = { api: [], direct: [] };
    for (let r = 0; r < rounds; r++) {
      for (const target of [api, direct]) {
        const figures = await runCannon(target, queries, connections, duration);
        runs[target.name]!.push(figures);
        log.warn({ connections, round: r + 1, target: target.name, ...figures }, 'run');
      }
    }
    const apiFigures = medianFigures(runs.api!);
    const directFigures = medianFigures(runs.direct!);
    table.push({ connections, api: apiFigures, direct: directFigures, ratioP95: apiFigures.p95 / directFigures.p95, runs });
  }
  out.load = table;

  // Search latency while a large batch is being indexed: a synthetic corpus is ingested, then
  // reindexed into the serving prefix (atomic swap) while the API is under 8 connections.
  const batchDir = path.join(tmp, 'batch');
  const sentences = sentencesOf(docs.filter((d) => d.kind === 'paragraph').map((d) => d.text));
  await writeSyntheticCorpus(batchDir, generateSyntheticFiles(sentences, kb, { passages: Number(args['indexing-passages']) }));
  const batch = await runIngest({ inputDir: batchDir, kb });
  const writer = createSearchService({ url: engine.url, masterKey: engine.masterKey, indexPrefix: prefix, log });
  const idle = await runCannon(api, queries, 8, duration);
  const started = performance.now();
  let done = false;
  const reindex = writer.reindex(batch, { fingerprint: `bench-batch-${batch.passages.length}`, kb }).finally(() => {
    done = true;
  });
  const during: RunFigures[] = [];
  while (!done && during.length < 60) during.push(await runCannon(api, queries, 8, 5));
  await reindex;
  const all = during.length > 0 ? during : [idle];
  out.duringIndexing = {
    passages: batch.passages.length,
    reindexSeconds: (performance.now() - started) / 1000,
    idle,
    during: { ...medianFigures(all), windows: during.length },
  };

  out.finishedAt = new Date().toISOString();
  if (args.out) await fs.writeFile(args.out, JSON.stringify(out, null, 2) + '\n');
  if (args.json) {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const m = out.machine as { cpus: number; cpu: string; loadavg: number[] };
    process.stdout.write(`machine: ${m.cpus} cores (${m.cpu}), load average at start ${m.loadavg.map((x) => x.toFixed(2)).join(' ')}\n`);
    process.stdout.write(`${queries.length} queries (${(out.queries as { withoutDiacritics: number }).withoutDiacritics} without diacritics), ${docs.length} passages, ${rounds} rounds × ${duration} s per target, medians over rounds; latencies in ms\n\n`);
    process.stdout.write('conns | API p50   p95   p99   req/s | direct p50   p95   p99   req/s | API/direct p95\n');
    for (const row of table as { connections: number; api: RunFigures; direct: RunFigures; ratioP95: number }[]) {
      process.stdout.write(
        `${String(row.connections).padStart(5)} | ${fmt(row.api.p50).padStart(7)} ${fmt(row.api.p95).padStart(5)} ${fmt(row.api.p99).padStart(5)} ${fmt(row.api.rps).padStart(7)} | ` +
          `${fmt(row.direct.p50).padStart(10)} ${fmt(row.direct.p95).padStart(5)} ${fmt(row.direct.p99).padStart(5)} ${fmt(row.direct.rps).padStart(7)} | ${row.ratioP95.toFixed(2).padStart(6)}` +
          (row.api.non2xx + row.direct.non2xx > 0 ? `  (non-2xx: api ${row.api.non2xx}, direct ${row.direct.non2xx})` : '') + '\n',
      );
    }
    const d = out.duringIndexing as { passages: number; reindexSeconds: number; idle: RunFigures; during: RunFigures & { windows: number } };
    process.stdout.write(
      `\nwhile reindexing ${d.passages} passages (${d.reindexSeconds.toFixed(1)} s), 8 connections: ` +
        `p50 ${fmt(d.during.p50)} p95 ${fmt(d.during.p95)} p99 ${fmt(d.during.p99)} ms, ${fmt(d.during.rps)} req/s ` +
        `(idle just before: p50 ${fmt(d.idle.p50)} p95 ${fmt(d.idle.p95)} p99 ${fmt(d.idle.p99)} ms, ${fmt(d.idle.rps)} req/s; non-2xx during: ${d.during.non2xx})\n`,
    );
  }
} finally {
  await served?.stop();
  await engine.stop();
  await fs.rm(tmp, { recursive: true, force: true });
}
