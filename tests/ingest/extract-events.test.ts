import { describe, expect, it } from 'vitest';
import { eventIdsIn, rankArticleEvents } from '../../ingest/extract/events.ts';
import { realKb } from './extract-doc.ts';

describe('events named in text', () => {
  it.each([
    'Hội nghị Ngoại giao lần thứ 31',
    'HNNG 31',
    'Hội nghị Ngoại giao 31',
    'Hoi nghi Ngoai giao lan thu 31',
    'the 31st Diplomatic Conference',
    'hội nghị ngoại giao lần thứ 31',
  ])('finds hnng-31 in "%s"', async (text) => {
    expect(eventIdsIn(text, await realKb())).toEqual(['hnng-31']);
  });

  it('is not fooled by "Phiên họp thứ 31" of the Standing Committee', async () => {
    expect(eventIdsIn('hoạt động chất vấn tại Phiên họp thứ 31 của Ủy ban Thường vụ Quốc hội khóa XV', await realKb())).toEqual([]);
  });

  it('does not match "HNNG 310"', async () => {
    expect(eventIdsIn('HNNG 310', await realKb())).toEqual([]);
  });

  it('matches "2025 - 2030" with spaces around the dash', async () => {
    expect(eventIdsIn('dự Đại hội Thi đua yêu nước Bộ Ngoại giao giai đoạn 2025 - 2030', await realKb())).toEqual(['dai-hoi-thi-dua-2025']);
  });

  it('tells the 2022 mid-year review from the 2023 one', async () => {
    const kb = await realKb();
    expect(eventIdsIn('Hội nghị sơ kết công tác 6 tháng đầu năm, phương hướng công tác 6 tháng cuối năm 2022', kb)).toEqual(['so-ket-2022']);
    expect(eventIdsIn('Hội nghị sơ kết công tác 6 tháng đầu năm 2023', kb)).toEqual(['so-ket-2023']);
  });

  it('ranks the event in the title and lead above one named once in the body', async () => {
    const kb = await realKb();
    expect(rankArticleEvents('Khai mạc HNNG 32', 'HNNG 32 khai mạc.', ['HNNG 32 khai mạc.', 'Ngoại vụ 21 cũng diễn ra.'], kb)).toEqual(['hnng-32', 'ngoai-vu-21']);
  });

  it('puts an event only mentioned ("Từ Hội nghị Ngoại giao lần thứ 31 đến nay", "since the 30th Diplomatic Conference") in mentioned, not about', async () => {
    const kb = await realKb();
    const { rankEvents } = await import('../../ingest/extract/events.ts');
    expect(rankEvents('Khai mạc HNNG 32', 'HNNG 32 khai mạc.', ['HNNG 32 khai mạc.', 'Từ Hội nghị Ngoại giao lần thứ 31 đến nay, ngành đạt nhiều kết quả.'], kb)).toEqual({ about: ['hnng-32'], mentioned: ['hnng-31'] });
    expect(rankEvents('The 32nd Diplomatic Conference opens', null, ['Much has changed since the 30th Diplomatic Conference.'], kb)).toEqual({ about: ['hnng-32'], mentioned: ['hnng-30'] });
  });

  it('reads the variants "Hội nghị Ngoại giao lần 32" and "the 32nd Diplomatic Conference", and never maps another number', async () => {
    const kb = await realKb();
    const { eventIdsIn, findUnknownEventNames } = await import('../../ingest/extract/events.ts');
    expect(eventIdsIn('Hội nghị Ngoại giao lần 32 khai mạc', kb)).toEqual(['hnng-32']);
    expect(eventIdsIn('at the 32nd Diplomatic Conference', kb)).toEqual(['hnng-32']);
    expect(eventIdsIn('Hội nghị Ngoại giao lần thứ 19 năm 1995', kb)).toEqual([]);
    expect(findUnknownEventNames('Hội nghị Ngoại giao lần 19 năm 1995', kb)).toEqual(['Hội nghị Ngoại giao lần 19']);
  });
});

describe('unknown numbered conferences', () => {
  it('reports "Hội nghị Ngoại giao lần thứ 33" as not in the knowledge base', async () => {
    const { findUnknownEventNames } = await import('../../ingest/extract/events.ts');
    const kb = await realKb();
    expect(findUnknownEventNames('Hội nghị Ngoại giao lần thứ 33 và HNNG 32', kb)).toEqual(['Hội nghị Ngoại giao lần thứ 33']);
    expect(findUnknownEventNames('the 28th Diplomatic Conference', kb)).toEqual(['28th Diplomatic Conference']);
  });
});
