import http from 'node:http';
import net from 'node:net';
import { inject, afterAll, describe, expect, it } from 'vitest';
import { createSearchService, EngineUnavailableError } from '../../search/index.ts';
import { fixtureRecords, kb, query } from './fixtures.ts';

/** A forwarding proxy to the test engine that can be switched off and on, standing in for an engine outage. */
async function startProxy(target: string) {
  let up = true;
  let stallTaskPolls = 0;
  const stalled: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    if (!up) {
      req.socket.destroy();
      return;
    }
    // A task poll left unanswered, as an engine busy indexing on a loaded host leaves it.
    if (stallTaskPolls > 0 && req.method === 'GET' && /^\/tasks\/\d+/.test(req.url ?? '')) {
      stallTaskPolls--;
      stalled.push(res);
      return;
    }
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setUp: (value: boolean) => (up = value),
    stallTaskPolls: (n: number) => (stallTaskPolls = n),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('engine faults', () => {
  it('throws EngineUnavailableError when nothing listens at the engine URL', async () => {
    const s = createSearchService({ url: 'http://127.0.0.1:9', masterKey: 'x'.repeat(16), indexPrefix: 't_search_faults_' });
    await expect(s.search(query('ngoại giao'))).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(s.getPassage('p-1')).rejects.toBeInstanceOf(EngineUnavailableError);
    expect(await s.health()).toMatchObject({ ok: false, engineVersion: null });
  });

  it('throws EngineUnavailableError when the engine does not answer in time', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          silent.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        }),
    );
    const { port } = silent.address() as net.AddressInfo;
    const s = createSearchService({ url: `http://127.0.0.1:${port}`, masterKey: 'x'.repeat(16), indexPrefix: 't_', timeoutMs: 300 });
    const err = await s.search(query('hòa bình')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnavailableError);
    expect((err as Error).message).not.toContain('x'.repeat(16));
  });

  it('waits through task polls the engine does not answer in time, and the reindex completes', async () => {
    const { url, masterKey } = inject('meili');
    const proxy = await startProxy(url);
    closers.push(proxy.close);
    const s = createSearchService({ url: proxy.url, masterKey, indexPrefix: 't_search_faults_slowpoll_', timeoutMs: 300 });
    proxy.stallTaskPolls(3);
    await s.reindex(fixtureRecords(), { fingerprint: 'slow', kb });
    expect((await s.search(query('hòa bình'))).total).toBe(2);
  });

  it('recovers as soon as the engine is back, without a restart', async () => {
    const { url, masterKey } = inject('meili');
    const proxy = await startProxy(url);
    closers.push(proxy.close);
    const s = createSearchService({ url: proxy.url, masterKey, indexPrefix: 't_search_faults_recover_' });
    await s.reindex(fixtureRecords(), { fingerprint: 'r', kb });
    expect((await s.search(query('hòa bình'))).total).toBe(2);
    proxy.setUp(false);
    await expect(s.search(query('hòa bình'))).rejects.toBeInstanceOf(EngineUnavailableError);
    expect((await s.health()).ok).toBe(false);
    proxy.setUp(true);
    expect((await s.search(query('hòa bình'))).total).toBe(2);
    expect((await s.health()).ok).toBe(true);
  });
});
