/**
 * Incremental updates keep the query reading current (issue 11): a speaker first seen in an added
 * article is read as a leader at the next search, without a rebuild, and no longer once their only
 * article is removed. Real pipeline, real engine, real articles (two extras) plus one new article
 * written as an outlet would print it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestFiles, runIngest } from '../../ingest/pipeline.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import { createSearchService, type SearchResult, type SearchService } from '../../search/index.ts';
import { refreshReading, type ReadingKb } from '../../search/interpret.ts';
import { readKb, ROOT } from '../server/helpers.ts';

const EXTRA = path.join(ROOT, 'corpus/raw/extra');
const BASE_FILES = ['03-vietbao-hnng31-thu-tuong-loi-ich-quoc-gia.txt', '14-thoibaotaichinh-tong-ket-2025-nguyen-minh-vu.txt'];
/** A Deputy Minister of Industry and Trade the knowledge base does not know: a provisional person. */
const NEW_FILE = 'upload-xuat-khau-2025.txt';
const NEW_ARTICLE = `Xuất khẩu năm 2025 vượt mốc kỷ lục

Hà Nội, 20/12/2025 — Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân cho biết kim ngạch xuất khẩu cả năm ước đạt hơn 450 tỷ USD, tăng mạnh so với năm trước nhờ các hiệp định thương mại tự do.

Theo Thứ trưởng, doanh nghiệp cần tận dụng tốt hơn các ưu đãi thuế quan để mở rộng thị trường xuất khẩu sang châu Âu và châu Mỹ.

Ông cũng đề nghị các địa phương đẩy mạnh xúc tiến thương mại và hỗ trợ doanh nghiệp nhỏ tiếp cận thị trường mới.
`;

let corpusDir: string;
let search: SearchService;
let kb: KnowledgeBase;

const q = (text: string): Promise<SearchResult> => search.search({ q: text, filters: {}, sort: 'relevance', page: 1, perPage: 50 });

beforeAll(async () => {
  corpusDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-reading-'));
  for (const name of BASE_FILES) await fs.copyFile(path.join(EXTRA, name), path.join(corpusDir, name));
  kb = await readKb();
  const { url, masterKey } = inject('meili');
  search = createSearchService({ url, masterKey, indexPrefix: 't_reading_refresh_' });
  const result = await runIngest({ inputDir: corpusDir, kb });
  await search.reindex(result, { fingerprint: result.fingerprint, kb });
}, 120_000);
afterAll(async () => {
  await fs.rm(corpusDir, { recursive: true, force: true });
});

describe('the query reading after incremental updates', () => {
  let newArticleId = '';

  it('does not know the new speaker before the article is applied', async () => {
    expect(kb.people.some((p) => p.name === 'Nguyễn Sinh Nhật Tân')).toBe(false);
    const before = await q('Nguyễn Sinh Nhật Tân xuất khẩu');
    expect(before.interpretation?.speaker ?? null).toBeNull();
    expect(before.total).toBe(0);
  });

  it('reads a speaker first seen in an applied article as "said by" at the next search', async () => {
    await fs.writeFile(path.join(corpusDir, NEW_FILE), NEW_ARTICLE);
    const records = await ingestFiles({ inputDir: corpusDir, files: [NEW_FILE], kb });
    expect(records.rejected).toEqual([]);
    const tan = records.people.find((p) => p.name === 'Nguyễn Sinh Nhật Tân');
    expect(tan?.provisional).toBe(true);
    expect(records.passages.filter((p) => p.speakerId === tan!.id).length).toBeGreaterThanOrEqual(2);
    newArticleId = records.articles[0]!.id;
    await search.applyArticles(records, { kb });

    const read = await q('Nguyễn Sinh Nhật Tân xuất khẩu');
    expect(read.interpretation?.speaker).toMatchObject({ id: tan!.id, name: 'Nguyễn Sinh Nhật Tân', via: 'name' });
    expect(read.interpretation?.topic).toBe('xuất khẩu');
    expect(read.total).toBeGreaterThan(0);
    expect(read.hits.every((h) => h.passage.speakerId === tan!.id)).toBe(true);
    // Without diacritics, and as a title with his given name (the one Deputy Minister "Tân" with statements).
    expect((await q('nguyen sinh nhat tan thi truong')).interpretation?.speaker?.id).toBe(tan!.id);
    expect((await q('Thứ trưởng Tân thị trường')).interpretation?.speaker).toMatchObject({ id: tan!.id, via: 'title-name' });
    // A speaker of the base corpus still reads as before.
    expect((await q('Phạm Minh Chính lợi ích quốc gia')).interpretation?.speaker?.id).toBe('pham-minh-chinh');
  });

  it('no longer reads the speaker once their only article is removed', async () => {
    await search.removeArticles([newArticleId]);
    const after = await q('Nguyễn Sinh Nhật Tân xuất khẩu');
    expect(after.interpretation?.speaker ?? null).toBeNull();
    expect(after.total).toBe(0);
    // The base corpus's speakers keep their statements.
    expect((await q('Phạm Minh Chính lợi ích quốc gia')).interpretation?.speaker?.id).toBe('pham-minh-chinh');
  });

  it('no longer reads a speaker of the full build once the only article with their statements is removed', async () => {
    const vu = await q('Nguyễn Minh Vũ ngoại giao');
    expect(vu.interpretation?.speaker?.id).toBe('nguyen-minh-vu');
    const [article] = await search.indexedSources([BASE_FILES[1]!]);
    await search.removeArticles([article!.id]);
    const after = await q('Nguyễn Minh Vũ ngoại giao');
    expect(after.interpretation?.speaker ?? null).toBeNull();
    expect((await q('Phạm Minh Chính lợi ích quốc gia')).interpretation?.speaker?.id).toBe('pham-minh-chinh');
  });
});

describe('refreshReading', () => {
  const reading: ReadingKb = {
    people: [
      { id: 'bui-thanh-son', name: 'Bùi Thanh Sơn', aliases: [], roles: [{ title: 'Bộ trưởng Bộ Ngoại giao', from: '2021-04-08', to: '2025-02' }], statements: 5 },
      { id: 'nguyen-minh-vu', name: 'Nguyễn Minh Vũ', aliases: [], roles: [], statements: 3 },
    ],
    events: [{ id: 'hnng-31', name: 'Hội nghị Ngoại giao lần thứ 31', aliases: ['HNNG 31'] }],
  };

  it('adds new people and events, recounts the changed speakers, keeps the rest, and leaves the input alone', () => {
    const out = refreshReading(reading, {
      people: [
        { id: 'bui-thanh-son', name: 'Bùi Thanh Sơn (other form)', aliases: [], roles: [] },
        { id: 'nguyen-sinh-nhat-tan', name: 'Nguyễn Sinh Nhật Tân', aliases: [], roles: [{ title: 'Thứ trưởng Bộ Công Thương', from: null, to: null }] },
      ],
      events: [{ id: 'hnng-31', name: 'x', aliases: [] }, { id: 'hoi-nghi-moi', name: 'Hội nghị mới', aliases: [] }],
      counts: new Map([['nguyen-minh-vu', 0], ['nguyen-sinh-nhat-tan', 3]]),
    });
    expect(out.people.map((p) => [p.id, p.name, p.statements])).toEqual([
      ['bui-thanh-son', 'Bùi Thanh Sơn', 5],
      ['nguyen-minh-vu', 'Nguyễn Minh Vũ', 0],
      ['nguyen-sinh-nhat-tan', 'Nguyễn Sinh Nhật Tân', 3],
    ]);
    expect(out.events.map((e) => [e.id, e.name])).toEqual([['hnng-31', 'Hội nghị Ngoại giao lần thứ 31'], ['hoi-nghi-moi', 'Hội nghị mới']]);
    expect(reading.people[1]!.statements).toBe(3);
    expect(out.people[0]).toBe(reading.people[0]);
  });
});
