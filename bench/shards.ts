/**
 * `npm run bench:shards [-- --passages 10000,30000 --queries 300 --json --out FILE]`
 *
 * One engine against two shards (MEILI_REMOTES, Meilisearch remote federated search), side by
 * side on this machine, at each size: a synthetic corpus of N passages recombined from the real
 * corpus (bench/synthetic.ts) is ingested once and indexed twice — on a fresh single engine, and
 * over two fresh engines (the coordinator + one remote, both on 127.0.0.1). Reported per
 * configuration and per shard: full reindex time, documents, database size (`/stats`
 * databaseSize), engine resident memory (VmRSS now and VmHWM peak, /proc), and the search
 * latency of `SearchService.search` (the whole query path: reading, plan, one multi-search,
 * highlighting) over the load mix of `npm run bench` (eval queries, their folded forms and
 * n-grams of the corpus), at 1 and 4 concurrent searches, single and sharded alternating query by
 * query so both see the same machine load. Both shards share this machine's 2 cores: the figures
 * say what federation costs, not what a second machine would add.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { runIngest } from '../ingest/pipeline.ts';
import { loadConfig } from '../lib/config.ts';
import { startLocalEngine, type EngineHandle } from '../search/engine.ts';
import { createSearchService, type SearchService } from '../search/index.ts';
import { loadQueryMix } from './cannon.ts';
import type { LoadQuery } from './load-queries.ts';
import { percentile } from './metrics.ts';
import { passageDocsOf } from './passage-docs.ts';
import { generateSyntheticFiles, sentencesOf, writeSyntheticCorpus } from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    passages: { type: 'string', default: '10000,30000' },
    queries: { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const sizes = args.passages.split(',').map(Number);
const config = loadConfig();
const log = pino({ level: 'warn' }, pino.destination(2));
const MiB = 2 ** 20;

async function memoryMiB(pid: number | undefined): Promise<{ rss: number | null; peak: number | null }> {
  const status = pid ? await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '') : '';
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? NaN);
  const rss = kib('VmRSS');
  const peak = kib('VmHWM');
  return { rss: Number.isFinite(rss) ? rss / 1024 : null, peak: Number.isFinite(peak) ? peak / 1024 : null };
}

async function stats(engine: EngineHandle, prefix: string) {
  const res = await fetch(`${engine.url}/stats`, { headers: { Authorization: `Bearer ${engine.masterKey}`, 'Accept-Encoding': 'identity' } });
  const body = (await res.json()) as { databaseSize: number; indexes: Record<string, { numberOfDocuments: number }> };
  return {
    databaseMiB: body.databaseSize / MiB,
    passages: body.indexes[`${prefix}passages`]?.numberOfDocuments ?? 0,
    articles: body.indexes[`${prefix}articles`]?.numberOfDocuments ?? 0,
    ...(await memoryMiB(engine.process?.pid)),
  };
}

/** Latencies (ms) of every query of the mix on each service, alternating, `concurrency` at a time. */
/** Failed searches per service, over the whole run. */
const errors: number[] = [];

async function latencies(services: SearchService[], queries: LoadQuery[], concurrency: number): Promise<number[][]> {
  const out = services.map(() => [] as number[]);
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const q = queries[next++]!;
      // Alternate which goes first, so neither always follows the other's cache warm-up.
      const order = next % 2 === 0 ? services.map((_, i) => i) : services.map((_, i) => i).reverse();
      for (const i of order) {
        const t = performance.now();
        try {
          await services[i]!.search({ q: q.q, filters: q.filters, sort: 'relevance', page: 1, perPage: 20 });
          out[i]!.push(performance.now() - t);
        } catch (err) {
          // Counted, not timed: a failed search (a remote timing out under load) is reported as such.
          errors[i] = (errors[i] ?? 0) + 1;
          log.warn({ err: (err as Error).message, q: q.q }, 'search failed');
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), n: ms.length };
};

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-shards-'));
const engines: EngineHandle[] = [];
const results: Record<string, unknown>[] = [];
try {
  const kb = await loadKnowledgeBase(config.kbDir);
  const real = await runIngest({ inputDir: config.corpusDir, kb });
  const realDocs = passageDocsOf(real);
  const sentences = sentencesOf(realDocs.filter((d) => d.kind === 'paragraph').map((d) => d.text));
  for (const size of sizes) {
    const corpusDir = path.join(tmp, `corpus-${size}`);
    await writeSyntheticCorpus(corpusDir, generateSyntheticFiles(sentences, kb, { passages: size }));
    const records = await runIngest({ inputDir: corpusDir, kb });
    const start = async (name: string) => {
      const e = await startLocalEngine({ dataDir: path.join(tmp, `${name}-${size}`) });
      engines.push(e);
      return e;
    };
    const [single, coordinator, remote] = [await start('single'), await start('shard-a'), await start('shard-b')];
    const prefix = 'bench_';
    const one = createSearchService({ url: single.url, masterKey: single.masterKey, indexPrefix: prefix, log, timeoutMs: 120_000 });
    const two = createSearchService({
      url: coordinator.url,
      masterKey: coordinator.masterKey,
      indexPrefix: prefix,
      log,
      // A shared 2-core machine under load answers a task poll slowly while it indexes.
      timeoutMs: 120_000,
      shardSelf: 'shard-a',
      remotes: [{ name: 'shard-b', url: remote.url, writeApiKey: remote.masterKey, searchApiKey: null }],
    });
    const load0 = os.loadavg()[0];
    let t = performance.now();
    await one.reindex(records, { fingerprint: `single-${size}`, kb });
    const reindexSingle = (performance.now() - t) / 1000;
    t = performance.now();
    await two.reindex(records, { fingerprint: `sharded-${size}`, kb });
    const reindexSharded = (performance.now() - t) / 1000;
    const queries = await loadQueryMix(passageDocsOf(records).map((d) => d.text), Number(args.queries));
    await latencies([one, two], queries.slice(0, 40), 1); // warm-up, not recorded
    const [s1, f1] = await latencies([one, two], queries, 1);
    const [s4, f4] = await latencies([one, two], queries, 4);
    const row = {
      passages: records.passages.length,
      articles: records.articles.length,
      loadavg: [load0, os.loadavg()[0]].map((x) => +x!.toFixed(2)),
      single: { reindexSeconds: +reindexSingle.toFixed(1), engine: await stats(single, prefix), c1: summary(s1!), c4: summary(s4!) },
      sharded: {
        reindexSeconds: +reindexSharded.toFixed(1),
        shards: { 'shard-a': await stats(coordinator, prefix), 'shard-b': await stats(remote, prefix) },
        c1: summary(f1!),
        c4: summary(f4!),
      },
      failedSearches: { single: errors[0] ?? 0, sharded: errors[1] ?? 0 },
    };
    errors.length = 0;
    results.push(row);
    log.warn(row, 'size done');
    for (const e of [single, coordinator, remote]) await e.stop();
  }
  const out = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version }, finishedAt: new Date().toISOString(), results };
  if (args.out) await fs.writeFile(args.out, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(JSON.stringify(args.json ? out : results, null, 2) + '\n');
} finally {
  for (const e of engines) await e.stop().catch(() => {});
  await fs.rm(tmp, { recursive: true, force: true });
}
