import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { start, type Started } from '../../server/main.ts';
import { ROOT, testConfig } from './helpers.ts';

const EXTRA = path.join(ROOT, 'corpus/raw/extra');
const NEW_FILE = '04-nhandan-khai-mac-hnng32.txt';
const OTHER_FILE = '09-vov-dai-hoi-thi-dua-2020-75-nam.txt';

let started: Started | null = null;
let dataDir = '';
let corpusDir = '';

/** Total of `/api/search?q=` once it equals `want`, polling every 200 ms for at most 30 s; else the last total. */
async function totalWhen(q: string, want: number): Promise<number> {
  let total = -1;
  for (let i = 0; i < 150; i++) {
    const res = await fetch(`${started!.url}/api/search?q=${encodeURIComponent(q)}`);
    total = ((await res.json()) as { total: number }).total;
    if (total === want) return total;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return total;
}

/** The article count of `/api/health` once it equals `want`, polling every 200 ms for at most 30 s; else the last count. */
async function articlesWhen(want: number): Promise<number> {
  let count = -1;
  for (let i = 0; i < 150; i++) {
    count = ((await (await fetch(`${started!.url}/api/health`)).json()) as { counts: { articles: number } }).counts.articles;
    if (count === want) return count;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return count;
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-watch-data-'));
  corpusDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-watch-corpus-'));
  for (const name of ['03-vietbao-hnng31-thu-tuong-loi-ich-quoc-gia.txt', '07-baothaibinh-doi-ngoai-toan-quoc.txt']) {
    await fs.copyFile(path.join(EXTRA, name), path.join(corpusDir, name));
  }
  const config = testConfig(inject('meili'), 't_server_watch_', { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, CORPUS_DIR: corpusDir });
  started = await start(config, pino({ level: 'silent' }));
  await started.ready;
}, 180_000);
afterAll(async () => {
  await started?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(corpusDir, { recursive: true, force: true });
});

describe('npm start watches CORPUS_DIR', () => {
  it('makes a file dropped into the folder searchable without a restart', async () => {
    expect(await totalWhen('Phan Đình Trạc', 0)).toBe(0);
    // Written under a temporary name and renamed, as a careful copy does; the watcher sees the final name.
    await fs.copyFile(path.join(EXTRA, NEW_FILE), path.join(corpusDir, `.${NEW_FILE}.part`));
    await fs.rename(path.join(corpusDir, `.${NEW_FILE}.part`), path.join(corpusDir, NEW_FILE));
    expect(await totalWhen('Phan Đình Trạc', 1)).toBe(1);
    expect(await articlesWhen(3)).toBe(3);
  }, 60_000);

  it('drops the article of a file deleted from the folder', async () => {
    await fs.rm(path.join(corpusDir, NEW_FILE));
    expect(await totalWhen('Phan Đình Trạc', 0)).toBe(0);
    expect(await articlesWhen(2)).toBe(2);
  }, 60_000);

  it('ignores files the pipeline does not read (an editor\u2019s swap file, a PDF)', async () => {
    await fs.writeFile(path.join(corpusDir, 'notes.pdf'), 'not an article');
    await fs.copyFile(path.join(EXTRA, NEW_FILE), path.join(corpusDir, `.${NEW_FILE}.swp`));
    // A real article dropped after them: once it is in, anything the watcher took from the two
    // files above would have been applied too (events are applied in order).
    await fs.copyFile(path.join(EXTRA, OTHER_FILE), path.join(corpusDir, OTHER_FILE));
    expect(await articlesWhen(3)).toBe(3);
    expect(await totalWhen('Phan Đình Trạc', 0)).toBe(0);
  }, 60_000);
});
