/**
 * `npx tsx bench/ingest-rate.ts [-- --passages 12000 --dir DIR --keep --threads N]`
 *
 * Ingest only: writes the synthetic corpus of `npm run scale` (bench/synthetic.ts) for N passages
 * into DIR (a temporary folder unless given; reused when it already holds files), then times
 * `runIngest` over it (`--threads 0`: on this thread; default: the pipeline's own choice) and prints articles/s and this process's peak RSS. Meant to be run under
 * `node --cpu-prof` (e.g. `node --import tsx --cpu-prof bench/ingest-rate.ts`) to profile ingest.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { runIngest } from '../ingest/pipeline.ts';
import { loadConfig } from '../lib/config.ts';
import { passageDocsOf } from './passage-docs.ts';
import { generateSyntheticFiles, sentencesOf, writeSyntheticCorpus } from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    passages: { type: 'string', default: '12000' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    threads: { type: 'string' },
  },
});
const config = loadConfig();
const kb = await loadKnowledgeBase(config.kbDir);
const dir = args.dir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-ingest-rate-')));
try {
  const existing = await fs.readdir(dir).catch(() => [] as string[]);
  if (existing.length === 0) {
    const real = await runIngest({ inputDir: config.corpusDir, kb });
    const sentences = sentencesOf(passageDocsOf(real).filter((d) => d.kind === 'paragraph').map((d) => d.text));
    await writeSyntheticCorpus(dir, generateSyntheticFiles(sentences, kb, { passages: Number(args.passages) }));
  }
  const load0 = os.loadavg()[0]!;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runIngest({ inputDir: dir, kb, ...(args.threads !== undefined ? { threads: Number(args.threads) } : {}) });
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    `ingest: ${result.articles.length} articles, ${result.passages.length} passages, ${result.rejected.length} rejected in ${seconds.toFixed(2)} s = ` +
      `${(result.articles.length / seconds).toFixed(0)} articles/s (this thread's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
      `load average ${load0.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}\n`,
  );
} finally {
  if (!args.dir && !args.keep) await fs.rm(dir, { recursive: true, force: true });
}
