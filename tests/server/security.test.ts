import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, fixtureRecords, testConfig } from './helpers.ts';

const meili = inject('meili');
const config = testConfig(meili, 't_server_security_');
let app: FastifyInstance;
let webRoot: string;
const seen: LightMyRequestResponse[] = [];

beforeAll(async () => {
  webRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-web-'));
  await fs.writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Tư liệu</title><script type="module" src="/assets/app.js"></script>');
  const built = await buildTestApp(config, { webRoot });
  app = built.app;
  const { records, kb } = await fixtureRecords();
  await built.search.reindex(records, { fingerprint: 'fixture', kb });
});
afterAll(async () => {
  await app?.close();
  await fs.rm(webRoot, { recursive: true, force: true });
});

async function get(url: string): Promise<LightMyRequestResponse> {
  const res = await app.inject({ method: 'GET', url });
  seen.push(res);
  return res;
}

describe('security headers', () => {
  it('sends a CSP allowing only this origin and no inline script on the API and the web page', async () => {
    for (const url of ['/api/search?q=ngoai', '/']) {
      const csp = String((await get(url)).headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('sends nosniff and forbids framing', async () => {
    const res = await get('/api/events');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('web app', () => {
  it('serves index.html for a client route such as /passages/:id', async () => {
    const res = await get('/passages/a-000000000031-a0000001');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    // The server titles a passage page with its article's title (citation-pages.test.ts has the tags).
    expect(res.body).toContain('<title>Khai mạc Hội nghị Ngoại giao lần thứ 31 — Tư liệu</title>');
  });

  it('answers a path that is neither a file nor a client route with a JSON 404', async () => {
    const res = await get('/wp-login.php');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('ROUTE_NOT_FOUND');
  });

  it('serves the Be Vietnam Pro font files from this origin', async () => {
    const res = await get('/fonts/files/be-vietnam-pro-vietnamese-400-normal.woff2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
  });
});

describe('rate limit', () => {
  it('answers 429 JSON once an IP goes over the limit', async () => {
    const limited = (await buildTestApp(config, { rateLimit: { max: 2, timeWindow: '1 minute' } })).app;
    try {
      const codes: number[] = [];
      let last: LightMyRequestResponse | null = null;
      for (let i = 0; i < 3; i++) {
        last = await limited.inject({ method: 'GET', url: '/api/events' });
        seen.push(last);
        codes.push(last.statusCode);
      }
      expect(codes).toEqual([200, 200, 429]);
      expect(last!.json()).toMatchObject({ error: 'RATE_LIMITED' });
    } finally {
      await limited.close();
    }
  });
});

describe('readiness', () => {
  it('answers 503 NOT_READY on /api and 503 on health until the index is built', async () => {
    const readiness = { ready: false, reason: 'Indexing the corpus' };
    const starting = (await buildTestApp(config, { readiness })).app;
    try {
      const search = await starting.inject({ method: 'GET', url: '/api/search?q=x' });
      expect(search.statusCode).toBe(503);
      expect(search.json().error).toBe('NOT_READY');
      const health = await starting.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'starting', message: 'Indexing the corpus' });
      readiness.ready = true;
      expect((await starting.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await starting.close();
    }
  });
});

describe('the master key', () => {
  it('appears in no response body or header of this file’s requests', async () => {
    const urls = [
      '/api/health',
      '/api/search?q=ngoai+giao&facets=x',
      '/api/search?q=%22',
      '/api/export?format=csv',
      '/api/speakers',
      '/api/events/hnng-31',
      '/api/compare?events=hnng-31,hnng-32',
      '/api/passages/a-000000000031-a0000001',
      '/api/articles/a-000000000031',
      '/api/nothing',
      '/docs/json',
      '/docs',
    ];
    for (const url of urls) await get(url);
    expect(seen.length).toBeGreaterThan(urls.length);
    for (const res of seen) {
      expect(res.body).not.toContain(meili.masterKey);
      expect(JSON.stringify(res.headers)).not.toContain(meili.masterKey);
    }
  });
});
