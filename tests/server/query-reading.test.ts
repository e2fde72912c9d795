/**
 * The query reading (issue 11 items 1 and 3) over the real corpus and the real engine: a leader
 * named in the query is a speaker filter with the rest as topic, with or without diacritics or a
 * title; a title alone is whoever held it that day; operators; dates that never vanish.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import { ROOT, buildTestApp, readKb, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_query_reading_'));
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  await built.search.reindex(result, { fingerprint: result.fingerprint, kb });
});
afterAll(() => app?.close());

type Hit = {
  id: string;
  text: string;
  date: string | null;
  passageDate: string | null;
  dateKind: 'published' | 'event' | null;
  speaker: { id: string; name: string; role: string | null } | null;
  events: { id: string; name: string; date: string | null }[];
  source: string | null;
};

async function search(params: Record<string, string | string[]>) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) qs.append(k, one);
  const res = await app.inject({ method: 'GET', url: `/api/search?${qs}` });
  return { status: res.statusCode, body: res.json() as { hits: Hit[]; total: number; facets: Record<string, Record<string, number>>; interpretation?: any; message?: string } };
}

describe('a leader in the query means “said by”', () => {
  it('reads “Phạm Minh Chính ngoại giao kinh tế” as his words about economic diplomacy', async () => {
    const { body } = await search({ q: 'Phạm Minh Chính ngoại giao kinh tế', perPage: '50' });
    expect(body.interpretation.speaker).toMatchObject({ id: 'pham-minh-chinh', name: 'Phạm Minh Chính', via: 'name' });
    expect(body.interpretation.topic).toBe('ngoại giao kinh tế');
    expect(body.total).toBeGreaterThanOrEqual(5);
    expect(body.hits.every((h) => h.speaker?.id === 'pham-minh-chinh')).toBe(true);
    expect(body.hits.map((h) => h.text)).toContainEqual(expect.stringMatching(/^Thứ ba, hoạt động ngoại giao kinh tế phục vụ phát triển/));
  });

  it('reads the same query typed without diacritics the same way', async () => {
    const typed = await search({ q: 'Phạm Minh Chính ngoại giao kinh tế', perPage: '50' });
    const bare = await search({ q: 'pham minh chinh ngoai giao kinh te', perPage: '50' });
    expect(bare.body.interpretation.speaker.id).toBe('pham-minh-chinh');
    expect(new Set(bare.body.hits.map((h) => h.id))).toEqual(new Set(typed.body.hits.map((h) => h.id)));
  });

  it('reads a title with a given name (“Bộ trưởng Sơn”, “PM Chinh”) when one speaker fits', async () => {
    const son = await search({ q: 'Bộ trưởng Sơn ngoại giao' });
    expect(son.body.interpretation.speaker).toMatchObject({ id: 'bui-thanh-son', via: 'title-name', matched: 'Bộ trưởng Sơn' });
    expect(son.body.total).toBeGreaterThan(0);
    expect(son.body.hits.every((h) => h.speaker?.id === 'bui-thanh-son')).toBe(true);
    const pm = await search({ q: 'PM Chinh ngoại giao vắc-xin' });
    expect(pm.body.interpretation.speaker.id).toBe('pham-minh-chinh');
  });

  it('reads a title alone as whoever held it on each passage’s date (“Thủ tướng vắc-xin”)', async () => {
    const { body } = await search({ q: 'Thủ tướng vắc-xin', perPage: '50' });
    expect(body.interpretation.title.text).toBe('Thủ tướng');
    expect(body.interpretation.title.holders.map((h: { id: string }) => h.id)).toContain('pham-minh-chinh');
    expect(body.interpretation.topic).toBe('vắc-xin');
    expect(body.total).toBeGreaterThan(0);
    for (const h of body.hits) expect(h.speaker?.role).toMatch(/^Thủ tướng/);
  });

  it('searches the words as typed with literal=true (the chip’s ×), finding passages that only mention him', async () => {
    const { body } = await search({ q: 'pham minh chinh', literal: 'true', perPage: '100' });
    expect(body.interpretation).toBeUndefined();
    expect(body.hits.some((h) => h.speaker?.id !== 'pham-minh-chinh')).toBe(true);
  });

  it('leaves a query that names nobody as typed', async () => {
    const { body } = await search({ q: 'ngoại giao kinh tế' });
    expect(body.interpretation).toBeUndefined();
  });
});

describe('operators', () => {
  it('speaker:, event: and year: become filters', async () => {
    const { body } = await search({ q: 'speaker:"Bùi Thanh Sơn" event:"HNNG 31" ngoại giao', perPage: '50' });
    expect(body.interpretation.speaker).toMatchObject({ id: 'bui-thanh-son', via: 'operator' });
    expect(body.interpretation.event.id).toBe('hnng-31');
    expect(body.total).toBeGreaterThan(0);
    for (const h of body.hits) {
      expect(h.speaker?.id).toBe('bui-thanh-son');
      expect(h.events.map((e) => e.id)).toContain('hnng-31');
    }
    const y = await search({ q: 'year:2023 ngoại giao', perPage: '100' });
    expect(y.body.total).toBeGreaterThan(0);
    expect(y.body.hits.every((h) => h.passageDate?.startsWith('2023'))).toBe(true);
  });

  it('-word leaves out every passage holding the word', async () => {
    const all = await search({ q: 'ngoại giao kinh tế', perPage: '100' });
    const without = await search({ q: 'ngoại giao kinh tế -vắc-xin', perPage: '100' });
    expect(without.body.interpretation.exclude).toEqual(['vắc-xin']);
    expect(all.body.hits.some((h) => /vắc-xin/i.test(h.text))).toBe(true);
    expect(without.body.total).toBeGreaterThan(0);
    expect(without.body.total).toBeLessThan(all.body.total);
    expect(without.body.hits.some((h) => /vắc-xin/i.test(h.text))).toBe(false);
  });

  it('"exact phrase" stays a phrase beside a speaker', async () => {
    const { body } = await search({ q: 'Phạm Minh Chính "ngoại giao vắc-xin"' });
    expect(body.interpretation.phrases).toEqual(['ngoại giao vắc-xin']);
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.every((h) => /ngoại giao vắc-xin/i.test(h.text) && h.speaker?.id === 'pham-minh-chinh')).toBe(true);
  });

  it('from:/to: in the query bound the dates', async () => {
    const { body } = await search({ q: 'from:2023-01-01 to:2023-12-31 ngoại giao', perPage: '100' });
    expect(body.interpretation.dateRange).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.every((h) => h.passageDate! >= '2023-01-01' && h.passageDate! <= '2023-12-31')).toBe(true);
  });

  it('answers an unknown speaker: value or a bad date with a one-line 400', async () => {
    const who = await search({ q: 'speaker:"Ai Đó" ngoại giao' });
    expect(who.status).toBe(400);
    expect(who.body.message).toMatch(/unknown speaker "Ai Đó"/);
    const bad = await search({ q: 'ngoại giao', from: '2023-13-01' });
    expect(bad.status).toBe(400);
    const backwards = await search({ q: 'ngoại giao', from: '2024', to: '2023' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toMatch(/from 2024 is after to 2023/);
  });
});

describe('dates that never vanish', () => {
  it('dates every passage of an undated article by its event, labelled as the event’s date', async () => {
    // "Ngành Ngoại giao cần tiếp tục chuyển mình mạnh mẽ hơn" carries no publication date.
    const { body } = await search({ q: '', perPage: '100', sort: 'date-asc' });
    const all = [];
    for (let page = 1; page <= 3; page++) all.push(...(await search({ q: '', perPage: '100', page: String(page), sort: 'date-asc' })).body.hits);
    expect(all.length).toBe(body.total);
    const byEvent = all.filter((h) => h.dateKind === 'event');
    expect(byEvent.length).toBeGreaterThan(0);
    for (const h of byEvent) {
      expect(h.date).toBeNull();
      expect(h.passageDate).toBe(h.events.find((e) => e.date)?.date);
    }
  });

  it('counts every dated passage in the year facet and sorts undated ones last in both directions', async () => {
    const asc = await search({ q: '', perPage: '100', sort: 'date-asc' });
    const years = Object.values(asc.body.facets.year ?? {}).reduce((a, b) => a + b, 0);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await search({ q: '', perPage: '100', page: String(page), sort: 'date-asc' })).body.hits);
    const undated = pages.filter((h) => h.passageDate === null).length;
    expect(years).toBe(asc.body.total - undated);
    expect(asc.body.hits[0]!.passageDate).not.toBeNull();
    const ascDates = pages.map((h) => h.passageDate);
    const firstNull = ascDates.indexOf(null);
    if (firstNull !== -1) expect(ascDates.slice(firstNull).every((d) => d === null)).toBe(true);
    expect(asc.body.hits[0]!.passageDate! <= asc.body.hits[1]!.passageDate!).toBe(true);
  });

  it('filters by a from/to range on the passage date, event-dated passages included', async () => {
    const { body } = await search({ q: '', from: '2023-12', to: '2023-12', perPage: '100' });
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.every((h) => h.passageDate!.startsWith('2023-12'))).toBe(true);
    expect(body.hits.some((h) => h.dateKind === 'event')).toBe(true);
  });
});

describe('every hit says where it is from', () => {
  it('gives each hit its events with names and dates, the speaker’s role that day, outlet and date', async () => {
    const { body } = await search({ q: 'Phạm Minh Chính ngoại giao kinh tế' });
    const h = body.hits.find((x) => x.events.some((e) => e.id === 'hnng-31'))!;
    expect(h.events.find((e) => e.id === 'hnng-31')).toEqual({ id: 'hnng-31', name: 'Hội nghị Ngoại giao lần thứ 31', date: '2021-12-15' });
    expect(h.speaker?.role).toBe('Thủ tướng Chính phủ');
    expect(h.source).toBeTruthy();
    expect(h.passageDate).toBeTruthy();
  });
});
