/** Shared helpers of the ingest tests: the vendored corpus, cleaned once per test file. */
import fs from 'node:fs';
import path from 'node:path';
import { cleanDocument } from '../../ingest/clean/index.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import { decodeSource, detectFormat } from '../../ingest/read.ts';
import type { CleanDocument, SourceDocument } from '../../ingest/types.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CORPUS = path.join(REPO, 'corpus/raw');

/** Every vendored corpus file, relative to `corpus/raw` (`seeds/001_….txt`). */
export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['seeds', 'extra']) {
    for (const name of fs.readdirSync(path.join(CORPUS, dir)).sort()) out.push(`${dir}/${name}`);
  }
  return out;
}

/** Reads a file synchronously into a `SourceDocument` (the same checks as `readSource`). */
export function loadSource(root: string, rel: string): SourceDocument {
  return decodeSource(rel, detectFormat(rel)!, fs.readFileSync(path.join(root, rel)));
}

/** Parses and cleans one corpus file. */
export function cleanCorpusFile(rel: string): CleanDocument {
  return cleanDocument(parseDocument(loadSource(CORPUS, rel)));
}
