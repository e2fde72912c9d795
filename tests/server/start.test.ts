import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { start, type Started } from '../../server/main.ts';
import { testConfig } from './helpers.ts';

let started: Started | null = null;
let dataDir = '';

afterAll(async () => {
  await started?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('ingests the corpus, indexes it and answers /api/health 200 on a free port', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-start-'));
    const config = testConfig(inject('meili'), 't_server_start_', { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir });
    started = await start(config, pino({ level: 'silent' }));
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await started.ready;
    const res = await fetch(`${started.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.counts.passages).toBeGreaterThan(100);
    // The records of the ingest are kept next to the engine data.
    await expect(fs.stat(path.join(dataDir, 'records'))).resolves.toBeTruthy();
  }, 180_000);
});

describe('npm start with a bad setting', () => {
  it('exits 2 with one line naming the variable and its value, no stack trace', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'eighty' },
    });
    const failure = await run.then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe('npm start: invalid PORT="eighty": must be integer\n');
  });
});
