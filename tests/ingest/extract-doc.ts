/** Builds small `CleanDocument`s for the extractor unit tests, and loads the real knowledge base once. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import type { CleanBlock, CleanDocument, KnowledgeBase, PassageKind } from '../../ingest/types.ts';

let kbPromise: Promise<KnowledgeBase> | null = null;

/** The repository's knowledge base (`corpus/kb`). */
export function realKb(): Promise<KnowledgeBase> {
  kbPromise ??= loadKnowledgeBase(path.resolve(import.meta.dirname, '../../corpus/kb'));
  return kbPromise;
}

/** One block: a plain string is a paragraph; `['caption', text]` gives another kind. */
export type BlockSpec = string | [PassageKind, string];

/** A clean document with the given title (null for none), blocks and optional metadata. */
export function makeDoc(
  title: string | null,
  specs: BlockSpec[],
  extra: { url?: string; date?: string; byline?: string; dropped?: string[]; raw?: string } = {},
): CleanDocument {
  let offset = 0;
  const blocks: CleanBlock[] = specs.map((s) => {
    const [kind, text] = typeof s === 'string' ? (['paragraph', s] as const) : s;
    const span = { start: offset, end: offset + text.length };
    offset = span.end + 1;
    return { kind, text, span };
  });
  const text = extra.raw ?? [title ?? '', ...blocks.map((b) => b.text)].join('\n');
  return {
    source: { path: 'test/doc.txt', format: 'txt', text, sha256: createHash('sha256').update(text).digest('hex'), byteLength: text.length },
    meta: { ...(extra.url ? { url: extra.url } : {}), ...(extra.date ? { date: extra.date } : {}) },
    title: title === null ? null : { text: title, span: { start: 0, end: title.length } },
    byline: extra.byline ? { text: extra.byline, span: { start: 0, end: extra.byline.length } } : null,
    blocks,
    dropped: (extra.dropped ?? []).map((t) => ({ text: t, rule: 'test' })),
    warnings: [],
  };
}
