/**
 * The from-url guard's decisions by address, after name resolution. Names are resolved by a
 * stand-in resolver here, so no test contacts anything but 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPublicPage, FetchRefusedError, isAllowedAddress } from '../../server/admin/fetch-guard.ts';

let server: http.Server;
let port: number;
const hits: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.headers.host} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Xin chào');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

const names: Record<string, { address: string; family: number }[]> = {
  'intranet.example': [{ address: '10.0.0.5', family: 4 }],
  'metadata.google.internal': [{ address: '169.254.169.254', family: 4 }],
  'rebind.example': [
    { address: '192.168.0.10', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'v6-ula.example': [{ address: 'fd00::1', family: 6 }],
};
const lookup = async (host: string) => {
  const r = names[host];
  if (!r) throw new Error('ENOTFOUND');
  return r;
};
const opts = { allowPrivate: ['127.0.0.1'], timeoutMs: 3000, maxBytes: 10_000, lookup };

describe('fetchPublicPage', () => {
  it.each([
    ['intranet.example', /resolves to 10\.0\.0\.5/],
    ['metadata.google.internal', /resolves to 169\.254\.169\.254/],
    ['v6-ula.example', /resolves to fd00::1/],
  ])('refuses %s, a name for a private address', async (host, message) => {
    const err = await fetchPublicPage(`http://${host}:${port}/`, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect((err as FetchRefusedError).status).toBe(403);
    expect((err as Error).message).toMatch(message);
  });

  it('connects only to an allowed address of a name, keeping the name as the Host', async () => {
    const page = await fetchPublicPage(`http://rebind.example:${port}/bai`, opts);
    expect(page.body.toString('utf8')).toBe('Xin chào');
    expect(hits.at(-1)).toBe(`rebind.example:${port} /bai`);
  });

  it('says a name that does not resolve, with 422', async () => {
    const err = (await fetchPublicPage('http://nowhere.example/', opts).catch((e: unknown) => e)) as FetchRefusedError;
    expect(err.status).toBe(422);
    expect(err.message).toBe('the host "nowhere.example" does not resolve');
  });
});

describe('isAllowedAddress', () => {
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:808:808', '127.0.0.1'])('allows %s (public, or 127.0.0.1 listed)', (ip) => {
    expect(isAllowedAddress(ip, ['127.0.0.1'])).toBe(true);
  });
  it.each(['127.0.0.2', '0.0.0.0', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '::ffff:c0a8:101', '0:0:0:0:0:ffff:7f00:2', '64:ff9b::a00:1', 'not-an-ip'])(
    'refuses %s',
    (ip) => {
      expect(isAllowedAddress(ip, ['127.0.0.1'])).toBe(false);
    },
  );
});
