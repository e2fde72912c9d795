import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../search/engine.ts';
import { buildTestApp, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const url = `http://127.0.0.1:${await findFreePort()}`;
  app = (await buildTestApp(testConfig({ url, masterKey: 'a-key-of-sixteen-chars-or-more' }, 't_server_down_'))).app;
});
afterAll(() => app?.close());

describe('engine down', () => {
  it('answers a search with 503 { error, message } and no internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/search?q=ngoai+giao' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'ENGINE_UNAVAILABLE', message: 'The search engine is unavailable; try again shortly' });
    expect(res.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at .*\.ts/);
  });

  it('answers a filtered search (which checks ids first) with 503 too', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/search?speaker=pham-minh-chinh' });
    expect(res.statusCode).toBe(503);
  });

  it('answers a passage page with 503', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/passages/a-000000000031-a0000001' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('ENGINE_UNAVAILABLE');
  });

  it('reports health 503 with the engine unreachable and no-store', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', engine: { reachable: false } });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
