/**
 * Issue 10, search classes: every real spelling, character and number form finds its match,
 * through one key function at index and query time, against the real engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../ingest/types.ts';
import type { SearchService } from '../../search/types.ts';
import { fixtureRecords, indexedService, query } from './fixtures.ts';

/** Extra passages, each carrying one class of real-world text. */
const EXTRA = {
  kyNang: 'Nâng cao kỹ năng đàm phán cho cán bộ ngoại giao trẻ.',
  hiVong: 'Hai nước hi vọng sớm ký kết hiệp định thương mại.',
  lySu: 'Ông giữ chức lý sự tại Tổng lãnh sự quán.',
  laoDong: 'Thị trường lao động phục hồi; Bộ Lao động làm việc với đối tác.',
  thuNhat: 'Thứ nhất, tăng cường hợp tác kinh tế giữa hai nước.',
  englishMy: 'In my view, the talks in Hanoi were useful for both sides.',
  legacyD: 'Ðại sứ trình quốc thư lên nguyên thủ nước sở tại.',
  uyBan: 'Uỷ ban liên chính phủ họp phiên thường niên lần thứ 9.',
  zwsp: 'Hội thảo chuyên đề về ngoại\u200Bgiao kinh tế tại Hà Nội.',
  emojiInside: 'Bộ trưởng nhấn mạnh hợp t😀ác toàn diện giữa hai Bộ.',
  mathLetters: 'Thúc đẩy 𝐧𝐠𝐨𝐚̣𝐢 𝐠𝐢𝐚𝐨 đa phương trong khu vực.',
  cyrillic: 'Đoàn đại biểu Quốc hội Vіệt Nam thăm chính thức Lào.',
  hanInside: 'Phiên họp thường 外niên của hội đồng đối tác.',
  softHyphenSource: 'Chủ trương đối\u00ADngoại rộng mở được khẳng định.',
  english:
    'The war was over long ago, and the two countries have found a way we can all share: cooperation in trade, education and climate action across the region.',
  date: 'Ngày 23/9/2025, Chính phủ ban hành kế hoạch phát triển ngành.',
  number: 'Hơn 1.500 đại biểu trong và ngoài nước tham dự diễn đàn.',
  hnng: 'Kết luận của HNNG31 được phổ biến tới các cơ quan đại diện.',
} as const;
type ExtraKey = keyof typeof EXTRA;
const xid = (k: ExtraKey) => `p-x-${k}`;

let service: SearchService;
beforeAll(async () => {
  const passages: Passage[] = (Object.keys(EXTRA) as ExtraKey[]).map((k, i) => ({
    id: xid(k),
    articleId: 'a-000000000003',
    ordinal: 100 + i,
    kind: 'paragraph',
    text: EXTRA[k],
    credit: null,
    speakerId: null,
    eventIds: [],
    span: { start: 0, end: EXTRA[k].length },
  }));
  service = await indexedService('t_search_variants_', fixtureRecords({ passages }));
});

async function search(q: string) {
  return service.search(query(q));
}
async function found(q: string): Promise<string[]> {
  return (await search(q)).hits.map((h) => h.passage.id);
}
function marked(res: Awaited<ReturnType<typeof search>>, k: ExtraKey): string {
  return res.hits.find((h) => h.passage.id === xid(k))?.highlighted ?? '';
}

describe('no silent loss of diacritics (issue 10.1)', () => {
  it('"Lào" never answers "lao động": only passages that say Lào', async () => {
    const res = await search('Lào');
    expect(res.hits.map((h) => h.passage.text).every((t) => /Lào/.test(t))).toBe(true);
    expect(res.hits.map((h) => h.passage.id)).not.toContain(xid('laoDong'));
  });

  it('"Nhật" matching nothing exactly gives no hits and a machine-readable offer, not "Thứ nhất"', async () => {
    const res = await search('Nhật');
    expect(res.hits).toEqual([]);
    expect(res.total).toBe(0);
    expect(res.answeredBy).toBeNull();
    expect(res.relaxed).toEqual({ available: true, query: 'Nhat', total: 1 });
    expect(await found(res.relaxed!.query)).toEqual([xid('thuNhat')]);
  });

  it('"Mỹ" does not answer the English "my"', async () => {
    const res = await search('Mỹ');
    expect(res.hits).toEqual([]);
    expect(res.relaxed?.available).toBe(true);
    expect(await found('my')).toContain(xid('englishMy'));
  });

  it('an export of a query typed with diacritics never mixes in folded matches', async () => {
    const exported: string[] = [];
    for await (const p of service.exportPassages({ q: 'Nhật', filters: {}, sort: 'relevance' })) exported.push(p.id);
    expect(exported).toEqual([]);
  });

  it('a query typed without diacritics keeps folding: "lao" finds "Lào" and "lao động"', async () => {
    const ids = await found('lao');
    expect(ids).toContain(xid('laoDong'));
    expect(ids).toContain(xid('cyrillic'));
  });

  it('a pasted long quote whose diacritics match nothing exactly gets the offer too, not folded hits', async () => {
    const res = await search('Hội thảo chuyên đề về ngoai giao kinh te tai Ha Noi va cac nuoc trong khu vuc');
    expect(res.hits).toEqual([]);
    expect(res.relaxed?.available).toBe(true);
    expect(res.relaxed?.query).toBe('Hoi thao chuyen de ve ngoai giao kinh te tai Ha Noi va cac nuoc trong khu vuc');
    expect((await found(res.relaxed!.query))[0]).toBe(xid('zwsp'));
  });

  it('offers nothing when the relaxed search finds nothing either', async () => {
    const res = await search('Kazắc');
    expect(res.total).toBe(0);
    expect(res.relaxed).toEqual({ available: false, query: 'Kazac', total: 0 });
  });
});

describe('spelling variants are one word (issue 10.2)', () => {
  it('"kĩ năng" finds and marks "kỹ năng"', async () => {
    const res = await search('kĩ năng');
    expect(res.hits.map((h) => h.passage.id)).toEqual([xid('kyNang')]);
    expect(marked(res, 'kyNang')).toContain('<mark>kỹ năng</mark>');
  });

  it('"hy vọng" finds "hi vọng", and "ky nang" without diacritics finds "kỹ năng"', async () => {
    expect(await found('hy vọng')).toEqual([xid('hiVong')]);
    expect(await found('hy vong')).toEqual([xid('hiVong')]);
    expect(await found('ky nang')).toEqual([xid('kyNang')]);
  });

  it('i/y after every consonant of the rule: "lí sự" finds "lý sự"', async () => {
    expect(await found('lí sự')).toEqual([xid('lySu')]);
  });

  it('"Đại sứ" finds the legacy-converter "Ðại sứ" (U+00D0), marked as the passage writes it', async () => {
    const res = await search('Đại sứ');
    expect(res.hits.map((h) => h.passage.id)).toContain(xid('legacyD'));
    expect(marked(res, 'legacyD')).toContain('<mark>Ðại sứ</mark>');
    // Verbatim text is never changed.
    expect(res.hits.find((h) => h.passage.id === xid('legacyD'))!.passage.text).toBe(EXTRA.legacyD);
  });

  it('"ủy ban" finds "Uỷ ban" (old and new tone placement)', async () => {
    const res = await search('ủy ban liên chính phủ');
    expect(res.hits.map((h) => h.passage.id)).toEqual([xid('uyBan')]);
    expect(marked(res, 'uyBan')).toContain('<mark>Uỷ ban liên chính phủ</mark>');
  });
});

describe('invisible and format characters (issue 10.3)', () => {
  it('a soft hyphen, ZWJ, BOM, word joiner or NBSP in a pasted query is ignored', async () => {
    const plain = await search('Thủ tướng');
    expect(plain.total).toBeGreaterThan(0);
    for (const q of ['Th\u00ADủ tướng', 'Thủ\u200D tướng', '\uFEFFThủ tướng', 'Thủ t\u2060ướng', 'Thủ\u00A0tướng']) {
      const res = await search(q);
      expect(res.total, JSON.stringify(q)).toBe(plain.total);
    }
  });

  it('a ZWSP as the only separator in a source is a word boundary: "ngoại giao kinh tế" finds "ngoại\\u200Bgiao kinh tế"', async () => {
    const res = await search('"ngoại giao kinh tế"');
    expect(res.hits.map((h) => h.passage.id)).toEqual([xid('zwsp')]);
    expect(res.hits[0]!.passage.text).toContain('\u200B');
  });

  it('a soft hyphen inside a source word is not a break: "đối ngoại rộng mở" finds "đối\\u00ADngoại"', async () => {
    expect(await found('"đối ngoại rộng mở"')).toEqual([]);
    expect(await found('đốingoại')).toEqual([xid('softHyphenSource')]);
  });
});

describe('characters injected inside words never reach the keys (issue 10.9)', () => {
  it('an emoji inside a word: "hợp tác toàn diện giữa hai Bộ" finds "hợp t😀ác"', async () => {
    expect(await found('"hợp tác toàn diện giữa hai Bộ"')).toEqual([xid('emojiInside')]);
  });

  it('mathematical alphanumerics are read as letters (NFKC, for the keys only)', async () => {
    const res = await search('ngoại giao đa phương');
    expect(res.hits.map((h) => h.passage.id)).toContain(xid('mathLetters'));
    expect(res.hits.find((h) => h.passage.id === xid('mathLetters'))!.passage.text).toBe(EXTRA.mathLetters);
  });

  it('a Cyrillic look-alike inside a Latin word is read as the Latin letter', async () => {
    expect(await found('Quốc hội Việt Nam thăm chính thức')).toContain(xid('cyrillic'));
  });

  it('a letter of another script inside a Latin word is dropped from the key', async () => {
    expect(await found('"họp thường niên của hội đồng"')).toEqual([xid('hanInside')]);
  });
});

describe('English is not Telex (issue 10.4)', () => {
  it('"was", "two", "we", "war", "way" stay English and find the English passage', async () => {
    for (const q of ['was', 'two', 'we', 'war', 'way', 'the war was over']) {
      expect(await found(q), q).toContain(xid('english'));
    }
  });

  it('a sentence pasted from an English passage finds it first', async () => {
    const res = await search('the two countries have found a way we can all share: cooperation in trade, education and climate action');
    expect(res.hits[0]?.passage.id).toBe(xid('english'));
  });

  it('Telex typed without an input method still decodes: "ngoaij giao dda phuwowng"', async () => {
    const typed = await found('ngoaij giao dda phuwowng');
    expect(typed).toContain(xid('mathLetters'));
    expect(typed).toEqual(await found('ngoại giao đa phương'));
  });
});

describe('dates and numbers as people write them (issue 10.5)', () => {
  it('23/9/2025 = 23/09/2025 = 23-9-2025, and the mark covers the form the passage has', async () => {
    for (const q of ['23/9/2025', '23/09/2025', '23-9-2025', '23.09.2025']) {
      const res = await search(q);
      expect(res.hits.map((h) => h.passage.id), q).toEqual([xid('date')]);
      expect(marked(res, 'date'), q).toContain('<mark>23/9/2025</mark>');
    }
  });

  it('a quoted phrase with such a date still matches', async () => {
    expect(await found('"Ngày 23-09-2025, Chính phủ"')).toEqual([xid('date')]);
  });

  it('1.500 = 1500 = 1 500, marked as "1.500"', async () => {
    for (const q of ['1.500 đại biểu', '1500 đại biểu', '1 500 đại biểu', '"hơn 1\u00A0500 đại biểu"']) {
      const res = await search(q);
      expect(res.hits.map((h) => h.passage.id), q).toEqual([xid('number')]);
      expect(marked(res, 'number'), q).toMatch(/<mark>[^<]*1\.500[^<]*<\/mark>/);
    }
  });
});

describe('abbreviations without a space, long and empty queries (issue 10.6)', () => {
  it('HNNG31 = HNNG 31 and NQ292 = NQ 292: the same passages', async () => {
    const spaced = (await found('HNNG 31')).sort();
    expect(spaced).toContain(xid('hnng'));
    expect((await found('HNNG31')).sort()).toEqual(spaced);
    expect((await found('NQ292')).sort()).toEqual((await found('NQ 292')).sort());
  });

  it('a query of punctuation only is treated as empty: a listing, not a match', async () => {
    const empty = await search('');
    for (const q of ['?!', '…', '" "', '- / .']) {
      const res = await search(q);
      expect(res.matchMode, q).toBe('all');
      expect(res.total, q).toBe(empty.total);
    }
  });

  it('a 300-character query is answered whole', async () => {
    const q = `${EXTRA.english} ${EXTRA.english}`.slice(0, 300);
    expect(q.length).toBe(300);
    const res = await search(q);
    expect(res.hits[0]?.passage.id).toBe(xid('english'));
  });
});
