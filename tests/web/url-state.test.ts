import { describe, expect, it } from 'vitest';
import { emptySearchState, parseSearchState, serializeSearchState, toApiQuery, toggleFilter } from '../../web/src/url-state.ts';

describe('search state in the URL', () => {
  it('reads the query, repeated filters, sort and page from a shared URL', () => {
    const state = parseSearchState(new URLSearchParams('q=ngoại+giao&speaker=bui-thanh-son&speaker=pham-minh-chinh&year=2025&sort=date-desc&page=3'));
    expect(state.q).toBe('ngoại giao');
    expect(state.filters.speaker).toEqual(['bui-thanh-son', 'pham-minh-chinh']);
    expect(state.filters.year).toEqual(['2025']);
    expect(state.sort).toBe('date-desc');
    expect(state.page).toBe(3);
  });

  it('accepts comma-separated filter values in a hand-written URL', () => {
    expect(parseSearchState(new URLSearchParams('event=hnng-31,hnng-32')).filters.event).toEqual(['hnng-31', 'hnng-32']);
  });

  it('falls back to relevance and page 1 for an unknown sort or a bad page', () => {
    const state = parseSearchState(new URLSearchParams('sort=random&page=-4'));
    expect(state.sort).toBe('relevance');
    expect(state.page).toBe(1);
  });

  it('writes a short URL that leaves defaults out and keeps the language', () => {
    const state = { ...emptySearchState(), q: ' biển Đông ', filters: { ...emptySearchState().filters, kind: ['quote'] } };
    expect(serializeSearchState(state, new URLSearchParams('lang=en&page=4')).toString()).toBe('lang=en&q=bi%E1%BB%83n+%C4%90%C3%B4ng&kind=quote');
  });

  it('round-trips every field through the URL', () => {
    const state = { q: 'Hội nghị Ngoại giao', filters: { event: ['hnng-32'], speaker: ['a', 'b'], year: ['2023'], kind: ['paragraph'], source: ['Nhân Dân'] }, sort: 'date-asc' as const, page: 2 };
    expect(parseSearchState(serializeSearchState(state))).toEqual(state);
  });

  it('goes back to page 1 when a filter is toggled on or off', () => {
    const on = toggleFilter({ ...emptySearchState(), page: 5 }, 'speaker', 'bui-thanh-son');
    expect(on.filters.speaker).toEqual(['bui-thanh-son']);
    expect(on.page).toBe(1);
    expect(toggleFilter(on, 'speaker', 'bui-thanh-son').filters.speaker).toEqual([]);
  });

  it('always sends sort, page and page size to the API', () => {
    expect(toApiQuery(emptySearchState(), 10).toString()).toBe('sort=relevance&page=1&perPage=10');
  });

  it('keeps a pasted 300-character query whole, never cut at 200', () => {
    const q = 'Hội nghị Ngoại giao lần thứ 32 bàn về ngoại giao kinh tế. '.repeat(6).slice(0, 300);
    expect(q.length).toBe(300);
    const state = parseSearchState(new URLSearchParams({ q }));
    expect(state.q).toBe(q);
    expect(toApiQuery(state, 20).get('q')).toBe(q);
  });
});
