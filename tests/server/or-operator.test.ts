/**
 * `OR` (issue 11): the union of whole alternatives, in one federated search, over the real corpus
 * and the real engine. Expected passages were judged by reading corpus/raw:
 * - "vắc-xin" is printed once, in seeds/001 (HNNG 31), Thủ tướng Phạm Minh Chính's third point
 *   ("Thứ ba, hoạt động ngoại giao kinh tế …, trong đó có ngoại giao vắc-xin …");
 * - "thủy chung" is printed once, in the same speech's fifth task ("Thứ năm, chú trọng xây dựng
 *   lực lượng ngoại giao … nhân ái, thủy chung, quật cường …");
 * - "vaccine" is in that same third point ("… về ngoại giao vaccine do Bộ trưởng …") and in
 *   extra/03 (vietbao, HNNG 31: "Thủ tướng Phạm Minh Chính đặc biệt đánh giá cao về chiến lược
 *   ngoại giao vaccine …"), both his words;
 * - "cây tre" (outside the title) is in extra/05's editor's note (LTS, HNNG 32), said by nobody.
 * No passage of the corpus has the word "or".
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import { ROOT, buildTestApp, readKb, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_or_operator_'));
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  await built.search.reindex(result, { fingerprint: result.fingerprint, kb });
});
afterAll(() => app?.close());

type Hit = { id: string; text: string; snippet: string; speaker: { id: string } | null };
type Body = {
  hits: Hit[];
  total: number;
  page: number;
  facets: Record<string, Record<string, number>>;
  answeredBy?: string | null;
  relaxed?: { available: boolean; query: string; total: number };
  interpretation?: { topic: string; notes: string[]; speaker: { id: string } | null; alternatives?: { topic: string; speaker: { id: string } | null }[] };
  message?: string;
};

async function search(params: Record<string, string>): Promise<{ status: number; body: Body }> {
  const res = await app.inject({ method: 'GET', url: `/api/search?${new URLSearchParams({ perPage: '50', ...params })}` });
  return { status: res.statusCode, body: res.json() as Body };
}

const THIRD_POINT = /^Thứ ba, hoạt động ngoại giao kinh tế phục vụ phát triển, trong đó có ngoại giao vắc-xin/;
const FIFTH_TASK = /^Thứ năm, chú trọng xây dựng lực lượng ngoại giao, trước hết là xây dựng đội ngũ cán bộ ngoại giao/;
const VACCINE_STRATEGY = /^Thủ tướng Phạm Minh Chính đặc biệt đánh giá cao về chiến lược ngoại giao vaccine\./;
const BAMBOO_NOTE = /^LTS: Sáng nay, 19\.12, Bộ Ngoại giao khai mạc Hội nghị Ngoại giao lần thứ 32/;

const texts = (b: Body) => b.hits.map((h) => h.text);

describe('a OR b is the union of the alternatives', () => {
  it('finds the one passage of each word, and only those', async () => {
    const { status, body } = await search({ q: 'vắc-xin OR thủy chung' });
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(texts(body)).toHaveLength(2);
    expect(texts(body)).toEqual(expect.arrayContaining([expect.stringMatching(THIRD_POINT), expect.stringMatching(FIFTH_TASK)]));
    // Each alternative alone finds one of them: the union is both.
    expect(texts((await search({ q: 'vắc-xin' })).body)).toEqual([expect.stringMatching(THIRD_POINT)]);
    expect(texts((await search({ q: 'thủy chung' })).body)).toEqual([expect.stringMatching(FIFTH_TASK)]);
    // Each hit marks the word it was found by.
    const snippetOf = (re: RegExp) => body.hits.find((h) => re.test(h.text))!.snippet;
    expect(snippetOf(THIRD_POINT)).toContain('<mark>vắc-xin</mark>');
    expect(snippetOf(FIFTH_TASK)).toContain('<mark>thủy chung</mark>');
    expect(body.interpretation?.alternatives?.map((a) => a.topic)).toEqual(['vắc-xin', 'thủy chung']);
    expect(body.interpretation?.topic).toBe('vắc-xin OR thủy chung');
    expect(body.answeredBy).toBe('exact word OR exact word');
  });

  it('lists a passage that two quoted alternatives both match once, and counts it once', async () => {
    const { body } = await search({ q: '"ngoại giao vắc-xin" OR "ngoại giao vaccine"' });
    // The third point has both phrases; the vietbao paragraph only the second: 2 passages, not 1 + 2.
    expect(body.total).toBe(2);
    expect(texts(body)).toEqual(expect.arrayContaining([expect.stringMatching(THIRD_POINT), expect.stringMatching(VACCINE_STRATEGY)]));
    expect(new Set(body.hits.map((h) => h.id)).size).toBe(2);
  });

  it('pages through the union with a total that does not change', async () => {
    const page1 = (await search({ q: 'vaccine OR "cây tre"', perPage: '2', page: '1' })).body;
    const page2 = (await search({ q: 'vaccine OR "cây tre"', perPage: '2', page: '2' })).body;
    expect([page1.total, page2.total]).toEqual([3, 3]);
    expect(page1.hits).toHaveLength(2);
    expect(page2.hits).toHaveLength(1);
    const all = [...texts(page1), ...texts(page2)];
    expect(all).toEqual(expect.arrayContaining([expect.stringMatching(THIRD_POINT), expect.stringMatching(VACCINE_STRATEGY), expect.stringMatching(BAMBOO_NOTE)]));
    expect(new Set([...page1.hits, ...page2.hits].map((h) => h.id)).size).toBe(3);
  });

  it('counts the facets over the union, and a facet filter keeps the other values counted', async () => {
    const all = (await search({ q: 'vaccine OR "cây tre"' })).body;
    expect(all.facets.event).toMatchObject({ 'hnng-31': 2, 'hnng-32': 1 });
    expect(all.facets.speaker).toEqual({ 'pham-minh-chinh': 2 });
    const picked = (await search({ q: 'vaccine OR "cây tre"', event: 'hnng-32' })).body;
    expect(picked.total).toBe(1);
    expect(texts(picked)).toEqual([expect.stringMatching(BAMBOO_NOTE)]);
    // The event facet is counted without its own filter: HNNG 31 can still be added.
    expect(picked.facets.event).toMatchObject({ 'hnng-31': 2, 'hnng-32': 1 });
  });

  it('sorts the union by date when asked: HNNG 32 (2023) before HNNG 31 (2021)', async () => {
    const { body } = await search({ q: 'vaccine OR "cây tre"', sort: 'date-desc' });
    expect(body.total).toBe(3);
    expect(body.hits[0]!.text).toMatch(BAMBOO_NOTE);
  });

  it('applies speaker: to every alternative', async () => {
    const { body } = await search({ q: 'speaker:"Phạm Minh Chính" vaccine OR "cây tre"' });
    // The bamboo note is nobody's words: only his two vaccine paragraphs remain.
    expect(body.total).toBe(2);
    expect(texts(body)).toEqual(expect.arrayContaining([expect.stringMatching(THIRD_POINT), expect.stringMatching(VACCINE_STRATEGY)]));
    expect(body.interpretation?.speaker?.id).toBe('pham-minh-chinh');
    expect(body.interpretation?.alternatives?.map((a) => a.speaker?.id)).toEqual(['pham-minh-chinh', 'pham-minh-chinh']);
    // Nobody else said either: a speaker who did not stays at no hits (an operator is what was typed).
    const son = (await search({ q: 'speaker:"Bùi Thanh Sơn" vaccine OR "cây tre"' })).body;
    expect(son.total).toBe(0);
    expect(son.interpretation?.alternatives).toHaveLength(2);
  });

  it('exports the union, every passage once', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/export?${new URLSearchParams({ q: '"ngoại giao vắc-xin" OR "ngoại giao vaccine"', format: 'jsonl' })}` });
    expect(res.statusCode).toBe(200);
    const rows = res.body.trim().split('\n').map((line) => JSON.parse(line) as { text: string });
    expect(rows.map((r) => r.text)).toEqual(expect.arrayContaining([expect.stringMatching(THIRD_POINT), expect.stringMatching(VACCINE_STRATEGY)]));
    expect(rows).toHaveLength(2);
  });

  it('offers the union without diacritics when the alternatives typed with them find nothing', async () => {
    // "Lào" and "Campuchia" are only in related-article lists the cleaner drops; "Lao" folds onto "Lao động".
    const { body } = await search({ q: 'Lào OR Campuchia' });
    expect(body.total).toBe(0);
    expect(body.hits).toEqual([]);
    expect(body.relaxed).toEqual({ available: true, query: 'Lao OR Campuchia', total: 3 });
  });
});

describe('what OR binds, and what is not OR', () => {
  it('ignores OR at the start or the end, and says so', async () => {
    const plain = (await search({ q: 'vaccine' })).body;
    for (const q of ['OR vaccine', 'vaccine OR', 'OR vaccine OR']) {
      const { body } = await search({ q });
      expect(body.total).toBe(plain.total);
      expect(body.total).toBe(2);
      expect(body.interpretation?.notes).toEqual(['OR ignored: it needs words on both sides (every word is required)']);
      expect(body.interpretation?.alternatives).toBeUndefined();
    }
  });

  it('reads OR OR as one OR, saying so', async () => {
    const { body } = await search({ q: 'vắc-xin OR OR thủy chung' });
    expect(body.total).toBe(2);
    expect(body.interpretation?.notes).toEqual(['an OR with nothing on one side was ignored']);
  });

  it('takes a lowercase "or" as a word the passages must contain', async () => {
    // No passage has the word "or": "vaccine or" finds nothing, "vaccine OR" is just vaccine.
    const lower = (await search({ q: 'vaccine or thủy chung' })).body;
    expect(lower.total).toBe(0);
    expect(lower.interpretation?.alternatives).toBeUndefined();
  });

  it('takes OR inside quotes as part of the phrase', async () => {
    const { body } = await search({ q: '"vaccine OR thủy chung"' });
    expect(body.total).toBe(0);
    expect(body.interpretation?.alternatives).toBeUndefined();
  });

  it('binds loosest: the words beside each other in an alternative are all required', async () => {
    // "ngoại giao vắc-xin" = both words (the third point only), not "ngoại giao" OR …
    const { body } = await search({ q: 'ngoại giao vắc-xin OR thủy chung' });
    expect(body.total).toBe(2);
    expect(texts(body)).toEqual(expect.arrayContaining([expect.stringMatching(THIRD_POINT), expect.stringMatching(FIFTH_TASK)]));
  });

  it('refuses an alternative longer than the engine reads, naming it', async () => {
    const long = 'một hai ba bốn năm sáu bảy tám chín mười mười một';
    const { status, body } = await search({ q: `${long} OR vaccine` });
    expect(status).toBe(400);
    expect(body.message).toMatch(/alternative of OR is longer than 10 words/);
  });
});
