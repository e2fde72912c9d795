/**
 * Writes an ingest result as the public record files:
 * `articles.jsonl`, `passages.jsonl`, `people.json`, `events.json`, `report.json`.
 *
 * Every file is first written in full to a temporary name in the same folder, and only when
 * all of them are written are they renamed into place (a rename is atomic on one file system):
 * a crash leaves the previous records, never a half-written file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IngestResult } from './pipeline.ts';
import { buildReport, type IngestReport } from './report.ts';

/** Names of the files `writeRecords` produces. */
export const RECORD_FILES = ['articles.jsonl', 'passages.jsonl', 'people.json', 'events.json', 'report.json'] as const;

/** Serialises the result into `outDir` (created if missing); returns the report it wrote, for the CLI to print. */
export async function writeRecords(result: IngestResult, outDir: string): Promise<IngestReport> {
  await fs.mkdir(outDir, { recursive: true });
  const report = buildReport(result);
  const contents: Record<(typeof RECORD_FILES)[number], string> = {
    'articles.jsonl': toJsonl(result.articles),
    'passages.jsonl': toJsonl(result.passages),
    'people.json': JSON.stringify(result.people, null, 2) + '\n',
    'events.json': JSON.stringify(result.events, null, 2) + '\n',
    'report.json': JSON.stringify(report, null, 2) + '\n',
  };
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temps: [string, string][] = [];
  try {
    for (const name of RECORD_FILES) {
      const tmp = path.join(outDir, `.${name}.${tag}.tmp`);
      await fs.writeFile(tmp, contents[name], 'utf8');
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

function toJsonl(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}
