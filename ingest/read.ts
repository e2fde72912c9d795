/**
 * Stage 1, read: a file on disk → `SourceDocument` (decoded, BOM stripped, NFC).
 *
 * Decodes UTF-8, UTF-16/32 with a BOM (or UTF-16 without), legacy code pages such as
 * Windows-1258 and TCVN3 (converted, and noted in the report), and repairs mojibake and
 * legacy-font text where the repair is exact (`decode/`). Rejects, with a one-line
 * `IngestError` naming the file, what cannot be an article: an empty file, binary data,
 * garbled text with no exact repair, a format it does not know, and a file over the size
 * limit — the size is checked with `stat` first, so a 50 MB file is refused without being read.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { toNfc } from '../lib/vietnamese.ts';
import { IngestError } from './errors.ts';
import { decodeBytes } from './decode/index.ts';
import type { IngestWarning, SourceDocument, SourceFormat } from './types.ts';

/** Default size limit: real articles are a few tens of kB; saved pages rarely exceed 2 MB. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const FORMATS: Readonly<Record<string, SourceFormat>> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
};

/** Extensions the pipeline reads; anything else in the input folder is skipped, not rejected. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

/** The format of a path by its extension, or null when the pipeline does not read it. */
export function detectFormat(file: string): SourceFormat | null {
  return FORMATS[path.extname(file).toLowerCase()] ?? null;
}

export interface ReadOptions {
  maxBytes?: number;
}

/** Reads, checks and decodes one file; `root` makes `path` relative (`seeds/001_….txt`). */
export async function readSource(absPath: string, root: string, opts: ReadOptions = {}): Promise<SourceDocument> {
  const rel = path.relative(root, absPath).split(path.sep).join('/');
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const format = detectFormat(absPath);
  if (!format) {
    throw new IngestError(rel, 'unsupported-format', `unsupported format "${path.extname(absPath)}"; use .txt, .md or .html`);
  }
  let size: number;
  try {
    size = (await fs.stat(absPath)).size;
  } catch (err) {
    throw new IngestError(rel, 'unreadable', `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  if (size > maxBytes) {
    throw new IngestError(rel, 'too-large', `too large (${formatBytes(size)} > limit ${formatBytes(maxBytes)}); raise it with --max-bytes`);
  }
  const bytes = await fs.readFile(absPath);
  return decodeSource(rel, format, bytes);
}

/**
 * Decodes bytes already in memory (also used by tests, fixtures and uploads): Unicode with or
 * without a BOM, legacy code pages, exact repairs of garbled Vietnamese (see `decode/`).
 * A conversion or repair is kept in `decoding` so the report can say it.
 */
export function decodeSource(rel: string, format: SourceFormat, bytes: Uint8Array): SourceDocument {
  if (bytes.length === 0) throw new IngestError(rel, 'empty', 'empty file');
  const { text: decoded, decoding } = decodeBytes(rel, bytes);
  // NFC so "hoà" typed two ways compares equal (decodeBytes already returns NFC; kept explicit).
  const text = toNfc(decoded);
  if (text.trim() === '') throw new IngestError(rel, 'empty', 'empty file (only whitespace)');
  return {
    path: rel,
    format,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.length,
    ...(decoding.note ? { decoding } : {}),
  };
}

/** The report line for a file that was converted or repaired on reading, or null. */
export function decodingWarning(src: SourceDocument): IngestWarning | null {
  if (!src.decoding?.note) return null;
  return { file: src.path, rule: src.decoding.repair ? 'encoding-repaired' : 'encoding-converted', message: src.decoding.note };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}
