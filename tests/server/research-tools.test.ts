/**
 * The research tools over the real corpus (`corpus/raw` ingested and indexed into this file's
 * own prefix on the test run's Meilisearch): citations that resolve, truncated excerpts,
 * export, keyword in context and the Atom feed.
 */
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import type { Article } from '../../ingest/types.ts';
import { ROOT, buildTestApp, readKb, testConfig } from './helpers.ts';

let app: FastifyInstance;
let articles: Article[];

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_server_research_'));
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  await built.search.reindex(result, { fingerprint: result.fingerprint, kb });
  articles = await built.search.listArticles();
});
afterAll(() => app?.close());

const get = (url: string) => app.inject({ method: 'GET', url, headers: { host: 'kb.example' } });
type P = { id: string; text: string; truncated: boolean; speaker: { name: string } | null };

/** The passages of the article ingested from a vendored file. */
async function passagesOf(file: string): Promise<P[]> {
  const article = articles.find((a) => a.sourceFile === file);
  if (!article) throw new Error(`no article from ${file}`);
  return (await get(`/api/articles/${article.id}`)).json().passages;
}

describe('citations over the corpus', () => {
  it('cites a seed passage whose source has no URL by its permalink, with the archive named', async () => {
    const [p] = await passagesOf('seeds/000_bc4cdb849a784ab4.txt');
    const body = (await get(`/api/passages/${p!.id}`)).json();
    const permalink = `http://kb.example/passages/${p!.id}`;
    expect(body.permalink).toBe(permalink);
    for (const f of ['vi', 'apa', 'chicago', 'bibtex', 'ris'] as const) expect(body.citations[f]).toContain(permalink);
    expect(body.citations.cslJson.URL).toBe(permalink);
    expect(JSON.stringify(body.citations)).not.toContain('Không rõ nguồn');
  });

  it('cites an English article in English', async () => {
    const [p] = await passagesOf('extra/01-qdnd-en-hnng30-preview.txt');
    const c = (await get(`/api/passages/${p!.id}`)).json().citations;
    expect(c.bibtex).toContain('langid = {english}');
    expect(c.ris).toContain('LA  - en');
    expect([c.vi, c.apa, c.chicago, c.bibtex, c.ris].join('\n')).not.toContain('Trích');
  });

  it('makes the two reporters of "D.Ngọc - M.Chiến" two authors', async () => {
    const [p] = await passagesOf('extra/10-nld-dai-hoi-thi-dua-2025-5-tu-khoa.txt');
    const c = (await get(`/api/passages/${p!.id}`)).json().citations;
    expect(c.cslJson.author).toEqual([{ literal: 'D.Ngọc' }, { literal: 'M.Chiến' }]);
    expect(c.ris.match(/^AU {2}- .+$/gm)).toEqual(['AU  - D.Ngọc', 'AU  - M.Chiến']);
  });

  it('gives the references of selected passages in one BibTeX, RIS or CSL-JSON file', async () => {
    const ps = (await passagesOf('seeds/001_2e8d82e9d27cdd4e.txt')).slice(0, 3);
    const qs = ps.map((p) => `id=${p.id}`).join('&');
    const bib = await get(`/api/citations?${qs}&format=bibtex`);
    expect(bib.statusCode).toBe(200);
    expect(bib.headers['content-type']).toContain('application/x-bibtex');
    expect(bib.body.match(/^@\w+\{ngkb-/gm)).toHaveLength(3);
    expect(bib.body).toContain('author = {{Bảo Chi}}');
    expect((await get(`/api/citations?${qs}&format=ris`)).body.match(/^TY {2}- /gm)).toHaveLength(3);
    expect((await get(`/api/citations?${qs}&format=csl-json`)).json().map((i: { id: string }) => i.id)).toEqual(ps.map((p) => p.id));
    const missing = await get('/api/citations?id=a-000000000000-00000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('a-000000000000-00000000');
  });
});

describe('truncated excerpts', () => {
  it('flags the passage that ends mid-word at the end of a cut source, on the passage and on its hits', async () => {
    const ps = await passagesOf('extra/04-nhandan-khai-mac-hnng32.txt');
    const last = ps[ps.length - 1]!;
    expect(last.text.endsWith('có Ủy vi')).toBe(true);
    expect(last.truncated).toBe(true);
    expect(ps.slice(0, -1).every((p) => !p.truncated)).toBe(true);
    const hits = (await get(`/api/search?q=${encodeURIComponent('"Về phía Bộ Ngoại giao, có Ủy vi"')}`)).json().hits;
    const hit = hits.find((h: P) => h.id === last.id);
    expect(hit.truncated).toBe(true);
    expect(hits.filter((h: P) => h.id !== last.id).every((h: P) => h.truncated === false)).toBe(true);
    expect((await get(`/api/passages/${last.id}`)).json().citations.vi).toContain('Ủy vi […]”');
  });
});

describe('export', () => {
  it('exports the current search as BibTeX and RIS', async () => {
    const bib = await get('/api/export?q=&speaker=pham-minh-chinh&format=bibtex');
    expect(bib.statusCode).toBe(200);
    expect(bib.headers['content-disposition']).toMatch(/\.bib"$/);
    const total = (await get('/api/search?q=&speaker=pham-minh-chinh&perPage=1')).json().total;
    expect(bib.body.match(/^@\w+\{ngkb-/gm)).toHaveLength(total);
    const ris = await get('/api/export?q=&speaker=pham-minh-chinh&format=ris');
    expect(ris.body.match(/^ER {2}-$/gm)).toHaveLength(total);
  });

  it('puts the permalink, author, speaker and role, event names and date kind in every CSV row', async () => {
    const res = await get('/api/export?q=&event=dai-hoi-thi-dua-2025&format=csv');
    const [header, ...rows] = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const cols = header!.split(',');
    for (const c of ['permalink', 'author', 'speakerName', 'speakerRole', 'eventNames', 'dateKind']) expect(cols).toContain(c);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/http:\/\/kb\.example\/passages\/a-[0-9a-f]{12}-/);
    expect(res.body).toContain('D.Ngọc - M.Chiến');
    expect(res.body).toContain('Đại hội Thi đua');
  });
});

describe('keyword in context', () => {
  it('aligns each line on the match, with whole syllables on both sides', async () => {
    const body = (await get(`/api/kwic?q=${encodeURIComponent('ngoại giao')}&width=6&limit=60`)).json();
    expect(body.lines.length).toBe(60);
    expect(body.limited).toBe(true);
    const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
    for (const l of body.lines) {
      expect(l.match.toLowerCase()).toContain('ngoại giao');
      expect(l.left.split(' ').filter(Boolean).length).toBeLessThanOrEqual(6);
      expect(l.right.split(' ').filter(Boolean).length).toBeLessThanOrEqual(6);
      const text = ((await get(`/api/passages/${l.passageId}`)).json().passage.text as string).replace(/\s+/g, ' ');
      // The line is the passage's own words: left, match and right in a row, nothing cut.
      const line = [`${l.left} ${l.match} ${l.right}`, `${l.left}${l.match} ${l.right}`, `${l.left} ${l.match}${l.right}`, `${l.left}${l.match}${l.right}`].map((s) => s.trim());
      const at = line.map((s) => text.indexOf(s)).find((i) => i >= 0);
      expect(at, `${l.left} [${l.match}] ${l.right}`).toBeDefined();
      const start = text.indexOf(l.match, at! + (l.left ? l.left.length : 0) - 1);
      expect(isLetter(text[start - 1])).toBe(false);
      expect(isLetter(text[start + l.match.length])).toBe(false);
      // Contexts begin and end on whole words too.
      const lineStart = at!;
      const lineEnd = at! + line.find((s) => text.indexOf(s) === at)!.length;
      expect(isLetter(text[lineStart - 1]) && isLetter(text[lineStart])).toBe(false);
      expect(isLetter(text[lineEnd - 1]) && isLetter(text[lineEnd])).toBe(false);
    }
  });

  it('sorts lines by the words right after the match', async () => {
    const lines = (await get(`/api/kwic?q=${encodeURIComponent('ngoại giao')}&sort=right`)).json().lines as { right: string }[];
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    for (let i = 1; i < lines.length; i++) expect(collator.compare(lines[i - 1]!.right, lines[i]!.right)).toBeLessThanOrEqual(0);
  });

  it('answers 400 naming q when there is nothing to match', async () => {
    const res = await get('/api/kwic?q=%20');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('q');
  });
});

describe('Atom feed', () => {
  it('is a valid Atom 1.0 feed of the search, newest first, each entry linking its permalink', async () => {
    const res = await get(`/api/feed?q=${encodeURIComponent('ngoại giao')}&speaker=pham-minh-chinh`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const $ = cheerio.load(res.body, { xml: true });
    const feed = $('feed');
    expect(feed.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
    // RFC 4287 §4.1.1: exactly one id, title and updated; an author (or one on every entry); rel=self recommended.
    for (const el of ['id', 'title', 'updated']) expect(feed.children(el)).toHaveLength(1);
    expect(feed.children('updated').text()).toMatch(rfc3339);
    expect(feed.children('author').children('name').text()).not.toBe('');
    expect(feed.children('link[rel="self"]').attr('href')).toContain('/api/feed?');
    const entries = feed.children('entry').toArray();
    expect(entries.length).toBeGreaterThan(0);
    const dates: string[] = [];
    for (const e of entries) {
      const entry = $(e);
      // §4.1.2: exactly one id, title, updated; a link rel=alternate (there is content too).
      for (const el of ['id', 'title', 'updated']) expect(entry.children(el)).toHaveLength(1);
      expect(entry.children('updated').text()).toMatch(rfc3339);
      expect(entry.children('link[rel="alternate"]').attr('href')).toMatch(/^http:\/\/kb\.example\/passages\/a-/);
      expect(entry.children('content').attr('type')).toBe('text');
      expect(entry.children('author').children('name').text()).toBe('Phạm Minh Chính');
      dates.push(entry.children('updated').text());
    }
    expect([...dates].sort().reverse()).toEqual(dates);
    // Entry ids are unique (§4.2.6).
    expect(new Set(entries.map((e) => $(e).children('id').text())).size).toBe(entries.length);
  });
});

describe('compare', () => {
  type Term = { term: string; count: number; per10k: number; passageIds: string[]; byEvent: Record<string, { count: number; per10k: number }>; snippets: { passageId: string; highlighted: string }[] };
  type Column = { event: { id: string; name: string; aliases: string[] }; tokenCount: number; aboutPassageCount: number; distinctiveTerms: Term[]; themes: { text: string; variants: boolean; sources: { source: string | null; text: string }[] }[] };

  it('lists for hnng-31 vs hnng-32 no event-name fragment, person name, ordinal, date or number', async () => {
    const body = (await get('/api/compare?events=hnng-31,hnng-32')).json();
    const kb = await readKb();
    const fragments = (name: string) => {
      const w = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const out: string[] = [];
      for (let n = 2; n <= 3; n++) for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
      return out;
    };
    const eventFragments = new Set(kb.events.filter((e) => e.type === 'hoi-nghi-ngoai-giao').flatMap((e) => [e.name, ...e.aliases]).flatMap(fragments));
    const personWords = kb.people.flatMap((p) => [p.name, ...p.aliases]).flatMap(fragments);
    for (const column of body.events as Column[]) {
      expect(column.distinctiveTerms.length).toBeGreaterThan(0);
      for (const t of column.distinctiveTerms) {
        expect(t.term, 'a date or a number').not.toMatch(/\p{N}/u);
        expect(eventFragments.has(t.term), `event-name fragment "${t.term}"`).toBe(false);
        expect(personWords.some((f) => ` ${t.term} `.includes(` ${f} `)), `person name in "${t.term}"`).toBe(false);
        expect(t.term).not.toMatch(/^(lần|thứ)\b|\b(lần|thứ)$/u);
      }
      const terms = column.distinctiveTerms.map((t) => t.term);
      for (const boilerplate of ['lần thứ', 'hội nghị ngoại', 'hnng 31', 'hnng 32', 'ngày 18', 'phạm minh chính', 'minh chính', 'phú trọng']) expect(terms).not.toContain(boilerplate);
    }
  });

  it('counts terms per 10 000 words on the passages about each event, and marks them in their passages', async () => {
    const body = (await get('/api/compare?events=hnng-31,hnng-32')).json();
    for (const column of body.events as Column[]) {
      expect(column.aboutPassageCount).toBeGreaterThan(0);
      expect(column.aboutPassageCount).toBeLessThanOrEqual((await get(`/api/events/${column.event.id}`)).json().event.passageCount);
      for (const t of column.distinctiveTerms) {
        expect(t.per10k).toBeCloseTo((t.count / column.tokenCount) * 10000, 1);
        expect(t.byEvent[column.event.id]!.count).toBe(t.count);
        for (const id of t.passageIds) expect(body.passages[id].eventIds).toContain(column.event.id);
        expect(t.snippets.length).toBeGreaterThan(0);
        for (const s of t.snippets) expect(s.highlighted.toLowerCase()).toContain(`<mark>${t.term}</mark>`);
      }
    }
  });

  it('shows a theme both outlets print differently with both outlets', async () => {
    const body = (await get('/api/compare?events=hnng-31,hnng-32')).json();
    const e31 = (body.events as Column[]).find((c) => c.event.id === 'hnng-31')!;
    const theme = e31.themes.find((t) => t.sources.length > 1)!;
    expect(theme.variants).toBe(true);
    expect(new Set(theme.sources.map((s) => s.source)).size).toBeGreaterThan(1);
    expect(new Set(theme.sources.map((s) => s.text)).size).toBeGreaterThan(1);
  });
});
