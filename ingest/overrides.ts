/**
 * Curator corrections that survive re-ingest. A correction of a passage's speaker is stored in
 * `KB_DIR/overrides.json` (beside the corpus; the source text is never edited) and applied at one
 * point of the pipeline — right after extraction, in `pipeline.ts` — so every path that ingests a
 * file (start-up, the CLI, incremental updates, the admin routes) gives the corrected record.
 *
 * Passage ids come from the article's bytes and the passage's text, so an override keeps
 * matching as long as the source file is unchanged; when the file changes, the override no
 * longer matches and the report says so (rule `override-stale`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExtractedArticle, IngestWarning } from './types.ts';

/** One correction: "this passage's speaker is X" (`speakerId: null` = no speaker). */
export interface SpeakerOverride {
  passageId: string;
  articleId: string;
  speakerId: string | null;
  /** The speaker extraction had found, kept to show what was corrected. */
  was: string | null;
  /** ISO time of the correction. */
  at: string;
}

/** The file's shape: `{ "speakers": [ … ] }`. */
export interface OverridesFile {
  speakers: SpeakerOverride[];
}

/** The overrides file of a knowledge-base folder. */
export function overridesPath(kbDir: string): string {
  return path.join(kbDir, 'overrides.json');
}

/** Reads and checks the overrides file; a missing file is no override. Throws naming the file and entry. */
export async function loadSpeakerOverrides(kbDir: string, knownPeople: ReadonlySet<string>): Promise<SpeakerOverride[]> {
  const file = overridesPath(kbDir);
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = JSON.parse(raw) as Partial<OverridesFile>;
  const list = parsed.speakers ?? [];
  if (!Array.isArray(list)) throw new Error(`${file}: "speakers" must be a list`);
  list.forEach((o, i) => {
    const ok =
      typeof o?.passageId === 'string' &&
      typeof o.articleId === 'string' &&
      o.passageId.startsWith(`${o.articleId}-`) &&
      (o.speakerId === null || (typeof o.speakerId === 'string' && knownPeople.has(o.speakerId)));
    if (!ok) throw new Error(`${file}: speakers[${i}]: needs passageId, its articleId and a speakerId the knowledge base knows (or null)`);
  });
  return list;
}

/** Writes the overrides file atomically (temporary name, then rename). */
export async function saveSpeakerOverrides(kbDir: string, speakers: SpeakerOverride[]): Promise<void> {
  const file = overridesPath(kbDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const sorted = [...speakers].sort((a, b) => a.passageId.localeCompare(b.passageId));
  await fs.writeFile(tmp, `${JSON.stringify({ speakers: sorted } satisfies OverridesFile, null, 2)}\n`);
  await fs.rename(tmp, file);
}

/**
 * Applies the overrides of this article: the passage's speaker, the numbered points and quotes
 * of that passage, and the article's speaker list. Returns a new value; warns for an override
 * whose passage is gone.
 */
export function applySpeakerOverrides(extracted: ExtractedArticle, overrides: readonly SpeakerOverride[]): ExtractedArticle {
  const mine = overrides.filter((o) => o.articleId === extracted.article.id);
  if (mine.length === 0) return extracted;
  const byPassage = new Map(mine.map((o) => [o.passageId, o]));
  const warnings: IngestWarning[] = [];
  for (const o of mine) {
    if (!extracted.passages.some((p) => p.id === o.passageId)) {
      warnings.push({ file: extracted.article.sourceFile, rule: 'override-stale', message: `speaker override for passage ${o.passageId} matches no passage (the source changed)` });
    }
  }
  const passages = extracted.passages.map((p) => (byPassage.has(p.id) ? { ...p, speakerId: byPassage.get(p.id)!.speakerId } : p));
  const speakerOf = (passageId: string, current: string | null) => (byPassage.has(passageId) ? byPassage.get(passageId)!.speakerId : current);
  const a = extracted.article;
  const still = new Set(passages.map((p) => p.speakerId).filter((id): id is string => id !== null));
  const replaced = new Set(mine.map((o) => o.was).filter((id): id is string => id !== null));
  const speakerIds = a.speakerIds.filter((id) => still.has(id) || !replaced.has(id));
  for (const o of mine) if (o.speakerId && still.has(o.speakerId) && !speakerIds.includes(o.speakerId)) speakerIds.push(o.speakerId);
  const mentionIds = [...a.mentionIds];
  for (const id of speakerIds) if (!mentionIds.includes(id)) mentionIds.push(id);
  return {
    ...extracted,
    article: {
      ...a,
      speakerIds,
      mentionIds,
      points: a.points.map((pt) => ({ ...pt, speakerId: speakerOf(pt.passageId, pt.speakerId) })),
      quotes: a.quotes.map((q) => ({ ...q, speakerId: speakerOf(q.passageId, q.speakerId) })),
    },
    passages,
    warnings: [...extracted.warnings, ...warnings],
  };
}
