import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import { createSearchService, type SearchService } from '../../search/index.ts';
import { createCorpusSync, type CorpusSync } from '../../server/corpus-sync.ts';
import { buildKeyFor } from '../../server/main.ts';
import { readKb, ROOT } from './helpers.ts';

const EXTRA = path.join(ROOT, 'corpus/raw/extra');
/** The article this file adds, changes and removes: the opening of HNNG 32 (Nhân Dân). */
const NEW_FILE = '04-nhandan-khai-mac-hnng32.txt';
const NEW_TITLE = 'Khai mạc Hội nghị Ngoại giao lần thứ 32';

let corpusDir: string;
let search: SearchService;
let sync: CorpusSync;
let kb: KnowledgeBase;

const q = (text: string) => search.search({ q: text, filters: {}, sort: 'relevance', page: 1, perPage: 50 });

/**
 * Runs searches back to back until `work` ends; returns every answer (or the error) for each query.
 * A search of another article's words must answer the same throughout.
 */
async function searchDuring(queries: string[], work: () => Promise<unknown>): Promise<Map<string, (number | string)[]>> {
  const seen = new Map<string, (number | string)[]>(queries.map((x) => [x, []]));
  let done = false;
  const loop = (async () => {
    while (!done) {
      for (const text of queries) {
        const total = await q(text).then(
          (r) => r.total,
          (err: unknown) => `error: ${(err as Error).message}`,
        );
        seen.get(text)!.push(total);
      }
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await loop;
  }
  return seen;
}

beforeAll(async () => {
  corpusDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-sync-'));
  for (const name of await fs.readdir(EXTRA)) {
    if (name !== NEW_FILE) await fs.copyFile(path.join(EXTRA, name), path.join(corpusDir, name));
  }
  kb = await readKb();
  const { url, masterKey } = inject('meili');
  search = createSearchService({ url, masterKey, indexPrefix: 't_server_sync_' });
  const result = await runIngest({ inputDir: corpusDir, kb });
  await search.reindex(result, { fingerprint: result.fingerprint, kb, buildKey: buildKeyFor(kb) });
  sync = createCorpusSync({ config: { corpusDir }, search, kb });
}, 120_000);
afterAll(async () => {
  await fs.rm(corpusDir, { recursive: true, force: true });
});

describe('incremental corpus updates under concurrent searches', () => {
  const others = ['Thủ tướng Phạm Minh Chính', 'ngoại giao kinh tế'];
  let baseline: Map<string, number>;
  let firstId = '';

  beforeAll(async () => {
    baseline = new Map(await Promise.all(others.map(async (x) => [x, (await q(x)).total] as const)));
    expect([...baseline.values()].every((n) => n > 0)).toBe(true);
  });

  it('adds a new file: its article becomes searchable, other searches never fail nor change', async () => {
    expect((await q('Phan Đình Trạc')).total).toBe(0);
    await fs.copyFile(path.join(EXTRA, NEW_FILE), path.join(corpusDir, NEW_FILE));
    let result: Awaited<ReturnType<CorpusSync['applyFiles']>> | null = null;
    const seen = await searchDuring(others, async () => {
      result = await sync.applyFiles([NEW_FILE]);
    });
    expect(result!.rejected).toEqual([]);
    expect(result!.articles.map((a) => a.title)).toEqual([NEW_TITLE]);
    firstId = result!.articles[0]!.id;
    for (const x of others) expect(new Set(seen.get(x))).toEqual(new Set([baseline.get(x)]));
    const hits = await q('Phan Đình Trạc');
    expect(hits.total).toBe(1);
    expect(hits.hits[0]!.passage.title).toBe(NEW_TITLE);
    expect(hits.hits[0]!.passage.sourceFile).toBe(NEW_FILE);
  });

  it('changes the file: the new paragraph is found, the old version is gone, the article is never missing', async () => {
    const file = path.join(corpusDir, NEW_FILE);
    const added = 'Hội nghị cũng bàn về hợp tác ngoại giao vắc-xin với các đối tác Bắc Âu trong giai đoạn mới.';
    await fs.appendFile(file, `\n${added}\n`);
    const before = (await q('Phan Đình Trạc')).total;
    let result: Awaited<ReturnType<CorpusSync['applyFiles']>> | null = null;
    const seen = await searchDuring([...others, 'Phan Đình Trạc'], async () => {
      result = await sync.applyFiles([NEW_FILE]);
    });
    expect(result!.removedArticleIds).toEqual([firstId]);
    const newId = result!.articles[0]!.id;
    expect(newId).not.toBe(firstId);
    for (const x of others) expect(new Set(seen.get(x))).toEqual(new Set([baseline.get(x)]));
    // Written first, deleted after: the article is there at every moment.
    expect(seen.get('Phan Đình Trạc')!.every((n) => typeof n === 'number' && n >= before)).toBe(true);
    const found = await q('vắc-xin Bắc Âu');
    expect(found.hits.map((h) => h.passage.text)).toContain(added);
    expect((await q('Phan Đình Trạc')).hits.map((h) => h.passage.articleId)).toEqual([newId]);
    expect(await search.getArticle(firstId)).toBeNull();
    expect((await search.findPassages({ articleId: [firstId] })).length).toBe(0);
    expect((await search.getArticle(newId))?.sourceFile).toBe(NEW_FILE);
  });

  it('removes the file: its passages and article go, the rest stays', async () => {
    const [indexed] = await search.indexedSources([NEW_FILE]);
    await fs.rm(path.join(corpusDir, NEW_FILE));
    let result: Awaited<ReturnType<CorpusSync['removeFiles']>> | null = null;
    const seen = await searchDuring(others, async () => {
      result = await sync.removeFiles([NEW_FILE]);
    });
    expect(result!.removedArticleIds).toEqual([indexed!.id]);
    for (const x of others) expect(new Set(seen.get(x))).toEqual(new Set([baseline.get(x)]));
    expect((await q('Phan Đình Trạc')).total).toBe(0);
    expect(await search.getArticle(indexed!.id)).toBeNull();
  });

  it('rejects a path outside the corpus folder and a file that is a copy of another, naming them', async () => {
    const copy = 'copy-of-07.txt';
    await fs.copyFile(path.join(corpusDir, '07-baothaibinh-doi-ngoai-toan-quoc.txt'), path.join(corpusDir, copy));
    const result = await sync.applyFiles(['../etc/passwd', copy]);
    expect(result.articles).toEqual([]);
    expect(result.rejected).toEqual([
      { file: '../etc/passwd', reason: `not a path inside the corpus folder ${corpusDir}` },
      { file: copy, reason: 'duplicate of 07-baothaibinh-doi-ngoai-toan-quoc.txt' },
    ]);
    await fs.rm(path.join(corpusDir, copy));
  });

  it('syncAll finds what changed in the folder by content and applies only that', async () => {
    await fs.copyFile(path.join(EXTRA, NEW_FILE), path.join(corpusDir, NEW_FILE));
    await fs.rm(path.join(corpusDir, '16-biengioilanhtho-tran-luu-quang-lam-viec-bo-ngoai-giao.txt'));
    const [gone] = await search.indexedSources(['16-biengioilanhtho-tran-luu-quang-lam-viec-bo-ngoai-giao.txt']);
    const result = await sync.syncAll();
    expect(result.articles.map((a) => a.sourceFile)).toEqual([NEW_FILE]);
    expect(result.removedArticleIds).toEqual([gone!.id]);
    expect((await q('Phan Đình Trạc')).total).toBe(1);
  });
});
