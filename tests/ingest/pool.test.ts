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
import { ingestToRecords, RECORD_FILES, writeRecords } from '../../ingest/write.ts';
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

  it('ingestToRecords writes the record files writeRecords writes, and reads the passages back in batches', async () => {
    const held = path.join(dir, '..', path.basename(dir) + '-held');
    const streamedDir = path.join(dir, '..', path.basename(dir) + '-streamed');
    try {
      await writeRecords(one, held);
      const s = await ingestToRecords({ inputDir: dir, kb, threads: 2, outDir: streamedDir });
      for (const name of RECORD_FILES) {
        expect(await fs.readFile(path.join(streamedDir, name), 'utf8'), name).toBe(await fs.readFile(path.join(held, name), 'utf8'));
      }
      expect((await fs.readdir(streamedDir)).filter((n) => n.startsWith('.'))).toEqual([]); // no spool left behind
      expect(s.report.passages).toBe(one.passages.length);
      const back: Passage[] = [];
      const sizes: number[] = [];
      for await (const batch of s.records.passages.batches(100)) {
        sizes.push(batch.length);
        back.push(...batch);
      }
      expect(s.records.passages.count).toBe(one.passages.length);
      expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
      expect(back).toEqual(one.passages);
    } finally {
      await fs.rm(held, { recursive: true, force: true });
      await fs.rm(streamedDir, { recursive: true, force: true });
    }
  }, 120_000);
});
