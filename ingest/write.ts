/**
 * Writes an ingest result as the public record files:
 * `articles.jsonl`, `passages.jsonl`, `people.json`, `events.json`, `report.json`.
 *
 * Every file is first written in full to a temporary name in the same folder, and only when
 * all of them are written are they renamed into place (a rename is atomic on one file system):
 * a crash leaves the previous records, never a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordSet } from '../search/types.ts';
import { runIngestStreaming, type IngestResult, type RunIngestOptions, type StreamedIngestResult } from './pipeline.ts';
import { buildReport, type IngestReport } from './report.ts';
import type { Passage } from './types.ts';

/** Names of the files `writeRecords` produces. */
export const RECORD_FILES = ['articles.jsonl', 'passages.jsonl', 'people.json', 'events.json', 'report.json'] as const;

/**
 * Serialises the result into `outDir` (created if missing); returns the report it wrote, for the CLI to print.
 * With `passagesFile` (a spooled `passages.jsonl` in `outDir`, see `ingestToRecords`), that file is
 * renamed into place instead of serialising `result.passages`, and `streamed` gives its counts.
 */
export async function writeRecords(
  result: IngestResult | StreamedIngestResult,
  outDir: string,
  spooled?: { passagesFile: string; streamed: { passages: number; byKind: Record<string, number> } },
): Promise<IngestReport> {
  await fs.mkdir(outDir, { recursive: true });
  const report = buildReport(result, spooled?.streamed);
  const contents: Record<Exclude<(typeof RECORD_FILES)[number], 'passages.jsonl'>, string> = {
    'articles.jsonl': toJsonl(result.articles),
    'people.json': JSON.stringify(result.people, null, 2) + '\n',
    'events.json': JSON.stringify(result.events, null, 2) + '\n',
    'report.json': JSON.stringify(report, null, 2) + '\n',
  };
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps: [string, string][] = [];
  try {
    for (const name of RECORD_FILES) {
      if (name === 'passages.jsonl' && spooled) {
        temps.push([spooled.passagesFile, path.join(outDir, name)]);
        continue;
      }
      const tmp = path.join(outDir, `.${name}.${tag}.tmp`);
      // Passages one line at a time: a corpus-sized string is never built.
      if (name === 'passages.jsonl') await writeJsonl(tmp, result.passages);
      else await fs.writeFile(tmp, contents[name], 'utf8');
      temps.push([tmp, path.join(outDir, name)]);
    }
    // Check every destination before the first rename, so a failure cannot leave a mix of old and new.
    for (const [, final] of temps) {
      const st = await fs.lstat(final).catch(() => null);
      if (st && !st.isFile()) throw new Error(`${final}: exists and is not a file; records not written`);
    }
    // report.json is renamed last: when it is new, everything it describes is too.
    for (const [tmp, final] of temps) await fs.rename(tmp, final);
    return report;
  } catch (err) {
    await Promise.all(temps.map(([tmp]) => fs.rm(tmp, { force: true })));
    throw err;
  }
}

/** Writes rows as JSON lines through a stream, with back-pressure. */
async function writeJsonl(file: string, rows: readonly unknown[]): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => JSON.stringify(r) + '\n').join('');
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
}

function toJsonl(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

/** Passages read back from a `passages.jsonl` in batches, never held whole (what a streamed reindex takes). */
export interface PassageBatches {
  /** How many passages the file holds. */
  count: number;
  /** The passages in file order, `size` at a time. */
  batches(size: number): AsyncIterable<Passage[]>;
}

/** What `ingestToRecords` returns: the run (passages not held), its report, and the passages to read back. */
export interface StreamedRecords {
  result: StreamedIngestResult;
  report: IngestReport;
  /** The run's records with `passages` read back from `outDir/passages.jsonl` in batches. */
  records: Omit<RecordSet, 'passages'> & { passages: PassageBatches };
  /** Passages attributed to a speaker (for the closing log line). */
  withSpeaker: number;
}

/**
 * Ingest → record files without holding the passages: each article's passages are appended to a
 * temporary `passages.jsonl` as the pipeline accepts it, the other files are written from the
 * result, and all are renamed into place together as `writeRecords` does (a failure leaves the
 * previous records). The files are byte-identical to `writeRecords(await runIngest(...))`.
 * A write error (disk full, permissions) is thrown with the file named.
 */
export async function ingestToRecords(opts: RunIngestOptions & { outDir: string }): Promise<StreamedRecords> {
  const { outDir } = opts;
  await fs.mkdir(outDir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const spool = path.join(outDir, `.passages.jsonl.${tag}.tmp`);
  const out = createWriteStream(spool, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', (err) => reject(new Error(`${spool}: cannot write passages: ${err.message}`))));
  failed.catch(() => {});
  const byKind: Record<string, number> = {};
  let withSpeaker = 0;
  try {
    const result = await runIngestStreaming(opts, async (passages) => {
      let chunk = '';
      for (const p of passages) {
        byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
        if (p.speakerId) withSpeaker++;
        chunk += JSON.stringify(p) + '\n';
      }
      // Back-pressure: wait for the stream to drain rather than buffer the corpus in memory.
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
    });
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
    const report = await writeRecords(result, outDir, { passagesFile: spool, streamed: { passages: result.passageCount, byKind } });
    const file = path.join(outDir, 'passages.jsonl');
    return { result, report, records: { ...result, passages: passageBatchesOf(file, result.passageCount) }, withSpeaker };
  } catch (err) {
    out.destroy();
    await fs.rm(spool, { force: true });
    throw err;
  }
}

/** The passages of a `passages.jsonl` file, read back in batches (a line that is not JSON is an error naming the file and line). */
export function passageBatchesOf(file: string, count: number): PassageBatches {
  return {
    count,
    async *batches(size: number) {
      const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
      let batch: Passage[] = [];
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line === '') continue;
        try {
          batch.push(JSON.parse(line) as Passage);
        } catch (err) {
          throw new Error(`${file}:${n}: not a JSON passage record (${(err as Error).message})`);
        }
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
