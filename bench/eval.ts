/**
 * `npm run eval -- --queries FILE [--json] [--verbose]`
 *
 * Scores a labelled query set on our search (the `/api/search` code path) and, in the same run,
 * on a default-settings Meilisearch baseline over the same passages; prints both side by side.
 * Uses `MEILI_URL`/`MEILI_MASTER_KEY` when set, else starts a throw-away local engine (its own
 * temporary data directory, so it never touches the app's `.data/` or a running `npm start`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../lib/config.ts';
import { connectEngine } from '../search/index.ts';
import { buildBaselineIndex, dropBaselineIndex, searchBaseline, type BaselineTarget } from './baseline-index.ts';
import { indexCorpus } from './corpus-index.ts';
import { evaluate, formatReport, weakQueries } from './evaluate.ts';
import { judgeQueries, parseQueryFile } from './query-set.ts';
import { searchLikeApi } from './api-search.ts';

const { values: args } = parseArgs({
  options: {
    queries: { type: 'string', default: 'tests/eval/queries.jsonl' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'no-baseline': { type: 'boolean', default: false },
  },
});

const base = loadConfig();
const log = pino({ level: base.logLevel === 'info' ? 'warn' : base.logLevel }, pino.destination(2));
const tmp = base.meili ? null : await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-eval-'));
const config = tmp ? { ...base, dataDir: tmp } : base;
const prefix = `${config.indexPrefix}eval_`;

const engine = await connectEngine(config, log);
try {
  const queryFile = path.resolve(args.queries!);
  const queries = parseQueryFile(await fs.readFile(queryFile, 'utf8'), path.relative(process.cwd(), queryFile));
  const { service, docs, ingestMs, reindexMs } = await indexCorpus({
    url: engine.url,
    masterKey: engine.masterKey,
    indexPrefix: prefix,
    corpusDir: config.corpusDir,
    kbDir: config.kbDir,
    log,
  });
  const judged = judgeQueries(queries, docs);

  const rankers: Parameters<typeof evaluate>[1] = {
    ours: async (query) => (await searchLikeApi(service, query.q, query.searchFilters, 10)).map((h) => h.passage.text),
  };
  const baseline: BaselineTarget = { url: engine.url, masterKey: engine.masterKey, uid: `${prefix}baseline_passages` };
  if (!args['no-baseline']) {
    await buildBaselineIndex(baseline, docs);
    rankers.baseline = async (query) => (await searchBaseline(baseline, query.q, query.searchFilters, 10)).texts;
  }
  const report = await evaluate(judged, rankers);
  if (!args['no-baseline']) await dropBaselineIndex(baseline);

  if (args.json) {
    process.stdout.write(JSON.stringify({ queryFile: args.queries, passages: docs.length, ingestMs, reindexMs, ...report }, null, 2) + '\n');
  } else {
    process.stdout.write(`${docs.length} passages indexed (ingest ${ingestMs.toFixed(0)} ms, reindex ${reindexMs.toFixed(0)} ms)\n\n`);
    process.stdout.write(formatReport(report) + '\n');
    if (args.verbose) {
      process.stdout.write('\nqueries not answered at rank 1 by ours:\n');
      for (const o of weakQueries(report, 'ours')) {
        process.stdout.write(`  rank ${o.scores.ours!.rank ?? '–'}  ${o.q}\n`);
      }
    }
  }
} finally {
  await engine.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
}
