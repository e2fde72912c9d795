import { inject, beforeAll, describe, expect, it } from 'vitest';
import { createSearchService } from '../../search/index.ts';
import type { SearchService } from '../../search/types.ts';
import { fixtureRecords, indexedService, pid, query } from './fixtures.ts';

let service: SearchService;
const records = fixtureRecords();
beforeAll(async () => {
  service = await indexedService('t_search_basics_', records);
});

describe('search service basics', () => {
  it('reports the engine version, document counts and corpus fingerprint in health', async () => {
    const health = await service.health();
    expect(health).toEqual({
      ok: true,
      engineVersion: '1.21.0',
      counts: { articles: 3, passages: records.passages.length, people: 4, events: 3 },
      corpusFingerprint: 'fp-t_search_basics_',
      indexBytes: { documents: expect.any(Number), database: expect.any(Number) },
      engineMemoryBytes: null,
      lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      buildKey: null,
    });
    expect(health.indexBytes!.documents).toBeGreaterThan(0);
  });

  it('reports no fingerprint and zero counts before the first index', async () => {
    const { url, masterKey } = inject('meili');
    const fresh = createSearchService({ url, masterKey, indexPrefix: 't_search_basics_never_' });
    expect(await fresh.health()).toMatchObject({ ok: true, corpusFingerprint: null, counts: { passages: 0 } });
    expect((await fresh.search(query('ngoại giao'))).total).toBe(0);
  });

  it('returns a passage enriched with its article title, date, source and the speaker role of that day', async () => {
    const p = await service.getPassage(pid('ttg1'));
    expect(p).toMatchObject({
      id: pid('ttg1'),
      title: 'Hội nghị Ngoại giao lần thứ 31',
      date: '2021-12-14',
      year: 2021,
      dateSort: 20211214,
      source: 'Báo Thế giới & Việt Nam',
      speakerName: 'Phạm Minh Chính',
      speakerRole: 'Thủ tướng Chính phủ',
    });
    expect(p).not.toHaveProperty('textTelex');
    expect(p).not.toHaveProperty('aliases');
  });

  it('gives the role held on the article date when a person changed roles', async () => {
    // Bùi Thanh Sơn was Bộ trưởng from 2021-04-08; the "bng" passage is in the 2021-12-14 article.
    expect((await service.getPassage(pid('bng')))?.speakerRole).toBe('Bộ trưởng Bộ Ngoại giao');
  });

  it('returns null for an unknown passage, article, person or event', async () => {
    expect(await service.getPassage('p-nope')).toBeNull();
    expect(await service.getArticle('a-nope')).toBeNull();
    expect(await service.getPerson('nobody')).toBeNull();
    expect(await service.getEvent('no-event')).toBeNull();
    expect(await service.getPassage('../../keys')).toBeNull();
  });

  it('lists articles newest first, people by name and events oldest first', async () => {
    expect((await service.listArticles()).map((a) => a.date)).toEqual(['2025-10-20', '2023-12-20', '2021-12-14']);
    expect((await service.listPeople()).map((p) => p.name)).toEqual(['Bùi Thanh Sơn', 'Nguyễn Minh Vũ', 'Phạm Minh Chính', 'Tô Lâm']);
    expect((await service.listEvents()).map((e) => e.id)).toEqual(['dai-hoi-13', 'hnng-31', 'nq-292-2025']);
    expect((await service.getArticle('a-000000000002'))?.title).toBe('Thủ tướng dự Hội nghị Ngoại vụ');
  });

  it('lists every passage newest first for an empty query, with an exact total', async () => {
    const res = await service.search(query(''));
    expect(res.total).toBe(records.passages.length);
    expect(res.hits[0]?.passage.date).toBe('2025-10-20');
    expect(res.hits.at(-1)?.passage.date).toBe('2021-12-14');
    expect(res.matchMode).toBe('all');
  });

  it('sorts matches by date in either direction', async () => {
    const desc = await service.search(query('ngoại giao', { sort: 'date-desc' }));
    const asc = await service.search(query('ngoại giao', { sort: 'date-asc' }));
    const dates = desc.hits.map((h) => h.passage.dateSort ?? 0);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const ascDates = asc.hits.map((h) => h.passage.dateSort ?? 0);
    expect(ascDates).toEqual([...ascDates].sort((a, b) => a - b));
    expect(asc.hits[0]?.passage.date).toBe('2021-12-14');
  });

  it('pages through results without overlap', async () => {
    const page1 = await service.search(query('', { perPage: 10, page: 1 }));
    const page2 = await service.search(query('', { perPage: 10, page: 2 }));
    expect(page2.page).toBe(2);
    const overlap = page1.hits.filter((h) => page2.hits.some((g) => g.passage.id === h.passage.id));
    expect(overlap).toEqual([]);
    expect(page2.hits).toHaveLength(10);
  });

  it('finds every passage of an article in reading order', async () => {
    const found = await service.findPassages({ articleId: ['a-000000000002'] });
    expect(found.map((p) => p.ordinal)).toEqual([...Array(found.length).keys()]);
    expect(found.every((p) => p.articleId === 'a-000000000002')).toBe(true);
  });

  it('exports the whole result set of a query', async () => {
    const exported: string[] = [];
    for await (const p of service.exportPassages({ q: 'ngoại giao', filters: {}, sort: 'relevance' })) exported.push(p.id);
    const res = await service.search(query('ngoại giao'));
    expect(exported).toHaveLength(res.total);
  });

  it('refuses a page size above the limit', async () => {
    await expect(service.search(query('x', { perPage: 5000 }))).rejects.toThrow(/perPage/);
  });
});
