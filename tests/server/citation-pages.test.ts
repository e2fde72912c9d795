/**
 * Citation meta tags in the HTML the server sends for `/passages/:id` and `/articles/:id`, for
 * reference managers and crawlers that run no script. The real corpus is ingested and indexed
 * on the test run's Meilisearch, plus one fixture article whose title carries markup (the
 * corpus has a `"` in a title but no `<`). The page template is the real `web/index.html`.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../search/engine.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import type { RecordSet } from '../../search/types.ts';
import { ROOT, buildTestApp, readKb, testConfig } from './helpers.ts';

const meili = inject('meili');
const PREFIX = 't_server_citepage_';
let webRoot: string;
let app: FastifyInstance;
const others: FastifyInstance[] = [];

/** The corpus article whose title has double quotes (Đại biểu Nhân dân, 19 Dec 2023). */
const QUOTED_ARTICLE = 'a-c9a94e5b139f';
const QUOTED_TITLE =
  'Tiếp tục đổi mới, xây dựng và phát triển nền đối ngoại, ngoại giao Việt Nam hiện đại, vững mạnh toàn diện, mang đậm bản sắc "cây tre Việt Nam"';
/** A corpus article with an author and an original URL (Người Lao Động, 11 Nov 2025). */
const NLD_ARTICLE = 'a-984fcc7d6a50';

const MARKUP_ARTICLE = 'a-0000000000ff';
const MARKUP_PASSAGE = 'a-0000000000ff-a0000000';
const MARKUP_TITLE = 'Tuyên bố <script>alert(1)</script> về "ngoại giao cây tre" & hợp tác';

/** The fixture article with markup in its title, and its one passage. */
function markupRecords(): Pick<RecordSet, 'articles' | 'passages'> {
  const text = 'Đoạn thử của một bài có tiêu đề chứa dấu ngoặc kép và thẻ HTML.';
  return {
    articles: [
      {
        id: MARKUP_ARTICLE,
        title: MARKUP_TITLE,
        titleDerived: false,
        date: '2024-01-05',
        dateSource: 'header',
        source: 'Báo <Thử> & "Nghiệm"',
        author: null,
        url: 'https://example.org/bai?a=1&b="2"',
        sourceFile: 'fixtures/markup.txt',
        sourceSha256: '0'.repeat(64),
        language: 'vi',
        eventIds: [],
        speakerIds: [],
        mentionIds: [],
        themes: [],
        lead: null,
        points: [],
        quotes: [],
        figures: [],
      },
    ],
    passages: [
      { id: MARKUP_PASSAGE, articleId: MARKUP_ARTICLE, ordinal: 0, kind: 'paragraph', text, credit: null, speakerId: null, eventIds: [], span: { start: 0, end: text.length } },
    ],
  };
}

beforeAll(async () => {
  webRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-citepage-'));
  // The build copies web/index.html unchanged (scripts/build-web.ts), so this is the served template.
  await fs.copyFile(path.join(ROOT, 'web/index.html'), path.join(webRoot, 'index.html'));
  const built = await buildTestApp(testConfig(meili, PREFIX), { webRoot });
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  const extra = markupRecords();
  await built.search.reindex(
    { ...result, articles: [...result.articles, ...extra.articles], passages: [...result.passages, ...extra.passages] },
    { fingerprint: result.fingerprint, kb },
  );
});
afterAll(async () => {
  await app?.close();
  for (const a of others) await a.close();
  await fs.rm(webRoot, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

/** The id of a passage of an article, as the public API lists them (`index` in ordinal order). */
async function passageOf(articleId: string, index = 0): Promise<{ id: string; text: string }> {
  const res = await get(`/api/articles/${articleId}`);
  expect(res.statusCode).toBe(200);
  const passage = res.json().passages[index];
  expect(passage).toBeDefined();
  return passage;
}

/** The `content` of a meta tag, decoded (undefined when the tag is absent). */
function metaContent(html: string, key: string): string | undefined {
  const $ = cheerio.load(html);
  return $(`meta[name="${key}"], meta[property="${key}"]`).attr('content');
}

describe('passage page HTML', () => {
  it('carries the exact escaped citation_title and citation_date of the passage’s article', async () => {
    const { id } = await passageOf(QUOTED_ARTICLE, 1);
    const res = await get(`/passages/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(
      '<meta name="citation_title" content="Tiếp tục đổi mới, xây dựng và phát triển nền đối ngoại, ngoại giao Việt Nam hiện đại, vững mạnh toàn diện, mang đậm bản sắc &quot;cây tre Việt Nam&quot;" data-citation-meta>',
    );
    // Extra 05 prints only "Sáng nay, 19.12" (no year): no publication date, so no citation_date (issue 9: never a KB year).
    expect(res.body).not.toContain('name="citation_date"');
  });

  it('titles the page with the article title and the app name, as the web app does', async () => {
    const { id } = await passageOf(QUOTED_ARTICLE, 0);
    const $ = cheerio.load((await get(`/passages/${id}`)).body);
    expect($('title').text()).toBe(`${QUOTED_TITLE} — Tư liệu Ngoại giao Việt Nam`);
    expect($('meta[property="og:title"]').attr('content')).toBe(QUOTED_TITLE);
  });

  it('describes the page with the passage text for link previews', async () => {
    const passage = await passageOf(QUOTED_ARTICLE, 1);
    const $ = cheerio.load((await get(`/passages/${passage.id}`)).body);
    const description = $('meta[property="og:description"]').attr('content') ?? '';
    expect(description).toBe($('meta[name="description"]').attr('content'));
    expect(passage.text.startsWith(description.replace(/…$/, ''))).toBe(true);
  });

  it('names the outlet, the author, the original URL and the language of the article', async () => {
    const { id } = await passageOf(NLD_ARTICLE, 0);
    const html = (await get(`/passages/${id}`)).body;
    expect(metaContent(html, 'citation_publisher')).toBe('Người Lao Động');
    expect(metaContent(html, 'citation_journal_title')).toBe('Người Lao Động');
    expect(metaContent(html, 'citation_author')).toBe('D.Ngọc - M.Chiến');
    expect(metaContent(html, 'citation_public_url')).toBe('https://nld.com.vn/ngoai-giao-phat-huy-vai-tro-tien-phong-196251110215711948.htm');
    expect(metaContent(html, 'citation_language')).toBe('vi');
    expect(metaContent(html, 'citation_abstract_html_url')).toBe(`http://localhost:80/passages/${id}`);
  });

  it('describes the page with the passage text, cropped at a word to 300 characters', async () => {
    const hits = (await get('/api/search?q=ngoai+giao&perPage=100')).json().hits;
    const long = hits.find((h: { text: string }) => h.text.length > 400);
    expect(long).toBeDefined();
    const description = metaContent((await get(`/passages/${long.id}`)).body, 'description')!;
    expect(description.endsWith('…')).toBe(true);
    expect(Array.from(description).length).toBeLessThanOrEqual(300);
    expect(long.text.startsWith(description.slice(0, -1))).toBe(true);
    expect(long.text[description.length - 1]).toMatch(/[\s,;:]/);
  });

  it('escapes a title containing a double quote and markup, in the tags and in <title>', async () => {
    const res = await get(`/passages/${MARKUP_PASSAGE}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<meta name="citation_title" content="Tuyên bố &lt;script&gt;alert(1)&lt;/script&gt; về &quot;ngoại giao cây tre&quot; &amp; hợp tác" data-citation-meta>',
    );
    expect(res.body).toContain('<title>Tuyên bố &lt;script&gt;alert(1)&lt;/script&gt; về &quot;ngoại giao cây tre&quot; &amp; hợp tác — Tư liệu Ngoại giao Việt Nam</title>');
    expect(res.body).toContain('<meta name="citation_publisher" content="Báo &lt;Thử&gt; &amp; &quot;Nghiệm&quot;" data-citation-meta>');
    expect(res.body).not.toContain('<script>alert(1)');
    const $ = cheerio.load(res.body);
    expect($('title').text()).toBe(`${MARKUP_TITLE} — Tư liệu Ngoại giao Việt Nam`);
    expect($('script').toArray().map((s) => $(s).attr('src'))).toEqual(['/assets/app.js']);
  });

  it('keeps the strict Content-Security-Policy', async () => {
    const { id } = await passageOf(QUOTED_ARTICLE, 0);
    const csp = String((await get(`/passages/${id}`)).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('is cacheable like the API’s passage answer, with an ETag answered by 304', async () => {
    const { id } = await passageOf(QUOTED_ARTICLE, 0);
    const page = await get(`/passages/${id}`);
    const api = await get(`/api/passages/${id}`);
    expect(page.headers['cache-control']).toBe('public, max-age=300');
    expect(page.headers['cache-control']).toBe(api.headers['cache-control']);
    const again = await get(`/passages/${id}`, { 'if-none-match': String(page.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers an unknown passage id with the app’s page, status 404 and no citation tags', async () => {
    for (const url of ['/passages/a-000000000000-deadbeef', '/passages/Not%20An%20Id']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<script type="module" src="/assets/app.js"></script>');
      expect(res.body).not.toContain('citation_');
    }
  });
});

describe('article page HTML', () => {
  it('carries the article’s citation title, date and page URL', async () => {
    const res = await get('/articles/a-c92cca8a8638');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<meta name="citation_title" content="Khai mạc Hội nghị Ngoại giao lần thứ 32" data-citation-meta>');
    // Extra 04 shows no publication date (its "Sáng 19/12" has no year): no citation_date rather than a guessed one.
    expect(res.body).not.toContain('name="citation_date"');
    expect(metaContent(res.body, 'citation_abstract_html_url')).toBe('http://localhost:80/articles/a-c92cca8a8638');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers an unknown article id with status 404', async () => {
    const res = await get('/articles/a-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('citation_');
  });
});

describe('when the tags cannot be looked up', () => {
  it('still serves the app, without tags and not cacheable, when the engine is down', async () => {
    const { id } = await passageOf(QUOTED_ARTICLE, 0);
    const url = `http://127.0.0.1:${await findFreePort()}`;
    const down = (await buildTestApp(testConfig({ url, masterKey: 'a-key-of-sixteen-chars-or-more' }, `${PREFIX}down_`), { webRoot })).app;
    others.push(down);
    const res = await down.inject({ method: 'GET', url: `/passages/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(res.body).not.toContain('citation_');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves the app without tags (not a 404) while the first index is being built', async () => {
    const { id } = await passageOf(QUOTED_ARTICLE, 0);
    const building = (await buildTestApp(testConfig(meili, PREFIX), { webRoot, readiness: { ready: false } })).app;
    others.push(building);
    const res = await building.inject({ method: 'GET', url: `/passages/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('citation_');
  });
});
