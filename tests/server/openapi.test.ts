import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = (await buildTestApp(testConfig(inject('meili'), 't_server_openapi_'))).app;
  await app.ready();
});
afterAll(() => app?.close());

describe('OpenAPI document', () => {
  it('validates as OpenAPI 3.1', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('documents every API route', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths.sort()).toEqual(
      [
        '/api/articles/{id}',
        '/api/citations',
        '/api/compare',
        '/api/events',
        '/api/events/{id}',
        '/api/export',
        '/api/feed',
        '/api/health',
        '/api/kwic',
        '/api/passages/{id}',
        '/api/search',
        '/api/speakers',
        '/api/speakers/{id}',
      ].sort(),
    );
  });

  it('serves the docs UI from this origin with its own CSP, loading nothing from a CDN', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/(src|href)="https?:\/\//);
    expect(res.body).not.toMatch(/<script>/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
