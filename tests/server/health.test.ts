import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineClient } from '../../search/engine-client.ts';
import { readResidentBytes } from '../../search/engine.ts';
import { MetaStore } from '../../search/meta.ts';
import { buildTestApp, fixtureRecords, testConfig } from './helpers.ts';

const meili = inject('meili');
const config = testConfig(meili, 't_server_health_');
let app: FastifyInstance;
let before: number;
let after: number;

beforeAll(async () => {
  const built = await buildTestApp(config);
  app = built.app;
  const { records, kb } = await fixtureRecords();
  before = Date.now();
  await built.search.reindex(records, { fingerprint: 'fixture-health', kb });
  after = Date.now();
});
afterAll(async () => {
  await app?.close();
});

describe('/api/health for operators', () => {
  it('reports the index size, the raw documents and the time of the last update', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts.passages).toBe(7);
    expect(body.index.bytes).toBeGreaterThan(body.index.documentBytes);
    expect(body.index.documentBytes).toBeGreaterThan(1000);
    const lastUpdate = Date.parse(body.index.lastUpdate);
    expect(lastUpdate).toBeGreaterThanOrEqual(before - 1000);
    expect(lastUpdate).toBeLessThanOrEqual(after + 1000);
  });

  it('says the engine memory is unknown for an engine this process did not start', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(body.engineMemoryBytes).toBeNull();
  });

  it('reads a process\u2019s resident memory from /proc', async () => {
    const rss = process.memoryUsage().rss;
    const read = (await readResidentBytes(process.pid))!;
    expect(read).toBeGreaterThan(rss * 0.7);
    expect(read).toBeLessThan(rss * 1.3);
    expect(await readResidentBytes(2 ** 22 + 17)).toBeNull();
  });

  it('keeps one alias matcher per build however often the record is read again', async () => {
    const store = new MetaStore(new EngineClient({ url: meili.url, masterKey: meili.masterKey, indexPrefix: 't_server_health_' }));
    const first = await store.load();
    store.clear();
    const second = await store.load();
    expect(second.value?.fingerprint).toBe('fixture-health');
    expect(second.matcher).toBe(first.matcher);
  });
});
