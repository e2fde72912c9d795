import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { FORMULA_TEXT, THEME_31, XSS_TEXT, buildTestApp, fixtureRecords, testConfig } from './helpers.ts';

let app: FastifyInstance;
const meili = inject('meili');

beforeAll(async () => {
  const built = await buildTestApp(testConfig(meili, 't_server_fixture_'));
  app = built.app;
  const { records, kb } = await fixtureRecords();
  await built.search.reindex(records, { fingerprint: 'fixture', kb });
});
afterAll(() => app?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('search', () => {
  it('returns an indexed passage containing HTML as escaped text in highlighted and snippet', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('Đoạn thử an toàn')}`);
    expect(res.statusCode).toBe(200);
    const hit = res.json().hits[0];
    expect(hit.text).toBe(XSS_TEXT);
    const unmarked = (html: string) => html.replace(/<\/?mark>/g, '');
    // Only <mark> tags are HTML; the rest is escaped text that decodes back to the passage.
    expect(unmarked(hit.highlighted)).not.toMatch(/[<>]/);
    expect(unmarked(hit.snippet)).not.toMatch(/[<>]/);
    const decoded = unmarked(hit.highlighted).replace(/&#(\d+);/g, (_: string, n: string) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(decoded).toBe(XSS_TEXT);
  });

  it('gives each hit its article title, date, source, url and speaker with role', async () => {
    const res = await get('/api/search?q=c%C3%A2y+tre&speaker=pham-minh-chinh');
    const hit = res.json().hits[0];
    expect(hit).toMatchObject({
      title: 'Khai mạc Hội nghị Ngoại giao lần thứ 31',
      date: '2021-12-14',
      source: 'Báo Thế giới & Việt Nam',
      url: 'https://baoquocte.vn/hnng-31',
      speaker: { id: 'pham-minh-chinh', name: 'Phạm Minh Chính' },
      eventIds: ['hnng-31'],
    });
    expect(hit.speaker.role).toBe('Thủ tướng Chính phủ');
  });

  it('returns only the chosen speaker’s passages, with the chosen speaker’s count in the facet', async () => {
    const res = await get('/api/search?q=ngoai+giao&speaker=bui-thanh-son');
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.hits.map((h: { speaker: { id: string } }) => h.speaker.id)).toEqual(['bui-thanh-son']);
    // Disjunctive facets: the other speakers stay listed (disjunctive-facets.test.ts).
    expect(body.facets.speaker['bui-thanh-son']).toBe(1);
  });

  it('ORs two values of one filter', async () => {
    const res = await get('/api/search?q=ngoai+giao&speaker=bui-thanh-son&speaker=pham-minh-chinh');
    const speakers = new Set(res.json().hits.map((h: { speaker: { id: string } }) => h.speaker.id));
    expect(speakers).toEqual(new Set(['bui-thanh-son', 'pham-minh-chinh']));
  });

  it('lists passages newest first when q is empty', async () => {
    const res = await get('/api/search?q=&perPage=100');
    const dates = res.json().hits.map((h: { date: string }) => h.date);
    expect(res.json().total).toBe(7);
    expect(dates[0]).toBe('2023-12-19');
    expect(dates[dates.length - 1]).toBe('2021-12-14');
  });

  it('says search results must not be cached', async () => {
    const res = await get('/api/search?q=ngoai');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('export', () => {
  it('writes CSV as UTF-8 with a byte-order mark and the Vietnamese text intact', async () => {
    const res = await get('/api/export?event=hnng-32&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body).toContain('Bộ trưởng Bùi Thanh Sơn nói ngoại giao phục vụ phát triển kinh tế, kinh tế số là động lực.');
    expect(res.body.split('\r\n')[0]).toBe('\uFEFFid,articleId,ordinal,title,date,source,url,kind,speakerId,speakerName,speakerRole,eventIds,text,permalink,author,eventNames,dateKind,truncated,language');
  });

  it('prefixes a CSV cell that starts like a formula with an apostrophe and quotes it per RFC 4180', async () => {
    const res = await get('/api/export?event=hnng-32&format=csv');
    expect(res.body).toContain(`"'${FORMULA_TEXT.replace(/"/g, '""')}"`);
    expect(res.body).not.toMatch(/,=HYPERLINK/);
  });

  it('writes the whole result set as JSON Lines, one passage per line', async () => {
    const res = await get('/api/export?q=&format=jsonl');
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines.map((l) => l.text)).toContain(XSS_TEXT);
  });
});

describe('passages and citations', () => {
  async function passageOf(q: string) {
    const hit = (await get(`/api/search?q=${encodeURIComponent(q)}`)).json().hits[0];
    return get(`/api/passages/${hit.id}`);
  }

  it('returns the passage with its neighbours and article', async () => {
    const body = (await passageOf('vững gốc, chắc thân')).json();
    expect(body.passage.ordinal).toBe(1);
    expect(body.previous.ordinal).toBe(0);
    expect(body.next.text).toBe('Thứ nhất, ngoại giao cây tre phải đi đầu trong hội nhập quốc tế.');
    expect(body.article.title).toBe('Khai mạc Hội nghị Ngoại giao lần thứ 31');
    expect(body.permalink).toMatch(/^http:\/\/localhost(:\d+)?\/passages\/a-000000000031-a0000001$/);
  });

  it('quotes the passage verbatim with source, date and url in every citation format', async () => {
    const body = (await passageOf('vững gốc, chắc thân')).json();
    const text = body.passage.text;
    for (const format of ['vi', 'apa', 'chicago', 'bibtex', 'ris'] as const) {
      expect(body.citations[format], format).toContain(text);
      expect(body.citations[format], format).toContain('https://baoquocte.vn/hnng-31');
      expect(body.citations[format], format).toMatch(/2021/);
    }
    expect(body.citations.vi).toContain('Báo Thế giới & Việt Nam');
    expect(body.citations.vi).toContain('ngày 14/12/2021');
    expect(body.citations.apa).toContain('(2021, December 14)');
    expect(body.citations.ris).toContain('DA  - 2021/12/14');
    expect(body.citations.bibtex).toContain('Báo Thế giới \\& Việt Nam');
    expect(body.citations.cslJson).toMatchObject({ title: 'Khai mạc Hội nghị Ngoại giao lần thứ 31', URL: 'https://baoquocte.vn/hnng-31', issued: { 'date-parts': [[2021, 12, 14]] } });
    expect(body.citations.cslJson.note).toContain(text);
  });

  it('marks a passage cacheable with an ETag and answers 304 when it has not changed', async () => {
    const first = await passageOf('vững gốc, chắc thân');
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const etag = String(first.headers.etag);
    const again = await get(`/api/passages/${first.json().passage.id}`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });

  it('returns an article with every passage in order, each with its anchor', async () => {
    const res = await get('/api/articles/a-000000000031');
    const body = res.json();
    expect(body.passages.map((p: { ordinal: number }) => p.ordinal)).toEqual([0, 1, 2, 3]);
    expect(body.passages[0].anchor).toBe(body.passages[0].id);
    expect(body.article.themes[0].text).toBe(THEME_31);
    expect(res.headers.etag).toBeTruthy();
  });
});

describe('speakers and events', () => {
  it('lists speakers with roles and passage counts', async () => {
    const res = await get('/api/speakers');
    const pmc = res.json().speakers.find((s: { id: string }) => s.id === 'pham-minh-chinh');
    expect(pmc.passageCount).toBe(2);
    expect(pmc.roles).toContainEqual(expect.objectContaining({ title: 'Thủ tướng Chính phủ', from: '2021-04-05', to: null }));
  });

  it('groups a speaker’s passages by event', async () => {
    const res = await get('/api/speakers/pham-minh-chinh');
    const body = res.json();
    expect(body.speaker.name).toBe('Phạm Minh Chính');
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0].event).toMatchObject({ id: 'hnng-31', date: '2021-12-15' });
    expect(body.groups[0].passages).toHaveLength(2);
  });

  it('gives an event its verbatim theme with the passage it comes from, speakers and key points', async () => {
    const body = (await get('/api/events/hnng-31')).json();
    expect(body.event.name).toBe('Hội nghị Ngoại giao lần thứ 31');
    expect(body.themes[0].text).toBe(THEME_31);
    expect(body.themes[0].passage.text).toContain(`“${THEME_31}”`);
    expect(body.speakers[0]).toMatchObject({ id: 'pham-minh-chinh', passageCount: 2 });
    expect(body.keyPoints[0]).toMatchObject({ label: 'Thứ nhất' });
    expect(body.articles[0].title).toBe('Khai mạc Hội nghị Ngoại giao lần thứ 31');
  });

  it('lists events latest first with passage counts', async () => {
    const events = (await get('/api/events')).json().events;
    const ids = events.map((e: { id: string }) => e.id);
    expect(ids.indexOf('hnng-32')).toBeLessThan(ids.indexOf('hnng-31'));
    expect(events.find((e: { id: string }) => e.id === 'hnng-31').passageCount).toBe(4);
  });
});

describe('compare', () => {
  it('ranks “kinh tế” as distinctive of hnng-32 (not of hnng-31), with the passages carrying them', async () => {
    const body = (await get('/api/compare?events=hnng-31,hnng-32&limit=50')).json();
    const terms = (i: number): string[] => body.events[i].distinctiveTerms.map((t: { term: string }) => t.term);
    expect(terms(1)).toContain('kinh tế');
    expect(terms(0)).not.toContain('kinh tế');
    const t = body.events[1].distinctiveTerms.find((x: { term: string }) => x.term === 'kinh tế');
    expect(t).toMatchObject({ count: 3, otherCount: 0 });
    expect(t.passageIds).toHaveLength(2);
    for (const id of t.passageIds) {
      expect(body.passages[id].eventIds).toEqual(['hnng-32']);
      expect(body.passages[id].text).toContain('kinh tế');
    }
  });

  it('leaves fragments of the events’ names (“ngoại giao”, “hội nghị”) out of every term list', async () => {
    const body = (await get('/api/compare?events=hnng-31,hnng-32')).json();
    const all = [...body.sharedTerms, ...body.events.flatMap((e: { distinctiveTerms: unknown[] }) => e.distinctiveTerms)].map((t: { term: string }) => t.term);
    expect(all).not.toContain('ngoại giao');
    expect(all).not.toContain('hội nghị');
  });
});
