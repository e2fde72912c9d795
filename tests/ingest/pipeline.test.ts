import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { fingerprintCorpus, runIngest, type IngestResult } from '../../ingest/pipeline.ts';
import { CORPUS, REPO } from './helpers.ts';

let dir: string;
let result: IngestResult;
const progress: string[] = [];

/** A folder of good articles among every kind of bad input. */
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-pipeline-'));
  await fs.mkdir(path.join(dir, 'good'));
  await fs.mkdir(path.join(dir, 'zz'));
  await fs.copyFile(path.join(CORPUS, 'seeds/001_2e8d82e9d27cdd4e.txt'), path.join(dir, 'good/001.txt'));
  await fs.copyFile(path.join(CORPUS, 'extra/04-nhandan-khai-mac-hnng32.txt'), path.join(dir, 'good/04.txt'));
  await fs.copyFile(path.join(REPO, 'tests/fixtures/md-article/input.md'), path.join(dir, 'good/article.md'));
  await fs.copyFile(path.join(REPO, 'tests/fixtures/html-news-page/input.html'), path.join(dir, 'good/page.html'));
  await fs.writeFile(path.join(dir, 'empty.txt'), '');
  await fs.writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03]));
  await fs.writeFile(path.join(dir, 'cp1258.txt'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69]));
  await fs.copyFile(path.join(REPO, 'tests/fixtures/html-no-body/input.html'), path.join(dir, 'nobody.html'));
  await fs.writeFile(path.join(dir, 'huge.txt'), '');
  await fs.truncate(path.join(dir, 'huge.txt'), 50 * 1024 * 1024);
  await fs.copyFile(path.join(CORPUS, 'seeds/001_2e8d82e9d27cdd4e.txt'), path.join(dir, 'zz/001-copy.txt'));
  const seed = await fs.readFile(path.join(CORPUS, 'seeds/001_2e8d82e9d27cdd4e.txt'), 'utf8');
  await fs.writeFile(path.join(dir, 'zz/001-resaved.txt'), seed.replace(/\n/g, '\r\n') + '\r\n'); // other bytes, same article
  await fs.writeFile(path.join(dir, 'notes.json'), '{}'); // not an article format: skipped, not rejected
  const kb = await loadKnowledgeBase(path.join(REPO, 'corpus/kb'));
  result = await runIngest({ inputDir: dir, kb, onProgress: (d, t, f) => progress.push(`${d}/${t} ${f}`) });
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('runIngest with bad input among good files', () => {
  it('rejects each bad file with a one-line reason naming it', () => {
    expect(result.rejected).toEqual([
      { file: 'binary.txt', reason: 'binary file (control byte 0x00 at offset 0), not text' },
      { file: 'cp1258.txt', reason: 'no article text left after cleaning' }, // decoded from Windows-1258 now; two words are no article
      { file: 'empty.txt', reason: 'empty file' },
      { file: 'huge.txt', reason: 'too large (50.0 MB > limit 5.0 MB); raise it with --max-bytes' },
      { file: 'nobody.html', reason: 'HTML has no article body (0 characters of paragraph text outside navigation and page chrome)' },
      { file: 'zz/001-copy.txt', reason: 'duplicate of good/001.txt' },
      { file: 'zz/001-resaved.txt', reason: 'duplicate of good/001.txt' },
    ]);
  });

  it('still ingests every good file, in .txt, .md and .html', () => {
    expect(result.articles.map((a) => a.sourceFile)).toEqual(['good/001.txt', 'good/04.txt', 'good/article.md', 'good/page.html']);
    expect(result.articles.find((a) => a.sourceFile === 'good/page.html')?.title).toBe('Bộ trưởng Ngoại giao tiếp Đại sứ các nước ASEAN');
    expect(result.articles.find((a) => a.sourceFile === 'good/article.md')?.title).toBe('Việt Nam và Nhật Bản thúc đẩy hợp tác nguồn nhân lực');
  });

  it('reports progress once per supported file', () => {
    expect(progress).toHaveLength(11);
    expect(progress.at(-1)).toBe('11/11 zz/001-resaved.txt');
  });

  it('keeps passages in article and reading order with captions credited', () => {
    const first = result.articles[0]!;
    const own = result.passages.filter((p) => p.articleId === first.id);
    expect(own.map((p) => p.ordinal)).toEqual(own.map((_, i) => i));
    expect(result.passages.filter((p) => p.kind === 'caption' && p.credit === 'THỦY NGUYÊN').map((p) => p.text)).toEqual([
      'Quang cảnh phiên khai mạc Hội nghị Ngoại giao lần thứ 32.',
      'Tổng Bí thư Nguyễn Phú Trọng dự Hội nghị.',
    ]);
  });

  it('returns only the knowledge-base people and events the articles reference', () => {
    const referenced = new Set(result.articles.flatMap((a) => [...a.speakerIds, ...a.mentionIds]));
    for (const p of result.people) expect(referenced.has(p.id) || result.passages.some((x) => x.speakerId === p.id)).toBe(true);
    expect(result.events.map((e) => e.id)).toEqual(expect.arrayContaining(['hnng-31', 'hnng-32']));
  });

  it('fingerprints the corpus the same way fingerprintCorpus does, so a restart does not reindex', async () => {
    expect(result.fingerprint).toBe(await fingerprintCorpus(dir, path.join(REPO, 'corpus/kb')));
  });

  it('changes the fingerprint when a file changes', async () => {
    const before = await fingerprintCorpus(dir, path.join(REPO, 'corpus/kb'));
    await fs.appendFile(path.join(dir, 'good/04.txt'), '\nThêm một dòng.');
    expect(await fingerprintCorpus(dir, path.join(REPO, 'corpus/kb'))).not.toBe(before);
  });
});
