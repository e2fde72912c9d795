import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchService } from '../../search/types.ts';
import { indexedService, pid, query } from './fixtures.ts';

let service: SearchService;
beforeAll(async () => {
  service = await indexedService('t_search_context_');
});

describe('context fallback', () => {
  it('finds a passage by its speaker and its words when the text does not name the speaker', async () => {
    // Read as his words about "ngoai giao vaccine" (issue 11) …
    const read = await service.search(query('pham minh chinh ngoai giao vaccine'));
    expect(read.interpretation?.speaker?.id).toBe('pham-minh-chinh');
    expect(read.hits.map((h) => h.passage.id)).toEqual([pid('vaccine')]);
    // … and, searched as typed, found through the context fields.
    const res = await service.search({ ...query('pham minh chinh ngoai giao vaccine'), literal: true });
    expect(res.matchMode).toBe('context');
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('vaccine')]);
    expect(res.hits[0]?.highlighted).toContain('<mark>ngoại giao vaccine</mark>');
  });

  it('finds a passage by the event it is tagged with: "HNNG 31 vaccine"', async () => {
    const res = await service.search(query('HNNG 31 vaccine'));
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('vaccine')]);
  });

  it('does not widen a query the text already answers', async () => {
    const res = await service.search(query('Phạm Minh Chính'));
    expect(res.matchMode).toBe('exact');
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('ttg1')]);
  });
});
