/**
 * The curator's page in a real browser (Debian's Chromium, playwright-core) against the real app
 * and engine: enter the token, drop two files, watch each one's progress and outcome, open the
 * new article, remove it with the Remove button and restore it.
 * Without Chromium the tests are skipped with a loud message (browser.test.ts says it), unless CI is set.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { articleText, buildAdminApp, makeArchive, TOKEN, type Archive } from '../server/admin-helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const MANDATORY = Boolean(process.env.CI);
/** Generous: an upload is ingested and indexed while every other test file shares the two cores. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 90_000, interval: 200 });

describe.runIf(!HAS_CHROMIUM && MANDATORY)('admin browser tests on CI', () => {
  it('finds Chromium at /usr/bin/chromium', () => {
    expect(existsSync(CHROMIUM)).toBe(true);
  });
});

describe.runIf(HAS_CHROMIUM)('the "Add to the archive" page in Chromium', { timeout: 300_000 }, () => {
  let archive: Archive;
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let profileDir: string;
  let webRoot: string;
  const errors: string[] = [];

  beforeAll(async () => {
    archive = await makeArchive('admin-web');
    webRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-admin-web-'));
    await buildWeb({ outDir: path.join(webRoot, 'dist') });
    ({ app } = await buildAdminApp(inject('meili'), 't_admin_web_', archive, { ADMIN_TOKEN: TOKEN }, { webRoot: path.join(webRoot, 'dist') }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
    profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-chromium-admin-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
    if (webRoot) await fs.rm(webRoot, { recursive: true, force: true });
    if (archive) await fs.rm(archive.root, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => {
      // A wrong token (401) and a refused file (422) are answers the page shows; Chromium also logs them as failed resources.
      if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of (401|422)\b/.test(msg.text())) errors.push(msg.text());
    });
    return page;
  }

  it('asks for the token, keeps it in sessionStorage only, and refuses a wrong one', async () => {
    const page = await newPage();
    await page.goto(`${base}/admin`);
    await page.locator('#admin-token').fill('not-the-right-token-xyz');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => page.getByRole('alert').textContent()).toBe('Mã quản trị không đúng.');
    await page.locator('#admin-token').fill(TOKEN);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => page.locator('#drop-zone').count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('ngkb.adminToken'))).toBe(TOKEN);
    expect(await page.evaluate(() => localStorage.getItem('ngkb.adminToken'))).toBeNull();
    expect(await context.cookies(base)).toEqual([]);
    expect(await page.content()).not.toContain(TOKEN);
    await page.close();
  });

  it('uploads two dropped files, shows each outcome with a link, and a Remove button removes and restores', async () => {
    const A = articleText('Hội An', 'ngoại giao văn hóa');
    const B = articleText('Sa Pa', 'du lịch quốc tế');
    const page = await newPage();
    await page.goto(`${base}/admin`);
    // Each tab has its own sessionStorage: this one asks for the token too, then keeps it across a reload.
    await page.locator('#admin-token').fill(TOKEN);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => page.locator('#drop-zone').count()).toBe(1);
    await page.reload();
    await poll(() => page.locator('#drop-zone').count()).toBe(1);
    expect(await page.locator('a[data-nav="admin"]').textContent()).toBe('Thêm vào kho');

    // Two files dropped at once, as from a file manager; then one the server refuses, chosen with the picker.
    const transfer = await page.evaluateHandle(
      ({ a, b }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a], 'hoi-an.txt', { type: 'text/plain' }));
        dt.items.add(new File([b], 'Sa Pa.txt', { type: 'text/plain' }));
        return dt;
      },
      { a: A.text, b: B.text },
    );
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: transfer });
    await page.locator('#admin-files').setInputFiles({ name: 'trong.txt', mimeType: 'text/plain', buffer: Buffer.from('  \n') });

    const item = (name: string) => page.locator(`.upload-item[data-file="${name}"]`);
    await poll(() => item('hoi-an.txt').getAttribute('data-status')).toBe('201');
    await poll(() => item('Sa Pa.txt').getAttribute('data-status')).toBe('201');
    await poll(() => item('trong.txt').getAttribute('data-status')).toBe('422');
    expect(await item('hoi-an.txt').locator('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
    expect(await item('hoi-an.txt').locator('.upload-outcome').textContent()).toBe(`Đã thêm: ${A.title}`);
    expect(await item('Sa Pa.txt').locator('.upload-outcome a').textContent()).toBe(B.title);
    expect(await item('trong.txt').locator('.upload-outcome').textContent()).toBe('Bị từ chối: trong.txt: empty file (only whitespace)');
    await page.screenshot({ path: path.join(archive.root, 'admin.png') });

    // The link opens the new article, searchable at once.
    await item('hoi-an.txt').locator('.upload-outcome a').click();
    await poll(() => page.locator('h1').textContent()).toBe(A.title);
    const articleUrl = page.url();
    const search = await page.request.get(`${base}/api/search?q=${encodeURIComponent(A.phrase)}`);
    expect((await search.json()).total).toBeGreaterThan(0);

    // Remove: two clicks (the first only arms the button), then restore.
    await page.locator('#admin-remove').click();
    expect(await page.locator('#admin-remove').textContent()).toBe('Nhấn lần nữa để gỡ');
    await page.locator('#admin-remove').click();
    await poll(() => page.locator('.admin-remove .notice').first().textContent()).toContain('Đã gỡ bài này khỏi kho');
    const id = articleUrl.split('/articles/')[1]!;
    expect((await page.request.get(`${base}/api/articles/${id}`)).status()).toBe(404);
    await page.locator('#admin-restore').click();
    await poll(() => page.locator('.admin-remove .notice').textContent()).toBe('Đã khôi phục.');
    expect((await page.request.get(`${base}/api/articles/${id}`)).status()).toBe(200);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('shows no Remove button to a reader without a token', async () => {
    // A new tab starts with an empty sessionStorage: a reader's view.
    const page = await newPage();
    const [first] = (await (await page.request.get(`${base}/api/search?q=${encodeURIComponent('Sa Pa')}`)).json()).hits;
    await page.goto(`${base}/articles/${first.articleId}`);
    await poll(() => page.locator('h1').textContent()).not.toBe('');
    expect(await page.locator('#admin-remove').count()).toBe(0);
    expect(await page.locator('a[data-nav="admin"]').count()).toBe(0);
    await page.close();
  });
});
