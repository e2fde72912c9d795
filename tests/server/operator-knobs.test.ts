import { describe, expect, inject, it } from 'vitest';
import { buildTestApp, testConfig } from './helpers.ts';

const meili = inject('meili');

/** Status codes of `/api/health` asked for by the given forwarded client addresses, in order. */
async function codesFor(env: NodeJS.ProcessEnv, clients: string[]): Promise<number[]> {
  const { app } = await buildTestApp(testConfig(meili, 't_server_knobs_', env));
  try {
    const codes: number[] = [];
    for (const client of clients) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-for': client }, remoteAddress: '127.0.0.1' });
      codes.push(res.statusCode);
    }
    return codes;
  } finally {
    await app.close();
  }
}

describe('operators\u2019 knobs', () => {
  it('RATE_LIMIT_PER_MINUTE=2 answers the third request of a minute with 429', async () => {
    expect(await codesFor({ RATE_LIMIT_PER_MINUTE: '2' }, ['203.0.113.1', '203.0.113.1', '203.0.113.1'])).toEqual([200, 200, 429]);
  });

  it('behind a trusted proxy (TRUST_PROXY=127.0.0.1) each forwarded client has its own limit', async () => {
    const codes = await codesFor({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' }, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2']);
    expect(codes).toEqual([200, 200, 429, 200]);
  });

  it('without TRUST_PROXY a forwarded address is not believed: every client shares the proxy\u2019s limit', async () => {
    const codes = await codesFor({ RATE_LIMIT_PER_MINUTE: '2' }, ['203.0.113.1', '203.0.113.1', '203.0.113.2']);
    expect(codes).toEqual([200, 200, 429]);
  });
});
