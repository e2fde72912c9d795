import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchService } from '../../search/types.ts';
import { ids, indexedService, pid, query } from './fixtures.ts';

let service: SearchService;
beforeAll(async () => {
  service = await indexedService('t_search_diacritics_');
});

describe('Vietnamese diacritics', () => {
  it('finds "ngoại giao" for "ngoai giao" typed without diacritics', async () => {
    expect(await ids(service, 'ngoai giao')).toContain(pid('ngoaigiao'));
  });

  it('finds "Đại hội" for "dai hoi"', async () => {
    const found = await ids(service, 'dai hoi');
    expect(found).toEqual(expect.arrayContaining([pid('dh13roman'), pid('dh13arabic')]));
  });

  it('finds "Phạm Minh Chính" for "pham minh chinh"', async () => {
    expect(await ids(service, 'pham minh chinh')).toEqual([pid('ttg1')]);
  });

  it('returns only "bạn bè" passages for "bạn bè", never "bàn", "bản", "bằng" or "bắn"', async () => {
    const found = await ids(service, 'bạn bè');
    expect(found.sort()).toEqual([pid('banbe1'), pid('banbe2'), pid('xss')].sort());
  });

  it('returns "bàn" but not "bạn" for "bàn"', async () => {
    expect(await ids(service, 'bàn')).toEqual([pid('ban')]);
  });

  it('counts only "Thủ tướng" passages for "Thủ tướng", none with only "Thứ trưởng"', async () => {
    const res = await service.search(query('Thủ tướng'));
    expect(res.total).toBe(4);
    for (const hit of res.hits) expect(hit.passage.text).toContain('Thủ tướng');
  });

  it('reads a two-syllable query as the word: "Thứ trưởng" does not count "Thứ ba, Bộ trưởng …"', async () => {
    const found = await ids(service, 'Thứ trưởng');
    expect(found).not.toContain(pid('thuBa'));
    // Without a passage holding the word, the syllables may stand apart.
    expect(await ids(service, 'trưởng thứ')).toContain(pid('thuBa'));
  });

  it('counts only "Thứ trưởng" passages for "Thứ trưởng", none with only "Thủ tướng"', async () => {
    const res = await service.search(query('Thứ trưởng'));
    expect(res.hits.map((h) => h.passage.id).sort()).toEqual([pid('tt1'), pid('tt2'), pid('tt3')].sort());
  });

  it('treats "hoà bình" and "hòa bình" as the same word, with and without diacritics', async () => {
    const both = [pid('hoa1'), pid('hoa2')].sort();
    expect((await ids(service, 'hoà bình')).sort()).toEqual(both);
    expect((await ids(service, 'hòa bình')).sort()).toEqual(both);
    expect((await ids(service, '"hoà bình"')).sort()).toEqual(both);
    expect((await ids(service, 'hoa binh')).sort()).toEqual(both);
  });

  it('treats "thuỷ chung" and "thủy chung" as the same word', async () => {
    const both = [pid('thuy1'), pid('thuy2')].sort();
    expect((await ids(service, 'thuỷ chung')).sort()).toEqual(both);
    expect((await ids(service, 'thủy chung')).sort()).toEqual(both);
    expect((await ids(service, '“thuỷ chung”')).sort()).toEqual(both);
  });

  it('does not count a passage with only one syllable of a two-syllable query', async () => {
    const found = await ids(service, 'ngoại giao');
    expect(found).not.toContain(pid('ngoai'));
    expect(found).not.toContain(pid('giao'));
    expect(found).toContain(pid('ngoaigiao'));
  });

  it('never answers folded matches for diacritics that match nothing: no hits, and the offer to search without them', async () => {
    const res = await service.search(query('Thủ tuóng'));
    expect(res.hits).toEqual([]);
    expect(res.total).toBe(0);
    expect(res.relaxed).toEqual({ available: true, query: 'Thu tuong', total: 4 });
    // Running the offered query finds what the offer counted.
    const relaxed = await service.search(query(res.relaxed!.query));
    expect(relaxed.matchMode).toBe('folded');
    expect(relaxed.total).toBe(4);
    expect(relaxed.hits.map((h) => h.passage.id)).toContain(pid('ttg1'));
  });

  it('understands Telex and VNI typed without an input method: "ngoaij giao", "ngoa5i giao"', async () => {
    expect(await ids(service, 'ngoaij giao')).toEqual(await ids(service, 'ngoại giao'));
    expect(await ids(service, 'ngoa5i giao')).toEqual(await ids(service, 'ngoại giao'));
    expect(await ids(service, 'banj bef')).not.toContain(pid('ban'));
  });
});
