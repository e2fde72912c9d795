/**
 * `npx tsx bench/engine-roundtrip.ts [--requests 200]`
 *
 * Why is `/api/search` at one connection ~45 ms when Meilisearch answers in ~1 ms? This times the
 * same sequential searches against one engine and one index (the real corpus's passages, default
 * settings) through Node's global `fetch` (undici, what the Meilisearch JS client uses by default)
 * and through `node:http` with a keep-alive agent, and prints the medians and p90s side by side.
 * Throw-away local engine (or `MEILI_URL`); traffic to 127.0.0.1 only.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { runIngest } from '../ingest/pipeline.ts';
import { loadConfig } from '../lib/config.ts';
import { connectEngine } from '../search/index.ts';
import { buildBaselineIndex } from './baseline-index.ts';
import { median, percentile } from './metrics.ts';
import { passageDocsOf } from './passage-docs.ts';

const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '200' } } });
const n = Number(args.requests);
const base = loadConfig();
const tmp = base.meili ? null : await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-rt-'));
const config = tmp ? { ...base, dataDir: tmp } : base;
const engine = await connectEngine(config);
try {
  const kb = await loadKnowledgeBase(config.kbDir);
  const docs = passageDocsOf(await runIngest({ inputDir: config.corpusDir, kb }));
  const uid = `${config.indexPrefix}roundtrip_passages`;
  await buildBaselineIndex({ url: engine.url, masterKey: engine.masterKey, uid }, docs);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${engine.masterKey}` };
  const body = JSON.stringify({ q: 'ngoai giao', limit: 20 });
  const url = new URL(`${engine.url}/indexes/${uid}/search`);
  const agent = new http.Agent({ keepAlive: true });
  const clients: Record<string, () => Promise<unknown>> = {
    'global fetch (undici)': () => fetch(url, { method: 'POST', headers, body }).then((r) => r.text()),
    // What `search/index.ts` sends: no gzip, so no compressed last chunk held back by delayed ACK.
    'fetch, identity': () =>
      fetch(url, { method: 'POST', headers: { ...headers, 'accept-encoding': 'identity' }, body }).then((r) => r.text()),
    'node:http keep-alive': () =>
      new Promise<void>((resolve, reject) => {
        const req = http.request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
          (res) => res.resume().on('end', () => resolve()),
        );
        req.on('error', reject);
        req.end(body);
      }),
  };
  for (let round = 1; round <= 2; round++) {
    for (const [name, call] of Object.entries(clients)) {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await call();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      process.stdout.write(`round ${round}  ${name.padEnd(22)} median ${median(ms).toFixed(1)} ms  p90 ${percentile(ms, 90).toFixed(1)} ms  (${n} sequential searches)\n`);
    }
  }
  agent.destroy();
} finally {
  await engine.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
}
