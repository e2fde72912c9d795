import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage, Person } from '../../ingest/types.ts';
import { buildFilter } from '../../search/filters.ts';
import { SearchInputError } from '../../search/index.ts';
import type { SearchService } from '../../search/types.ts';
import { fixtureRecords, indexedService, pid, query } from './fixtures.ts';

const SPEAKERS = 120;
const tricky = 'Báo "X" OR kind = paragraph';
let service: SearchService;

beforeAll(async () => {
  const base = fixtureRecords();
  const people: Person[] = Array.from({ length: SPEAKERS }, (_, i) => ({
    id: `speaker-${i}`,
    name: `Diễn giả ${i}`,
    aliases: [],
    roles: [],
  }));
  const passages: Passage[] = people.map((p, i) => ({
    id: `p-synthetic-${i}`,
    articleId: 'a-000000000003',
    ordinal: 100 + i,
    kind: 'paragraph',
    text: `Diễn giả phát biểu về hợp tác đa phương lần ${i}.`,
    credit: null,
    speakerId: p.id,
    eventIds: [],
    span: { start: 0, end: 10 },
  }));
  const articles = base.articles.map((a, i) => (i === 1 ? { ...a, source: tricky } : a));
  service = await indexedService('t_search_facets_', { ...base, articles, people: [...base.people, ...people], passages: [...base.passages, ...passages] });
});

describe('filters and facets', () => {
  it('counts all 120 speakers in the speaker facet, beyond the default 100', async () => {
    const res = await service.search(query('hợp tác đa phương'));
    expect(res.total).toBe(SPEAKERS);
    expect(Object.keys(res.facets.speaker)).toHaveLength(SPEAKERS);
    expect(res.facets.speaker['speaker-119']).toBe(1);
  });

  it('gives facet counts for event, speaker, year, kind and source that match the hits', async () => {
    const res = await service.search(query('Thủ tướng'));
    expect(res.facets.speaker).toEqual({ 'pham-minh-chinh': 2 });
    expect(Object.values(res.facets.year).reduce((a, b) => a + b, 0)).toBe(res.total);
    expect(res.facets.kind).toEqual({ paragraph: 4 });
    expect(Object.keys(res.facets)).toEqual(['event', 'speaker', 'year', 'kind', 'source']);
  });

  it('ORs several values of one filter and ANDs different filters', async () => {
    const res = await service.search(query('', { filters: { speaker: ['pham-minh-chinh', 'to-lam'], year: [2021, 2025] }, perPage: 100 }));
    // ttg2 is Phạm Minh Chính's too, but in the 2023 article.
    expect(res.hits.map((h) => h.passage.id).sort()).toEqual([pid('tbt'), pid('ttg1')].sort());
  });

  it('filters by event and by kind', async () => {
    expect((await service.search(query('', { filters: { event: ['hnng-31'] } }))).total).toBe(3);
    const quotes = await service.search(query('', { filters: { kind: ['quote'] } }));
    expect(quotes.hits.map((h) => h.passage.id)).toEqual([pid('quoteCurly')]);
  });

  it('treats a filter value containing a quote and " OR " as one literal value', async () => {
    const res = await service.search(query('', { filters: { source: [tricky] }, perPage: 100 }));
    expect(res.total).toBeGreaterThan(0);
    expect(res.hits.every((h) => h.passage.source === tricky)).toBe(true);
    const none = await service.search(query('', { filters: { source: ['x" OR source EXISTS OR source = "y'] } }));
    expect(none.total).toBe(0);
  });

  it('quotes and escapes values in the filter expression', () => {
    expect(buildFilter({ source: ['a"b\\c'], year: [2024] })).toBe('(source IN ["a\\"b\\\\c"]) AND (year IN [2024])');
  });

  it('rejects an invalid kind or year before reaching the engine', async () => {
    await expect(service.search(query('', { filters: { kind: ['paragraph OR 1=1' as never] } }))).rejects.toBeInstanceOf(SearchInputError);
    await expect(service.search(query('', { filters: { year: [20.5] } }))).rejects.toBeInstanceOf(SearchInputError);
  });
});
