/**
 * `npx tsx bench/twin-cost.ts [-- --passages 20000 --out FILE]`
 *
 * What each searchable twin field of the passages index costs: the same synthetic passages
 * (bench/synthetic.ts, real sentences under real events and speakers) indexed with the module's
 * `PASSAGE_SETTINGS`, once as is and once per variant that drops a twin (its field from the
 * documents and from `searchableAttributes`), or sets `proximityPrecision: byAttribute`. Each
 * variant gets its own fresh local engine, so its data directory (`du`) is its index alone.
 * Reports indexing seconds, data-directory MiB and the engine's peak RSS per variant.
 *
 * REST with `fetch` (only `search/` imports the client), 127.0.0.1 only, the key in a header.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { runIngest } from '../ingest/pipeline.ts';
import { loadConfig } from '../lib/config.ts';
import { AliasMatcher, buildAliasGroups } from '../search/aliases.ts';
import { buildPassageDocs } from '../search/documents.ts';
import { startLocalEngine } from '../search/engine.ts';
import { PASSAGE_SETTINGS } from '../search/settings.ts';
import { passageDocsOf } from './passage-docs.ts';
import { generateSyntheticFiles, sentencesOf, writeSyntheticCorpus } from './synthetic.ts';

const { values: args } = parseArgs({ options: { passages: { type: 'string', default: '20000' }, out: { type: 'string' } } });
const target = Number(args.passages);

interface Variant {
  name: string;
  drop: string[];
  settings?: Record<string, unknown>;
}
const VARIANTS: Variant[] = [
  { name: 'as shipped', drop: [] },
  { name: 'without contextTelex', drop: ['contextTelex'] },
  { name: 'without context + contextTelex', drop: ['context', 'contextTelex'] },
  { name: 'without aliasesTelex', drop: ['aliasesTelex'] },
  { name: 'proximityPrecision byAttribute', drop: [], settings: { proximityPrecision: 'byAttribute' } },
];

async function call(base: string, key: string, method: string, url: string, body?: unknown): Promise<any> {
  const res = await fetch(base + url, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function waitAll(base: string, key: string, uids: number[]): Promise<void> {
  for (const uid of uids) {
    for (;;) {
      const t = await call(base, key, 'GET', `/tasks/${uid}`);
      if (t.status === 'succeeded') break;
      if (t.status === 'failed' || t.status === 'canceled') throw new Error(`task ${uid}: ${JSON.stringify(t.error)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const config = loadConfig();
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-twins-'));
try {
  const kb = await loadKnowledgeBase(config.kbDir);
  const real = await runIngest({ inputDir: config.corpusDir, kb });
  const sentences = sentencesOf(passageDocsOf(real).filter((d) => d.kind === 'paragraph').map((d) => d.text));
  const corpusDir = path.join(tmp, 'corpus');
  await writeSyntheticCorpus(corpusDir, generateSyntheticFiles(sentences, kb, { passages: target }));
  const records = await runIngest({ inputDir: corpusDir, kb });
  const docs = buildPassageDocs(records, new AliasMatcher(buildAliasGroups(kb)));
  const rows: Record<string, unknown>[] = [];
  for (const v of VARIANTS) {
    const dataDir = path.join(tmp, `engine-${rows.length}`);
    const engine = await startLocalEngine({ dataDir });
    try {
      const settings = {
        ...PASSAGE_SETTINGS,
        searchableAttributes: (PASSAGE_SETTINGS.searchableAttributes ?? []).filter((a) => !v.drop.includes(a)),
        typoTolerance: {
          ...PASSAGE_SETTINGS.typoTolerance,
          disableOnAttributes: (PASSAGE_SETTINGS.typoTolerance?.disableOnAttributes ?? []).filter((a) => !v.drop.includes(a)),
        },
        ...v.settings,
      };
      const t0 = performance.now();
      const uids: number[] = [];
      uids.push((await call(engine.url, engine.masterKey, 'POST', '/indexes', { uid: 'passages', primaryKey: 'id' })).taskUid);
      uids.push((await call(engine.url, engine.masterKey, 'PATCH', '/indexes/passages/settings', settings)).taskUid);
      for (let i = 0; i < docs.length; i += 1000) {
        const batch = docs.slice(i, i + 1000).map((d) => {
          const copy: Record<string, unknown> = { ...d };
          for (const f of v.drop) delete copy[f];
          return copy;
        });
        uids.push((await call(engine.url, engine.masterKey, 'POST', '/indexes/passages/documents', batch)).taskUid);
      }
      await waitAll(engine.url, engine.masterKey, uids);
      const seconds = (performance.now() - t0) / 1000;
      const { stdout } = await promisify(execFile)('du', ['-sb', path.join(dataDir, 'meili')]);
      const status = await fs.readFile(`/proc/${engine.process?.pid}/status`, 'utf8').catch(() => '');
      const peak = /VmHWM:\s+(\d+) kB/.exec(status);
      const row = {
        variant: v.name,
        passages: docs.length,
        seconds: +seconds.toFixed(1),
        dataDirMiB: +(Number(stdout.split(/\s/)[0]) / 2 ** 20).toFixed(1),
        enginePeakRssMiB: peak ? +(Number(peak[1]) / 1024).toFixed(0) : null,
      };
      rows.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
    } finally {
      await engine.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }
  const out = { machine: { cpus: os.cpus().length, loadavg: os.loadavg() }, targetPassages: target, rows, finishedAt: new Date().toISOString() };
  if (args.out) await fs.writeFile(args.out, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(rows.map((r) => `${r.variant}: ${r.seconds} s, ${r.dataDirMiB} MiB, engine peak ${r.enginePeakRssMiB} MiB`).join('\n') + '\n');
} finally {
  await fs.rm(tmp, { recursive: true, force: true });
}
