import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchService } from '../../search/types.ts';
import { ids, indexedService, pid, query, TEXTS } from './fixtures.ts';

let service: SearchService;
beforeAll(async () => {
  service = await indexedService('t_search_phrases_');
});

describe('phrases and pasted quotes', () => {
  it('matches a phrase in straight quotes as consecutive syllables only', async () => {
    const found = await ids(service, '"vai trò tiên phong"');
    expect(found.sort()).toEqual([pid('long'), pid('quoteCurly')].sort());
    expect(found).not.toContain(pid('quoteScattered'));
  });

  it('treats curly “…”, ‘…’ and «…» quotes like straight ones', async () => {
    const straight = await ids(service, '"vai trò tiên phong"');
    expect(await ids(service, '“vai trò tiên phong”')).toEqual(straight);
    expect(await ids(service, '‘vai trò tiên phong’')).toEqual(straight);
    expect(await ids(service, '«vai trò tiên phong»')).toEqual(straight);
  });

  it('is strict about diacritics inside a phrase: “bạn bè quốc tế” and "bàn đàm phán" match only themselves', async () => {
    const res = await service.search(query('“bạn bè quốc tế”'));
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('banbe1')]);
    const wrong = await service.search(query('"bàn đàm phán"'));
    expect(wrong.hits.map((h) => h.passage.id)).toEqual([pid('ban')]);
  });

  it('is strict about a quoted phrase longer than the 10 words the engine reads', async () => {
    const res = await service.search(query('“thế giới có nhiều biến chuyển phức tạp người làm đối ngoại phải giỏi hơn”'));
    // "long" has every word too, but with "cho nên" and "cũng" in between.
    expect(res.hits.map((h) => h.passage.id)).toEqual([pid('longNear')]);
    expect(res.total).toBe(1);
  });

  it('ranks the source passage first for a pasted sentence of more than 20 syllables', async () => {
    const pasted =
      'trong khi thế giới có nhiều biến chuyển phức tạp, cho nên người làm đối ngoại cũng phải giỏi hơn, mạnh hơn, và ngành Ngoại giao cần phát huy';
    const res = await service.search(query(pasted));
    expect(res.matchMode).toBe('quote');
    expect(res.hits[0]?.passage.id).toBe(pid('long'));
    expect(res.total).toBe(1);
  });

  it('still finds the source of a pasted sentence typed without diacritics', async () => {
    const res = await service.search(
      query('the gioi co nhieu bien chuyen phuc tap, cho nen nguoi lam doi ngoai cung phai gioi hon, manh hon, va nganh Ngoai giao'),
    );
    expect(res.hits[0]?.passage.id).toBe(pid('long'));
  });

  it('ranks the source first even when the quote is slightly misquoted', async () => {
    const misquoted = TEXTS.long.replace('phức tạp', 'phức hợp');
    const res = await service.search(query(misquoted));
    expect(res.hits[0]?.passage.id).toBe(pid('long'));
  });
});
