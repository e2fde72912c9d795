/**
 * `npm run ingest -- --input DIR --out DIR [--kb DIR] [--no-index] [--strict] [--max-bytes N] [--threads N]`
 *
 * Entry point: reads configuration once, ingests every file of the input folder, writes the
 * record files, prints a closing report and (unless `--no-index`) brings the search engine up to
 * date: changed files applied in place when the knowledge base, pipeline and index settings are
 * those of the serving build, else a full reindex with an atomic swap.
 * Exits non-zero only with `--strict` when a file was rejected, or when no article came out.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pino from 'pino';
import { loadConfig } from '../lib/config.ts';
import { loadKnowledgeBase } from './kb.ts';
import { DEFAULT_MAX_BYTES } from './read.ts';
import { formatReport } from './report.ts';
import { ingestToRecords, type StreamedRecords } from './write.ts';

const USAGE = 'usage: npm run ingest -- --input DIR --out DIR [--kb DIR] [--no-index] [--strict] [--max-bytes N] [--threads N]';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        out: { type: 'string' },
        kb: { type: 'string' },
        'no-index': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        'max-bytes': { type: 'string' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const log = pino({ level: config.logLevel }, pino.destination(2));
  const inputDir = path.resolve(args.input ?? config.corpusDir);
  const outDir = path.resolve(args.out ?? path.join(config.dataDir, 'records'));
  const kbDir = path.resolve(args.kb ?? config.kbDir);
  const maxBytes = args['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(args['max-bytes']);
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
    process.stderr.write(`--max-bytes must be a positive whole number of bytes, got "${args['max-bytes']}"\n`);
    return 2;
  }

  const threads = args.threads === undefined ? undefined : Number(args.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 64)) {
    process.stderr.write(`--threads must be a whole number from 0 (this thread only) to 64, got "${args.threads}"\n`);
    return 2;
  }

  const kb = await loadKnowledgeBase(kbDir);
  const progress = makeProgress();
  let streamed: StreamedRecords;
  try {
    // Passages go to passages.jsonl as they come and are read back in batches for the reindex,
    // so the process never holds the whole corpus's passages.
    streamed = await ingestToRecords({ inputDir, kb, kbDir, maxBytes, outDir, onProgress: progress.update, ...(threads !== undefined ? { threads } : {}) });
  } finally {
    progress.stop();
  }
  const { result, report } = streamed;
  const out = process.stdout;
  for (const line of formatReport(report)) out.write(`${line}\n`);
  out.write(`Records written to ${outDir}\n`);

  if (!args['no-index'] && result.articles.length > 0) {
    const search = await import('../search/index.ts');
    const { buildKeyFor, createCorpusSync } = await import('../server/corpus-sync.ts');
    const engine = await search.connectEngine(config, log);
    try {
      const service = search.createSearchService({ url: engine.url, masterKey: engine.masterKey, indexPrefix: config.indexPrefix, log, remotes: config.remotes, shardSelf: config.shardSelf });
      const health = await service.health();
      const buildKey = buildKeyFor(kb);
      if (health.corpusFingerprint === result.fingerprint && health.buildKey === buildKey) {
        out.write(`Index is current (fingerprint ${result.fingerprint.slice(0, 12)}): nothing to apply\n`);
      } else if (health.corpusFingerprint && health.buildKey === buildKey) {
        // Same KB, pipeline and settings as the serving build: apply the changed files in place.
        const sync = createCorpusSync({ config: { corpusDir: inputDir }, search: service, kb, log });
        const r = await sync.syncAll();
        out.write(
          `Applied in place: ${r.articles.length} article(s) written, ${r.removedArticleIds.length} removed` +
            (r.rejected.length ? `, ${r.rejected.length} file(s) not applied (${r.rejected.map((x) => `${x.file}: ${x.reason}`).join('; ')})` : '') +
            '\n',
        );
      } else {
        await service.reindex(streamed.records, { fingerprint: result.fingerprint, kb, buildKey });
        out.write(`Indexed ${result.passageCount} passages (full reindex${health.corpusFingerprint ? ': knowledge base, pipeline or index settings changed' : ''})\n`);
      }
    } finally {
      await engine.stop();
    }
  }
  if (result.articles.length === 0) {
    process.stderr.write('No article came out of the input.\n');
    return 1;
  }
  if (args.strict && result.rejected.length > 0) return 1;
  return 0;
}

/** A progress bar on a terminal; one plain line per file otherwise (logs, CI). */
function makeProgress(): { update: (done: number, total: number, file: string) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'ingest [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total, file) => {
        if (!started) {
          bar.start(total, 0, { file: '' });
          started = true;
        }
        bar.update(done, { file });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    update: (done, total, file) => process.stderr.write(`[${done}/${total}] ${file}\n`),
    stop: () => {},
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ingest failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
