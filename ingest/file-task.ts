/**
 * One file's work, as both the single-thread loop and the worker pool run it: read the bytes,
 * then parse → clean → extract. The outcome is plain data (it crosses a thread boundary):
 * the records and warnings, or the one-line reason the file was rejected, and the file's
 * SHA-256 whenever it could be read (the duplicate check runs in file order in the caller).
 */
import path from 'node:path';
import { cleanDocument } from './clean/index.ts';
import { IngestError } from './errors.ts';
import { extractArticle } from './extract/index.ts';
import { applySpeakerOverrides } from './overrides.ts';
import { parseDocument } from './parse/index.ts';
import { decodingWarning, readSource } from './read.ts';
import type { CleanDocument, ExtractedArticle, KnowledgeBase, SourceDocument } from './types.ts';

/** What became of one file: its records, or why it was rejected. */
export type FileOutcome =
  | { ok: true; rel: string; sha256: string; extracted: ExtractedArticle; droppedRules: string[] }
  | { ok: false; rel: string; sha256: string | null; file: string; reason: string };

/** parse → clean → extract for one decoded source, with the cleaner's document (its drops). */
export function processWithClean(src: SourceDocument, kb: KnowledgeBase): { extracted: ExtractedArticle; clean: CleanDocument } {
  const clean = cleanDocument(parseDocument(src));
  // The one point where curator corrections (KB_DIR/overrides.json) enter the records.
  const extracted = applySpeakerOverrides(extractArticle(clean, kb), kb.speakerOverrides ?? []);
  const seen = new Set(extracted.warnings.map((w) => `${w.rule}\u0000${w.message}`));
  const decoded = decodingWarning(src);
  const warnings = [
    ...(decoded ? [decoded] : []),
    ...extracted.warnings,
    ...clean.warnings.filter((w) => !seen.has(`${w.rule}\u0000${w.message}`)),
  ];
  return { extracted: { ...extracted, warnings }, clean };
}

/** Reads and processes one file (absolute path); never throws. */
export async function processFile(abs: string, inputDir: string, kb: KnowledgeBase, maxBytes?: number): Promise<FileOutcome> {
  const rel = toRel(inputDir, abs);
  let sha256: string | null = null;
  try {
    const src = await readSource(abs, inputDir, { maxBytes });
    sha256 = src.sha256;
    const { extracted, clean } = processWithClean(src, kb);
    return { ok: true, rel, sha256, extracted, droppedRules: clean.dropped.map((d) => d.rule) };
  } catch (err) {
    if (err instanceof IngestError) return { ok: false, rel, sha256, file: err.file, reason: err.reason };
    return { ok: false, rel, sha256, file: rel, reason: `unexpected error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]!}` };
  }
}

/** `root`-relative path with forward slashes (`seeds/001.txt`). */
export function toRel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
