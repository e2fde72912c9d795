/**
 * Stage 1, read: a file on disk → `SourceDocument` (UTF-8, BOM stripped, NFC).
 *
 * Rejects, with a one-line `IngestError` naming the file, what cannot be an article:
 * an empty file, binary data, bytes that are not UTF-8 (e.g. Windows-1258, the legacy
 * Vietnamese code page), a format it does not know, and a file over the size limit —
 * the size is checked with `stat` first, so a 50 MB file is refused without being read.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { toNfc } from '../lib/vietnamese.ts';
import { IngestError } from './errors.ts';
import type { SourceDocument, SourceFormat } from './types.ts';

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

/** Decodes bytes already in memory (also used by tests and fixtures). */
export function decodeSource(rel: string, format: SourceFormat, bytes: Uint8Array): SourceDocument {
  if (bytes.length === 0) throw new IngestError(rel, 'empty', 'empty file');
  const binaryAt = findBinaryByte(bytes);
  if (binaryAt !== -1) {
    throw new IngestError(rel, 'binary', `binary file (control byte 0x${hex(bytes[binaryAt]!)} at offset ${binaryAt}), not text`);
  }
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (err) {
    const at = findInvalidUtf8(bytes);
    throw new IngestError(
      rel,
      'encoding',
      `not UTF-8 (invalid byte 0x${hex(bytes[at] ?? 0)} at offset ${at}); convert it, e.g. iconv -f WINDOWS-1258 -t UTF-8`,
      { cause: err },
    );
  }
  // TextDecoder drops a leading BOM by default; NFC so "hoà" typed two ways compares equal.
  const text = toNfc(decoded);
  if (text.trim() === '') throw new IngestError(rel, 'empty', 'empty file (only whitespace)');
  return {
    path: rel,
    format,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.length,
  };
}

/** Index of the first NUL or C0 control byte other than tab/newline/CR/form feed, or -1. */
function findBinaryByte(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return i;
    if (b === 0x7f) return i;
  }
  return -1;
}

/** Offset of the first byte that breaks UTF-8 well-formedness (for the error message). */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length + (need === 0 ? 1 : 0) && need > 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}
