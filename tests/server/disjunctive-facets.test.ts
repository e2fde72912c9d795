import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, fixtureRecords, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_server_facets_'));
  app = built.app;
  const { records, kb } = await fixtureRecords();
  await built.search.reindex(records, { fingerprint: 'facets', kb });
});
afterAll(() => app?.close());

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('GET /api/search facets with a filter', () => {
  it('lists the other speakers in the speaker facet when one speaker is picked', async () => {
    const body = await get('/api/search?speaker=pham-minh-chinh');
    expect(body.total).toBe(2);
    expect(body.hits.map((h: { speaker: { id: string } }) => h.speaker.id)).toEqual(['pham-minh-chinh', 'pham-minh-chinh']);
    expect(body.facets.speaker).toEqual({ 'pham-minh-chinh': 2, 'bui-thanh-son': 1 });
  });

  it('counts events and years within the speaker filter, and speakers of a query without it', async () => {
    const body = await get('/api/search?q=ngoai+giao&speaker=bui-thanh-son');
    expect(body.total).toBe(1);
    expect(body.facets.speaker).toEqual({ 'bui-thanh-son': 1, 'pham-minh-chinh': 1 });
    expect(body.facets.event).toEqual({ 'hnng-32': 1 });
    expect(body.facets.year).toEqual({ '2023': 1 });
  });

  it('gives the same speaker counts whichever of them are picked, with both OR-ed in the hits', async () => {
    const one = await get('/api/search?q=ngoai+giao&speaker=bui-thanh-son');
    const both = await get('/api/search?q=ngoai+giao&speaker=bui-thanh-son&speaker=pham-minh-chinh');
    expect(both.total).toBe(2);
    expect(both.facets.speaker).toEqual(one.facets.speaker);
  });
});
