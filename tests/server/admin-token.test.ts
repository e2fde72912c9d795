/**
 * The curator's token when ADMIN_TOKEN is unset: generated once into DATA_DIR/admin-token
 * (mode 0600), named in the log but never printed; failed attempts are limited per address.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config.ts';
import { buildAdminApp, makeArchive, type Archive } from './admin-helpers.ts';

let archive: Archive;
let app: FastifyInstance;
const logLines: string[] = [];

beforeAll(async () => {
  archive = await makeArchive('admin-token');
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  ({ app } = await buildAdminApp(inject('meili'), 't_admin_token_', archive, {}, { maxFailures: 3, log: pino({ level: 'info' }, sink) }));
});
afterAll(async () => {
  await app?.close();
  await fs.rm(archive.root, { recursive: true, force: true });
});

describe('a generated admin token', () => {
  it('is written to DATA_DIR/admin-token with mode 0600 and the log names the file, never the token', async () => {
    const file = path.join(archive.dataDir, 'admin-token');
    const token = (await fs.readFile(file, 'utf8')).trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const log = logLines.join('');
    expect(log).toContain(file);
    expect(log).not.toContain(token);
    const res = await app.inject({ method: 'GET', url: '/api/admin/session', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(token);
  });

  it('refuses an address after 3 failed tokens, even with the right one, and says when to retry', async () => {
    const token = (await fs.readFile(path.join(archive.dataDir, 'admin-token'), 'utf8')).trim();
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ method: 'GET', url: '/api/admin/session', headers: { authorization: 'Bearer wrong-wrong-wrong-wrong' } })).statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'GET', url: '/api/admin/session', headers: { authorization: `Bearer ${token}` } });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // Another address is not affected.
    const other = await app.inject({ method: 'GET', url: '/api/admin/session', remoteAddress: '192.0.2.10', headers: { authorization: `Bearer ${token}` } });
    expect(other.statusCode).toBe(200);
    expect(logLines.join('')).not.toContain(token);
  });
});

describe('admin configuration', () => {
  it('refuses a short ADMIN_TOKEN without echoing it', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short-secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short-secret' })).toThrow('invalid ADMIN_TOKEN=<hidden>');
  });

  it('refuses a FETCH_ALLOW_PRIVATE entry that is not an IP', () => {
    expect(() => loadConfig({ FETCH_ALLOW_PRIVATE: '127.0.0.1,intranet.local' })).toThrow(
      'invalid FETCH_ALLOW_PRIVATE="127.0.0.1,intranet.local": "intranet.local" is not an IP address (a comma list of IPs, no names or ranges)',
    );
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: ' 127.0.0.1, ::1 ' }).fetchAllowPrivate).toEqual(['127.0.0.1', '::1']);
  });
});
