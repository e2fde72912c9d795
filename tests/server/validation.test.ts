import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, fixtureRecords, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_server_validation_'));
  app = built.app;
  const { records, kb } = await fixtureRecords();
  await built.search.reindex(records, { fingerprint: 'fixture', kb });
});
afterAll(() => app?.close());

const get = (url: string) => app.inject({ method: 'GET', url });

describe('parameter validation', () => {
  it('answers 400 naming perPage when more than 100 results per page are asked', async () => {
    const res = await get('/api/search?q=ngoai+giao&perPage=101');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'BAD_REQUEST', parameter: 'perPage' });
    expect(res.json().message).toContain('perPage');
  });

  it('answers 400 naming q when the query is longer than 500 characters', async () => {
    const res = await get(`/api/search?q=${'a'.repeat(501)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('q');
  });

  it('answers 400 naming page when page × perPage goes past the deepest reachable result', async () => {
    const res = await get('/api/search?q=&page=2000&perPage=100');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('page');
  });

  it('answers 400 naming an unknown event id', async () => {
    const res = await get('/api/search?q=&event=hnng-99');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'UNKNOWN_EVENT', parameter: 'event' });
    expect(res.json().message).toContain('hnng-99');
  });

  it('answers 400 naming an unknown speaker id, even next to a known one', async () => {
    const res = await get('/api/search?speaker=pham-minh-chinh&speaker=nguyen-van-khong-co');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'UNKNOWN_SPEAKER', parameter: 'speaker' });
    expect(res.json().message).toContain('nguyen-van-khong-co');
  });

  it('answers 400 naming a misspelt parameter instead of ignoring it', async () => {
    const res = await get('/api/search?q=x&speakr=pham-minh-chinh');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('speakr');
  });

  it('answers 400 naming kind for a passage kind that does not exist', async () => {
    const res = await get('/api/search?kind=poem');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('kind');
  });

  it('answers 400 naming year when the year is not a number', async () => {
    const res = await get('/api/search?year=2021&year=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('year');
  });

  it('answers 400 naming format for an export format it does not write', async () => {
    const res = await get('/api/export?format=xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('format');
  });

  it('answers 400 naming events when compare gets one event only', async () => {
    const res = await get('/api/compare?events=hnng-31');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('events');
  });

  it('answers 400 naming an unknown event in compare', async () => {
    const res = await get('/api/compare?events=hnng-31,hnng-77');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'UNKNOWN_EVENT', parameter: 'events' });
    expect(res.json().message).toContain('hnng-77');
  });

  it('answers 400 naming id for a passage id with characters no id has', async () => {
    const res = await get('/api/passages/..%2F..%2Fetc');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('id');
  });
});

describe('not found', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    const res = await get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toMatchObject({ error: 'ROUTE_NOT_FOUND' });
  });

  it('answers an unknown passage id with a JSON 404 naming it', async () => {
    const res = await get('/api/passages/a-000000000000-00000000');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'NOT_FOUND', message: 'No passage "a-000000000000-00000000"' });
  });

  it('answers an unknown event page with a JSON 404', async () => {
    const res = await get('/api/events/hnng-99');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('NOT_FOUND');
  });
});
