import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Passage } from '../../ingest/types.ts';
import { createSearchService } from '../../search/index.ts';
import type { SearchService } from '../../search/types.ts';
import { fixtureRecords, indexedService, pid, query, TEXTS } from './fixtures.ts';

const PREFIX = 't_search_disjunctive_';
let service: SearchService;

/** The long pasted sentence, said again by two speakers in the 2025 article. */
function repeatedQuote(id: string, speakerId: string, ordinal: number): Passage {
  return {
    id,
    articleId: 'a-000000000003',
    ordinal,
    kind: 'quote',
    text: TEXTS.long,
    credit: null,
    speakerId,
    eventIds: [],
    span: { start: 0, end: TEXTS.long.length },
  };
}

beforeAll(async () => {
  const passages = [repeatedQuote('p-long-to-lam', 'to-lam', 200), repeatedQuote('p-long-bui-thanh-son', 'bui-thanh-son', 201)];
  service = await indexedService(PREFIX, fixtureRecords({ passages }));
});

describe('disjunctive facets', () => {
  it('keeps counting the other speakers in the speaker facet when one speaker is picked', async () => {
    const res = await service.search(query('phát biểu', { filters: { speaker: ['to-lam'] } }));
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('tbt')]);
    expect(res.total).toBe(1);
    expect(res.facets.speaker).toEqual({ 'pham-minh-chinh': 1, 'to-lam': 1 });
    expect(res.matchMode).toBe('exact');
  });

  it('counts the event and year facets within the speaker filter', async () => {
    const res = await service.search(query('', { filters: { speaker: ['pham-minh-chinh'] } }));
    expect(res.total).toBe(3);
    expect(res.facets.year).toEqual({ '2021': 1, '2023': 2 });
    expect(res.facets.event).toEqual({ 'hnng-31': 1 });
    expect(res.facets.kind).toEqual({ paragraph: 3 });
    expect(res.facets.speaker).toEqual({ 'pham-minh-chinh': 3, 'to-lam': 2, 'bui-thanh-son': 2, 'nguyen-minh-vu': 1 });
  });

  it('counts each filtered facet within the other facets’ filters', async () => {
    const res = await service.search(query('', { filters: { speaker: ['pham-minh-chinh'], year: [2021] } }));
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('ttg1')]);
    // Speakers of 2021 passages; Phạm Minh Chính's passages by year.
    expect(res.facets.speaker).toEqual({ 'pham-minh-chinh': 1, 'bui-thanh-son': 1 });
    expect(res.facets.year).toEqual({ '2021': 1, '2023': 2 });
  });

  it('leaves totals and hits as the filters give them, with several values of one facet OR-ed', async () => {
    const one = await service.search(query('', { filters: { speaker: ['to-lam'] } }));
    const both = await service.search(query('', { filters: { speaker: ['to-lam', 'bui-thanh-son'] } }));
    expect(one.total).toBe(2);
    expect(both.total).toBe(4);
    expect(both.facets.speaker).toEqual(one.facets.speaker);
    expect(one.facets.speaker['bui-thanh-son']).toBe(2);
  });

  it('counts the speakers of a pasted sentence found without the speaker filter, in both sort orders', async () => {
    for (const sort of ['relevance', 'date-desc'] as const) {
      const res = await service.search(query(TEXTS.long, { filters: { speaker: ['to-lam'] }, sort }));
      expect(res.matchMode).toBe('quote');
      expect(res.hits.map((h) => h.passage.id)).toEqual(['p-long-to-lam']);
      expect(res.total).toBe(1);
      expect(res.facets.speaker).toEqual({ 'to-lam': 1, 'bui-thanh-son': 1 });
      expect(res.facets.year).toEqual({ '2025': 1 });
    }
  });

  it('counts the other speakers even when the picked one has no match', async () => {
    const res = await service.search(query('phát biểu', { filters: { speaker: ['nguyen-minh-vu'] } }));
    expect(res.total).toBe(0);
    expect(res.hits).toEqual([]);
    expect(res.facets.speaker).toMatchObject({ 'pham-minh-chinh': 1, 'to-lam': 1 });
  });

  it('asks the engine for hits and every facet in one multi-search request', async () => {
    const searches: { path: string; queries: number }[] = [];
    const target = inject('meili');
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const path = req.url ?? '';
        if (/search$/.test(path.split('?')[0]!)) searches.push({ path, queries: JSON.parse(body.toString()).queries?.length ?? 1 });
        const upstream = http.request(`${target.url}${path}`, { method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as net.AddressInfo;
      const viaProxy = createSearchService({ url: `http://127.0.0.1:${port}`, masterKey: target.masterKey, indexPrefix: PREFIX });
      const res = await viaProxy.search(query('Thủ tướng', { filters: { speaker: ['pham-minh-chinh'], year: [2023] } }));
      expect(res.total).toBe(1);
      // One round trip: for the plan's first reading (exact word) one hits query (event, kind,
      // source counted) + one facet-only query each for speaker and year. It found a passage, so
      // the later readings and the relaxed ones are never asked.
      expect(searches).toEqual([{ path: '/multi-search', queries: 3 }]);
      expect(res.answeredBy).toBe('exact word');
      // A query nothing answers: the first reading in full, then one probe of the later reading
      // (folded context) — and nothing to relax, as it was typed without diacritics.
      searches.length = 0;
      const none = await viaProxy.search(query('xyzzyq', { filters: { speaker: ['pham-minh-chinh'], year: [2023] } }));
      expect(none.total).toBe(0);
      expect(searches).toEqual([{ path: '/multi-search', queries: 3 }, { path: '/multi-search', queries: 1 }]);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
