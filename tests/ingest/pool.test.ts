/**
 * The worker pool and the streamed ingest give the records of the single-thread loop: the same
 * articles, passages (same order), people, events, rejections and report, on the real corpus
 * and the fixtures (with their bad and duplicate files).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { runIngest, runIngestStreaming, type IngestResult } from '../../ingest/pipeline.ts';
import type { KnowledgeBase, Passage } from '../../ingest/types.ts';
import { REPO } from './helpers.ts';

let dir: string;
let kb: KnowledgeBase;
let one: IngestResult;

/** The real corpus and every fixture input in one folder, plus a byte-identical copy (a duplicate). */
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-pool-'));
  await fs.cp(path.join(REPO, 'corpus/raw'), path.join(dir, 'corpus'), { recursive: true });
  await fs.cp(path.join(REPO, 'tests/fixtures'), path.join(dir, 'fixtures'), { recursive: true });
  await fs.cp(path.join(REPO, 'corpus/raw/seeds'), path.join(dir, 'zz-copy'), { recursive: true });
  await fs.writeFile(path.join(dir, 'empty.txt'), '');
  kb = await loadKnowledgeBase(path.join(REPO, 'corpus/kb'));
  one = await runIngest({ inputDir: dir, kb, threads: 0 });
}, 120_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('ingest on a worker pool', () => {
  it('the single-thread run is a real test input: articles, passages and rejections of every kind', () => {
    expect(one.articles.length).toBeGreaterThan(25);
    expect(one.passages.length).toBeGreaterThan(300);
    expect(one.rejected.some((r) => r.reason.startsWith('duplicate of corpus/seeds/'))).toBe(true);
    expect(one.rejected.some((r) => r.file === 'empty.txt')).toBe(true);
  });

  it('two worker threads produce byte-identical records in the same order', async () => {
    const progress: string[] = [];
    const pooled = await runIngest({ inputDir: dir, kb, threads: 2, onProgress: (d, t, f) => progress.push(`${d}/${t} ${f}`) });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(one));
    // Progress is reported in file order, once per file.
    expect(progress.length).toBe(pooled.filesIn);
    expect(progress[0]).toMatch(/^1\/\d+ corpus\//);
  }, 120_000);

  it('the streamed ingest hands over the same passages in record order and keeps the rest identical', async () => {
    const streamed: Passage[] = [];
    const r = await runIngestStreaming({ inputDir: dir, kb, threads: 2 }, (passages) => {
      streamed.push(...passages);
    });
    expect(r.passages).toEqual([]);
    expect(r.passageCount).toBe(one.passages.length);
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(one.passages));
    expect(JSON.stringify({ ...r, passages: one.passages, passageCount: undefined })).toBe(JSON.stringify({ ...one, passageCount: undefined }));
  }, 120_000);
});
