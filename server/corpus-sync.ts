/**
 * Corpus sync: applies files of `CORPUS_DIR` to the live index one article at a time, without a
 * rebuild. The chokidar watcher of `npm start` (corpus-watch.ts), `npm run ingest` and the admin
 * routes all go through it, so every path gets the same checks and the same order of writes:
 *
 *   relative paths → ingestFiles (read → parse → clean → extract) → duplicate check against the
 *   index → search.applyArticles (new passages first, stale ones after) → corpus fingerprint
 *
 * Calls run one after another. A file that cannot be ingested is `rejected` with a one-line
 * reason and leaves the index as it was; the other files of the call still apply.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { buildKeyOf, fingerprintFiles, hashSourceFiles, ingestFiles } from '../ingest/pipeline.ts';
import type { Article, IngestWarning, KnowledgeBase } from '../ingest/types.ts';
import type { Config } from '../lib/config.ts';
import { INDEX_FORMAT, type AppliedOverride, type RecordSet, type SearchService } from '../search/index.ts';

/** What one sync call did. Paths are relative to `CORPUS_DIR`. */
export interface SyncResult {
  /** Articles written (new, or a new version of a file). */
  articles: Article[];
  /** Articles deleted: removed files, and older versions of changed files. */
  removedArticleIds: string[];
  /** Files that were not applied, each with a one-line reason (the index keeps what it had for them). */
  rejected: { file: string; reason: string }[];
  warnings: IngestWarning[];
}

/** The corpus sync service (`app.corpusSync`). */
export interface CorpusSync {
  /** Ingests these files (new or changed) and applies them to the index. */
  applyFiles(relPaths: string[]): Promise<SyncResult>;
  /** Deletes the articles of these files from the index (the files themselves are not touched). */
  removeFiles(relPaths: string[]): Promise<SyncResult>;
  /** Diffs the whole folder against the index (by each file's SHA-256) and applies the difference. */
  syncAll(): Promise<SyncResult>;
}

/** What `createCorpusSync` needs. */
export interface CorpusSyncOptions {
  config: Pick<Config, 'corpusDir'>;
  search: Pick<SearchService, 'applyArticles' | 'removeArticles' | 'indexedSources' | 'getArticle' | 'appliedOverrides'>;
  kb: KnowledgeBase;
  log?: Logger | FastifyBaseLogger;
  /** Called after a call changed the index (the server forgets its cached people and events). */
  onChange?: () => void;
}

/**
 * What a build depends on besides the corpus files: the knowledge base, the pipeline version and
 * the index settings. A full reindex records it; in-place updates are only safe while it holds.
 * The curator's speaker corrections (`KB_DIR/overrides.json`) are left out: each changes only the
 * records of its own article, so `syncAll` re-applies those articles in place instead.
 */
export function buildKeyFor(kb: KnowledgeBase): string {
  return `${buildKeyOf({ ...kb, speakerOverrides: undefined })}:${INDEX_FORMAT}`;
}

/**
 * The articles whose speaker corrections differ between the KB and what the index was built with
 * (added, changed or removed corrections); with no record of it (an older index), every article
 * the KB corrects.
 */
export function articlesWithChangedOverrides(kb: Pick<KnowledgeBase, 'speakerOverrides'>, applied: AppliedOverride[] | null): Set<string> {
  const key = (o: AppliedOverride) => `${o.articleId}\0${o.passageId}\0${o.speakerId ?? ''}`;
  const wanted = new Map((kb.speakerOverrides ?? []).map((o) => [key(o), o.articleId]));
  const built = new Map((applied ?? []).map((o) => [key(o), o.articleId]));
  const out = new Set<string>();
  for (const [k, articleId] of wanted) if (!built.has(k)) out.add(articleId);
  for (const [k, articleId] of built) if (!wanted.has(k)) out.add(articleId);
  return out;
}

const EMPTY: SyncResult = { articles: [], removedArticleIds: [], rejected: [], warnings: [] };

/**
 * Creates the corpus sync for one corpus folder, knowledge base and search service.
 * @see ../search/README.md#incremental-updates
 */
export function createCorpusSync(opts: CorpusSyncOptions): CorpusSync {
  const root = path.resolve(opts.config.corpusDir);
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => {});
    return run;
  };

  /** Splits paths into well-formed ones and rejections (absolute, escaping the folder). */
  const checkPaths = (relPaths: string[]): { ok: string[]; rejected: SyncResult['rejected'] } => {
    const ok: string[] = [];
    const rejected: SyncResult['rejected'] = [];
    for (const raw of new Set(relPaths)) {
      const rel = raw.split(path.sep).join('/');
      const full = path.resolve(root, rel);
      if (rel === '' || path.isAbsolute(rel) || !full.startsWith(root + path.sep)) {
        rejected.push({ file: raw, reason: `not a path inside the corpus folder ${root}` });
      } else ok.push(path.relative(root, full).split(path.sep).join('/'));
    }
    return { ok, rejected };
  };

  const fingerprint = () => fingerprintFiles(root, opts.kb);

  const remove = async (relPaths: string[]): Promise<SyncResult> => {
    const { ok, rejected } = checkPaths(relPaths);
    const indexed = await opts.search.indexedSources(ok);
    const ids = indexed.map((a) => a.id);
    await opts.search.removeArticles(ids, { fingerprint: await fingerprint() });
    if (ids.length > 0) opts.onChange?.();
    opts.log?.info({ files: ok.length, articles: ids.length }, `corpus sync: removed ${ids.length} article(s) of ${ok.length} file(s)`);
    return { ...EMPTY, removedArticleIds: ids, rejected };
  };

  const apply = async (relPaths: string[]): Promise<SyncResult> => {
    // Hashing the whole folder runs beside the ingest and the writes instead of delaying them.
    const fingerprinted = fingerprint();
    fingerprinted.catch(() => {});
    const { ok, rejected } = checkPaths(relPaths);
    // A file gone by now (deleted or renamed right after the event) is a removal.
    const present: string[] = [];
    const gone: string[] = [];
    for (const rel of ok) {
      const st = await fs.stat(path.join(root, rel)).catch(() => null);
      (st?.isFile() ? present : gone).push(rel);
    }
    const removed = gone.length > 0 ? (await remove(gone)).removedArticleIds : [];
    const result = await ingestFiles({ inputDir: root, files: present, kb: opts.kb });
    rejected.push(...result.rejected);

    // The same bytes under another name: a rename when the other file is gone, else a duplicate.
    const articles: Article[] = [];
    for (const article of result.articles) {
      const existing = await opts.search.getArticle(article.id);
      if (existing && existing.sourceFile !== article.sourceFile) {
        const otherStillThere = await fs.stat(path.join(root, existing.sourceFile)).then(
          (s) => s.isFile(),
          () => false,
        );
        if (otherStillThere) {
          rejected.push({ file: article.sourceFile, reason: `duplicate of ${existing.sourceFile}` });
          continue;
        }
      }
      articles.push(article);
    }
    const keep = new Set(articles.map((a) => a.id));
    const records: RecordSet = {
      articles,
      passages: result.passages.filter((p) => keep.has(p.articleId)),
      people: result.people,
      events: result.events,
    };
    let replaced: string[] = [];
    if (articles.length > 0) {
      const report = await opts.search.applyArticles(records, { kb: opts.kb, fingerprint: fingerprinted });
      replaced = report.replacedArticleIds;
      opts.onChange?.();
      opts.log?.info(
        { ...report, files: present.length, rejected: rejected.length },
        `corpus sync: applied ${report.articles} article(s) (${report.passagesWritten} passages written, ${report.passagesDeleted} stale deleted) in ${report.ms} ms`,
      );
    }
    for (const r of rejected) opts.log?.warn({ file: r.file }, `corpus sync: ${r.file} not applied: ${r.reason}`);
    const applied = new Set(articles.map((a) => a.sourceFile));
    const warnings = result.warnings.filter((w) => applied.has(w.file));
    return { articles, removedArticleIds: [...removed, ...replaced], rejected, warnings };
  };

  return {
    applyFiles: (relPaths) => serially(() => apply(relPaths)),
    removeFiles: (relPaths) => serially(() => remove(relPaths)),
    syncAll: () =>
      serially(async () => {
        const [onDisk, indexed, overrides] = await Promise.all([hashSourceFiles(root), opts.search.indexedSources(), opts.search.appliedOverrides()]);
        const indexedByFile = new Map(indexed.map((a) => [a.sourceFile, a.sourceSha256]));
        const changed = [...onDisk].filter(([file, sha]) => indexedByFile.get(file) !== sha).map(([file]) => file);
        // Unchanged files whose speaker corrections changed since they were indexed are applied again.
        const corrected = articlesWithChangedOverrides(opts.kb, overrides);
        for (const a of indexed) if (corrected.has(a.id) && onDisk.has(a.sourceFile) && !changed.includes(a.sourceFile)) changed.push(a.sourceFile);
        const gone = [...indexedByFile.keys()].filter((file) => !onDisk.has(file));
        const removed = gone.length > 0 ? await remove(gone) : EMPTY;
        const applied = changed.length > 0 ? await apply(changed) : EMPTY;
        // Nothing to write (a correction of an article no longer indexed): the fingerprint is still
        // recorded, so the next start serves at once instead of syncing again.
        if (changed.length === 0 && gone.length === 0) await opts.search.removeArticles([], { fingerprint: await fingerprint() });
        return {
          articles: applied.articles,
          removedArticleIds: [...removed.removedArticleIds, ...applied.removedArticleIds],
          rejected: [...removed.rejected, ...applied.rejected],
          warnings: applied.warnings,
        };
      }),
  };
}
