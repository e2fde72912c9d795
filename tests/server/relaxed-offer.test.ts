/**
 * The API's side of "no silent loss of diacritics" (issue 10.1): a query typed with diacritics
 * that matches nothing exactly answers no hits plus the relaxed-search offer, documented in the
 * OpenAPI schema; its export is empty, never folded matches.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildTestApp, fixtureRecords, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_server_relaxed_'));
  app = built.app;
  const { records, kb } = await fixtureRecords();
  await built.search.reindex(records, { fingerprint: 'relaxed', kb });
});
afterAll(() => app?.close());

const get = (url: string) => app.inject({ method: 'GET', url });

describe('relaxed-search offer', () => {
  it('answers "Nhật" with no hits and the offer to search "Nhat", never "Thứ nhất" in its place', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('Nhật')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.hits).toEqual([]);
    expect(body.total).toBe(0);
    expect(body.relaxed).toEqual({ available: true, query: 'Nhat', total: 1 });
    expect(body.answeredBy).toBeNull();
    const relaxed = (await get(`/api/search?q=${encodeURIComponent(body.relaxed.query)}`)).json();
    expect(relaxed.total).toBe(1);
    expect(relaxed.hits[0].text).toContain('Thứ nhất');
    expect(relaxed.relaxed).toBeUndefined();
  });

  it('says which reading answered an ordinary query, and offers nothing', async () => {
    const body = (await get(`/api/search?q=${encodeURIComponent('cây tre')}`)).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.answeredBy).toBe('exact word');
    expect(body.matchMode).toBe('exact');
    expect(body.relaxed).toBeUndefined();
  });

  it('exports nothing for the exact query: an export never mixes the two', async () => {
    const res = await get(`/api/export?q=${encodeURIComponent('Nhật')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('treats a query of punctuation only as empty: a listing', async () => {
    const all = (await get('/api/search')).json();
    const body = (await get(`/api/search?q=${encodeURIComponent('?!…')}`)).json();
    expect(body.matchMode).toBe('all');
    expect(body.total).toBe(all.total);
  });

  it('documents the offer in the OpenAPI schema of /api/search', async () => {
    const doc = (await get('/docs/json')).json();
    const schema = doc.paths['/api/search'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties.relaxed.properties).sort()).toEqual(['available', 'query', 'total']);
    expect(schema.properties.answeredBy).toBeDefined();
  });
});
