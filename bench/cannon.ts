/**
 * Load-run helpers shared by `load.ts` and `scale.ts`: the query mix, one bounded autocannon run cycling through
 * a query mix (latency recorded per response, so p95 is exact rather than autocannon's fixed
 * percentiles), and the real app served from a child process on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { Config } from '../lib/config.ts';
import { buildFilter } from '../search/filters.ts';
import { FACET_ATTRIBUTES } from '../search/settings.ts';
import { apiSearchPath, buildLoadQueries, type LoadQuery } from './load-queries.ts';
import { percentile } from './metrics.ts';
import { parseQueryFile, toSearchFilters } from './query-set.ts';

/** The query mix of a load run: the labelled eval queries (`tests/eval/queries.jsonl`, with their filters), then n-grams of `passageTexts`, `total` in all. */
export async function loadQueryMix(passageTexts: readonly string[], total: number): Promise<LoadQuery[]> {
  const labelled = parseQueryFile(await fs.readFile(path.resolve('tests/eval/queries.jsonl'), 'utf8'));
  return buildLoadQueries(labelled.map((l) => ({ q: l.q, filters: toSearchFilters(l.filters) })), passageTexts, total);
}

/** Latency (ms) and throughput of one run. */
export interface RunFigures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** Where requests go and how a query becomes a request. */
export interface LoadTarget {
  name: string;
  url: string;
  request: (q: LoadQuery) => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
}

/** `/api/search` of the app served at `base`. */
export function apiTarget(base: string): LoadTarget {
  return { name: 'api', url: base, request: (q) => ({ method: 'GET', path: apiSearchPath(q) }) };
}

/**
 * The same queries sent straight to Meilisearch's search endpoint of index `uid`, with the API's
 * default page size and the facets it counts, to split the API's latency into engine time and the rest.
 */
export function directTarget(engine: { url: string; masterKey: string }, uid: string): LoadTarget {
  return {
    name: 'direct',
    url: engine.url,
    request: (q) => {
      const filter = buildFilter(q.filters);
      return {
        method: 'POST',
        path: `/indexes/${encodeURIComponent(uid)}/search`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${engine.masterKey}` },
        body: JSON.stringify({ q: q.q, limit: 20, facets: Object.values(FACET_ATTRIBUTES), ...(filter ? { filter } : {}) }),
      };
    },
  };
}

/** One autocannon run of `seconds`, `connections` connections, no pipelining, cycling through `queries`. */
export async function runCannon(target: LoadTarget, queries: readonly LoadQuery[], connections: number, seconds: number): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: target.url,
        connections,
        pipelining: 1,
        duration: seconds,
        requests: [{ setupRequest: (req) => ({ ...req, ...target.request(queries[next++ % queries.length]!) }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status < 200 || status >= 300) non2xx++;
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / (result.duration || seconds),
    requests: latencies.length,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** A served app: its base URL and its process. */
export interface ServedApp {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Serves the real app over an index already built under `indexPrefix`, in a child process (so the
 * load generator does not share the app's event loop), and waits until `/api/health` answers 200.
 * Only the variables the app reads are passed; the key goes through the environment, not argv.
 */
export async function serveApp(config: Config, engine: { url: string; masterKey: string }, indexPrefix: string, corpusDir = config.corpusDir): Promise<ServedApp> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'serve-app.ts')], {
    env: {
      MEILI_URL: engine.url,
      MEILI_MASTER_KEY: engine.masterKey,
      INDEX_PREFIX: indexPrefix,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: config.dataDir,
      CORPUS_DIR: corpusDir,
      KB_DIR: config.kbDir,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app exited before listening (code ${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  const base = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let i = 0; i < 300 && !ready; i++) {
    ready = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  if (!ready) {
    await stop();
    throw new Error(`the app at ${base} did not answer /api/health`);
  }
  return { base, child, stop };
}
