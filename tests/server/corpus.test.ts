/**
 * The API over the real corpus: `corpus/raw` ingested once (runIngest) and indexed into this
 * file's own prefix on the test run's Meilisearch.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import { ROOT, THEME_31, buildTestApp, readKb, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_server_corpus_'));
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  await built.search.reindex(result, { fingerprint: result.fingerprint, kb });
});
afterAll(() => app?.close());

const get = (url: string) => app.inject({ method: 'GET', url });
type Hit = { speaker: { id: string } | null; text: string };

describe('search over the corpus', () => {
  it('returns only Phạm Minh Chính’s passages when filtered by his id', async () => {
    const body = (await get('/api/search?q=ngoai+giao&speaker=pham-minh-chinh&perPage=100')).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits.every((h: Hit) => h.speaker?.id === 'pham-minh-chinh')).toBe(true);
    // Disjunctive facets: his count is the total; the other speakers stay listed to OR them in.
    expect(body.facets.speaker['pham-minh-chinh']).toBe(body.total);
  });

  it('ORs two speakers: every hit is one of them, and both appear', async () => {
    const one = (await get('/api/search?q=&speaker=pham-minh-chinh&perPage=1')).json().total;
    const other = (await get('/api/search?q=&speaker=bui-thanh-son&perPage=1')).json().total;
    const body = (await get('/api/search?q=&speaker=pham-minh-chinh&speaker=bui-thanh-son&perPage=100')).json();
    expect(body.total).toBe(one + other);
    const ids = new Set(body.hits.map((h: Hit) => h.speaker?.id));
    expect(ids).toEqual(new Set(['pham-minh-chinh', 'bui-thanh-son']));
  });
});

describe('compare over the corpus', () => {
  it('returns the themes of hnng-31 and hnng-32 verbatim', async () => {
    const res = await get('/api/compare?events=hnng-31,hnng-32');
    expect(res.statusCode).toBe(200);
    const [e31, e32] = res.json().events;
    expect(e31.event.id).toBe('hnng-31');
    expect(e31.themes.map((t: { text: string }) => t.text)).toContain(THEME_31);
    const theme31 = e31.themes.find((t: { text: string }) => t.text === THEME_31);
    expect(theme31.passage.text).toContain(THEME_31);
    expect(e32.themes.length).toBeGreaterThan(0);
    for (const t of e32.themes) expect(t.passage.text).toContain(t.text);
  });

  it('gives each event distinctive terms that occur in the passages listed for them', async () => {
    const body = (await get('/api/compare?events=hnng-31,hnng-32')).json();
    for (const column of body.events) {
      expect(column.distinctiveTerms.length).toBeGreaterThan(0);
      for (const term of column.distinctiveTerms.slice(0, 5)) {
        const p = body.passages[term.passageIds[0]];
        expect(p.text.toLowerCase()).toContain(term.term);
        expect(p.eventIds).toContain(column.event.id);
      }
    }
  });
});

describe('records over the corpus', () => {
  it('compares three events side by side, in the order asked', async () => {
    const res = await get('/api/compare?events=hnng-32,hnng-31,hnng-30');
    expect(res.statusCode).toBe(200);
    expect(res.json().events.map((c: { event: { id: string } }) => c.event.id)).toEqual(['hnng-32', 'hnng-31', 'hnng-30']);
  });

  it('gives Phạm Minh Chính’s page his role and statements grouped by event', async () => {
    const body = (await get('/api/speakers/pham-minh-chinh')).json();
    expect(body.speaker.roles.map((r: { title: string }) => r.title)).toContain('Thủ tướng Chính phủ');
    expect(body.groups.length).toBeGreaterThan(0);
    for (const g of body.groups) for (const p of g.passages) expect(p.speaker.id).toBe('pham-minh-chinh');
  });

  it('answers an unknown speaker page with a JSON 404', async () => {
    const res = await get('/api/speakers/khong-co-ai');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('NOT_FOUND');
  });
});
