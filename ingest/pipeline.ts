/**
 * The ingest pipeline: raw files → records, each file on its own.
 *
 *   readSource → parseDocument → cleanDocument → extractArticle → IngestResult → writeRecords
 *
 * A file that cannot be read or has no article is rejected with a one-line reason and the
 * others go on; the same article twice is ingested once ("duplicate of <file>").
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RecordSet } from '../search/types.ts';
import { IngestError } from './errors.ts';
import { processFile, processWithClean, toRel, type FileOutcome } from './file-task.ts';
import { loadKnowledgeBase } from './kb.ts';
import { defaultIngestThreads, pooledOutcomes } from './pool.ts';
import { detectFormat } from './read.ts';
import type { Article, CandidatePerson, ExtractedArticle, IngestWarning, KnowledgeBase, Passage, Person, SourceDocument } from './types.ts';

export { readSource } from './read.ts';
export { parseDocument } from './parse/index.ts';
export { cleanDocument } from './clean/index.ts';
export { writeRecords } from './write.ts';
export { IngestError } from './errors.ts';

/** Bumped when cleaning or extraction changes what the same files produce, so a fingerprint forces a reindex. */
export const INGEST_FORMAT_VERSION = '2';

/** What one run produced: the records, and what went wrong without stopping it. */
export type IngestResult = RecordSet & {
  rejected: { file: string; reason: string }[];
  candidates: CandidatePerson[];
  warnings: IngestWarning[];
  fingerprint: string;
  /** Files found in the input folder with a supported extension (optional: beyond the contract). */
  filesIn?: number;
  /** Lines the cleaner removed from the ingested articles, by rule (`section-end`, `teaser`, …). */
  dropped?: Record<string, number>;
};

export interface RunIngestOptions {
  inputDir: string;
  kb: KnowledgeBase;
  /** Accepted for older callers; the fingerprint no longer needs it (it hashes the loaded KB). */
  kbDir?: string;
  maxBytes?: number;
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Worker threads for the per-file work: 0 runs it on this thread; by default
   * `defaultIngestThreads()` (cores − 1, none on a 2-core host) when the input holds at least
   * `POOL_MIN_FILES` files, else 0. The records do not depend on it.
   */
  threads?: number;
}

/** parse → clean → extract for one decoded source. */
export function processSource(src: SourceDocument, kb: KnowledgeBase): ExtractedArticle {
  return processWithClean(src, kb).extracted;
}

/** Ingests every supported file under `inputDir`; never throws for a bad file. */
export async function runIngest(opts: RunIngestOptions): Promise<IngestResult> {
  const files = await listSourceFiles(opts.inputDir);
  const run = await ingestList(opts.inputDir, files, opts);
  const fingerprint = await fingerprintWith(opts.inputDir, hashKb(opts.kb));
  return { ...run, fingerprint, filesIn: files.length };
}

/** What `runIngestStreaming` returns: an `IngestResult` whose `passages` were handed over, not kept. */
export type StreamedIngestResult = Omit<IngestResult, 'passages'> & {
  passages: [];
  /** How many passages were handed to `onPassages`. */
  passageCount: number;
};

/**
 * `runIngest` without holding the passages: each kept article's passages go to `onPassages` as
 * soon as the article is accepted, in the order of `runIngest`'s `passages` (articles by source
 * path, then ordinal), so a caller can write them to `passages.jsonl` and the engine in batches.
 * Everything else (articles, people, events, rejections, report) is as `runIngest` returns it.
 */
export async function runIngestStreaming(
  opts: RunIngestOptions,
  onPassages: (passages: Passage[], article: Article) => void | Promise<void>,
): Promise<StreamedIngestResult> {
  const files = await listSourceFiles(opts.inputDir);
  let passageCount = 0;
  const run = await ingestList(opts.inputDir, files, opts, async (passages, article) => {
    passageCount += passages.length;
    await onPassages(passages, article);
  });
  const fingerprint = await fingerprintWith(opts.inputDir, hashKb(opts.kb));
  return { ...run, passages: [], passageCount, fingerprint, filesIn: files.length };
}

/** Options of `ingestFiles`. */
export interface IngestFilesOptions {
  /** The corpus root the paths are relative to (`CORPUS_DIR`). */
  inputDir: string;
  /** Paths relative to `inputDir` (`seeds/001.txt`), as a watcher or an upload names them. */
  files: readonly string[];
  kb: KnowledgeBase;
  maxBytes?: number;
  onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * Ingests a subset of the corpus: the same read → parse → clean → extract per file as
 * `runIngest`, for the named files only, so a new or changed article costs one file's work.
 * Duplicates are found within the subset only (the caller checks against what is indexed).
 * A path outside `inputDir`, or with an unsupported extension, is rejected with a one-line reason.
 * `fingerprint` is empty: a subset says nothing about the whole corpus.
 */
export async function ingestFiles(opts: IngestFilesOptions): Promise<IngestResult> {
  const root = path.resolve(opts.inputDir);
  const rejected: IngestResult['rejected'] = [];
  const abs: string[] = [];
  for (const rel of [...new Set(opts.files)].sort()) {
    const full = path.resolve(root, rel);
    if (path.isAbsolute(rel) || !full.startsWith(root + path.sep)) {
      rejected.push({ file: rel, reason: `not a path inside the corpus folder ${root}` });
    } else if (!detectFormat(full)) {
      rejected.push({ file: rel, reason: `unsupported format "${path.extname(full)}"; use .txt, .md or .html` });
    } else abs.push(full);
  }
  const run = await ingestList(root, abs, opts);
  return { ...run, rejected: [...rejected, ...run.rejected], fingerprint: '', filesIn: abs.length };
}

/** Files from which `runIngest` hands the work to a worker pool (below, thread start-up costs more than it saves). */
export const POOL_MIN_FILES = 200;

/** The outcome of every file, in order: on this thread, or on a worker pool for large inputs. */
function fileOutcomes(inputDir: string, files: readonly string[], opts: { kb: KnowledgeBase; maxBytes?: number; threads?: number }): AsyncIterable<FileOutcome> {
  const threads = opts.threads ?? (files.length >= POOL_MIN_FILES ? defaultIngestThreads() : 0);
  if (threads > 0 && files.length > 0) return pooledOutcomes(files, { inputDir, kb: opts.kb, maxBytes: opts.maxBytes, threads });
  return (async function* () {
    for (const abs of files) yield await processFile(abs, inputDir, opts.kb, opts.maxBytes);
  })();
}

/**
 * read → parse → clean → extract for each file in order; duplicates (same bytes, same text, same
 * id) are rejected. The per-file work may run on worker threads; the checks and the order of the
 * records are decided here, in file order, so the result does not depend on the thread count.
 * With `onPassages`, each kept article's passages are handed over instead of kept.
 */
async function ingestList(
  inputDir: string,
  files: readonly string[],
  opts: { kb: KnowledgeBase; maxBytes?: number; threads?: number; onProgress?: (done: number, total: number, file: string) => void },
  onPassages?: (passages: Passage[], article: Article) => Promise<void>,
): Promise<Omit<IngestResult, 'fingerprint' | 'filesIn'>> {
  const rejected: IngestResult['rejected'] = [];
  const warnings: IngestWarning[] = [];
  const candidates: CandidatePerson[] = [];
  const provisional = new Map<string, Person>();
  const articles: Article[] = [];
  const passages: Passage[] = [];
  const byBytes = new Map<string, string>();
  const byText = new Map<string, string>();
  const byId = new Map<string, string>();
  const dropped: Record<string, number> = {};
  // Streamed passages must leave in record order (articles by source path): checked as they go.
  let lastSourceFile: string | null = null;
  // People and events the passages point to (the passages themselves may not be kept).
  const passagePeople = new Set<string>();
  const passageEvents = new Set<string>();
  let done = 0;
  for await (const r of fileOutcomes(inputDir, files, opts)) {
    const rel = r.rel;
    try {
      if (r.sha256 !== null) {
        const sameBytes = byBytes.get(r.sha256);
        if (sameBytes) throw new IngestError(rel, 'duplicate', `duplicate of ${sameBytes}`);
        byBytes.set(r.sha256, rel);
      }
      if (!r.ok) {
        rejected.push({ file: r.file, reason: r.reason });
      } else {
        const out = r.extracted;
        // The same article saved twice (another format, other whitespace) has the same words.
        const textKey = hashText(out.passages.map((p) => p.text).join('\n'));
        const sameText = byText.get(textKey) ?? byId.get(out.article.id);
        if (sameText) throw new IngestError(rel, 'duplicate', `duplicate of ${sameText}`);
        if (out.passages.length === 0) throw new IngestError(rel, 'no-article-body', 'no article text left after cleaning');
        byText.set(textKey, rel);
        byId.set(out.article.id, rel);
        articles.push(out.article);
        for (const p of out.passages) {
          if (p.speakerId) passagePeople.add(p.speakerId);
          p.eventIds.forEach((id) => passageEvents.add(id));
        }
        if (onPassages) {
          if (lastSourceFile !== null && lastSourceFile.localeCompare(out.article.sourceFile) > 0) {
            throw new Error(`streamed passages out of record order: ${out.article.sourceFile} after ${lastSourceFile}`);
          }
          lastSourceFile = out.article.sourceFile;
          await onPassages([...out.passages].sort((a, b) => a.ordinal - b.ordinal), out.article);
        } else passages.push(...out.passages);
        candidates.push(...out.candidates);
        for (const p of out.people ?? []) if (!provisional.has(p.id)) provisional.set(p.id, p);
        warnings.push(...out.warnings);
        for (const rule of r.droppedRules) dropped[rule] = (dropped[rule] ?? 0) + 1;
      }
    } catch (err) {
      if (err instanceof IngestError) rejected.push({ file: err.file, reason: err.reason });
      else throw err;
    }
    done++;
    opts.onProgress?.(done, files.length, rel);
  }
  const records = collectRecords(articles, passages, opts.kb, [...provisional.values()], passagePeople, passageEvents);
  return { ...records, rejected, candidates, warnings, dropped: sortKeys(dropped) };
}

/** Orders records deterministically and keeps only the KB people and events the articles reference. */
function collectRecords(
  articles: Article[],
  passages: Passage[],
  kb: KnowledgeBase,
  provisional: Person[],
  passagePeople: ReadonlySet<string>,
  passageEvents: ReadonlySet<string>,
): RecordSet {
  const sortedArticles = [...articles].sort((a, b) => a.sourceFile.localeCompare(b.sourceFile));
  const order = new Map(sortedArticles.map((a, i) => [a.id, i]));
  const sortedPassages = [...passages].sort((a, b) => order.get(a.articleId)! - order.get(b.articleId)! || a.ordinal - b.ordinal);
  const personIds = new Set<string>(passagePeople);
  const eventIds = new Set<string>(passageEvents);
  for (const a of articles) {
    a.speakerIds.forEach((id) => personIds.add(id));
    a.mentionIds.forEach((id) => personIds.add(id));
    a.eventIds.forEach((id) => eventIds.add(id));
  }
  return {
    articles: sortedArticles,
    passages: sortedPassages,
    // Provisional people (names the KB lacks) beside KB people; a KB id always wins.
    people: [...kb.people.filter((p) => personIds.has(p.id)), ...provisional.filter((p) => personIds.has(p.id) && !kb.people.some((k) => k.id === p.id)).sort((a, b) => a.id.localeCompare(b.id))],
    events: kb.events.filter((e) => eventIds.has(e.id)),
  };
}

/**
 * A cheap hash of the input files (paths and bytes), the knowledge base and the pipeline
 * version: equal fingerprints mean re-ingesting would produce the same records, so no reindex
 * is needed. It equals `runIngest(...).fingerprint` for the same folders, because both hash the
 * loaded KB (not its files' bytes). A KB that does not load hashes by its raw files, so the
 * fingerprint changes and the re-ingest that follows reports the KB error.
 */
export async function fingerprintCorpus(inputDir: string, kbDir: string): Promise<string> {
  let kbHash: string;
  try {
    kbHash = hashKb(await loadKnowledgeBase(kbDir));
  } catch {
    const h = createHash('sha256').update('unloadable-kb\0');
    const names = (await fs.readdir(kbDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    for (const n of names) h.update(n).update('\0').update(await fs.readFile(path.join(kbDir, n))).update('\0');
    kbHash = h.digest('hex');
  }
  return fingerprintWith(inputDir, kbHash);
}

function hashKb(kb: KnowledgeBase): string {
  return hashText(JSON.stringify(kb));
}

/**
 * What every record depends on besides the files: the knowledge base and the pipeline version.
 * When it changes, incremental updates cannot be trusted (every article may come out
 * differently) and a full reindex is due.
 */
export function buildKeyOf(kb: KnowledgeBase): string {
  return hashText(`ingest-v${INGEST_FORMAT_VERSION}\0kb:${hashKb(kb)}`).slice(0, 32);
}

/** Each supported file under `inputDir` with the SHA-256 of its bytes (`seeds/001.txt` → hex), for diffing against the index. */
export async function hashSourceFiles(inputDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const abs of await listSourceFiles(inputDir)) {
    const bytes = await fs.readFile(abs).catch(() => null);
    if (bytes) out.set(toRel(inputDir, abs), createHash('sha256').update(bytes).digest('hex'));
  }
  return out;
}

async function fingerprintWith(inputDir: string, kbHash: string): Promise<string> {
  const h = createHash('sha256').update(`ingest-v${INGEST_FORMAT_VERSION}\0kb:${kbHash}\0`);
  for (const abs of await listSourceFiles(inputDir)) {
    h.update(toRel(inputDir, abs)).update('\0');
    try {
      h.update(await fs.readFile(abs));
    } catch {
      h.update('unreadable');
    }
    h.update('\0');
  }
  return h.digest('hex').slice(0, 32);
}

/** Whether a file name is one the pipeline ingests: a supported extension, not a dot file, not a README/INDEX note. */
export function isSourceFileName(name: string): boolean {
  return !name.startsWith('.') && detectFormat(name) !== null && !/^(?:readme|index)\.(?:md|markdown|txt)$/i.test(name);
}

/** The corpus fingerprint of `inputDir` with an already loaded knowledge base (equals `fingerprintCorpus`). */
export function fingerprintFiles(inputDir: string, kb: KnowledgeBase): Promise<string> {
  return fingerprintWith(inputDir, hashKb(kb));
}

/** Supported files under a folder, recursively, sorted by relative path; dot files and README/INDEX notes are skipped. */
export async function listSourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(d, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile() && isSourceFileName(e.name)) out.push(abs);
    }
  };
  await walk(dir);
  return out.sort((a, b) => toRel(dir, a).localeCompare(toRel(dir, b)));
}

function sortKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
