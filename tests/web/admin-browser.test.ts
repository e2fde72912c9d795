/**
 * The curator's page in a real browser (Debian's Chromium, playwright-core) against the real app
 * and engine: enter the token, drop two files, watch each one's progress and outcome, open the
 * new article, remove it with the Remove button and restore it.
 * Without Chromium the tests are skipped with a loud message (browser.test.ts says it), unless CI is set.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { articleText, buildAdminApp, makeArchive, TOKEN, type Archive } from '../server/admin-helpers.ts';
import { buildWebInto, guardChromium, HAS_CHROMIUM, listenOnLoopback, openBrowser, type Browser } from './harness.ts';

guardChromium('tests/web/admin-browser.test.ts');

/** Generous: an upload is ingested and indexed while every other test file shares the two cores. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 90_000, interval: 200 });

describe.runIf(HAS_CHROMIUM)('the "Add to the archive" page in Chromium', { timeout: 300_000 }, () => {
  let archive: Archive;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let removeWeb: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    archive = await makeArchive('admin-web');
    const web = await buildWebInto('ngkb-admin-web-');
    removeWeb = web.remove;
    ({ app } = await buildAdminApp(inject('meili'), 't_admin_web_', archive, { ADMIN_TOKEN: TOKEN }, { webRoot: web.dist }));
    base = await listenOnLoopback(app);
    // A wrong token (401) and a refused file (422) are answers the page shows; Chromium also logs them as failed resources.
    browser = await openBrowser(base, { expectedConsoleErrors: /^Failed to load resource: the server responded with a status of (401|422)\b/, pageTimeoutMs: 90_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await removeWeb?.();
    if (archive) await fs.rm(archive.root, { recursive: true, force: true });
  });

  const newPage = (): Promise<Page> => browser.newPage();
  const finish = (page: Page) => browser.finish(page);

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
    expect(await browser.context.cookies(base)).toEqual([]);
    expect(await page.content()).not.toContain(TOKEN);
    await finish(page);
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
    await finish(page);
  });

  it('shows no Remove button to a reader without a token', async () => {
    // A new tab starts with an empty sessionStorage: a reader's view.
    const page = await newPage();
    const [first] = (await (await page.request.get(`${base}/api/search?q=${encodeURIComponent('Sa Pa')}`)).json()).hits;
    await page.goto(`${base}/articles/${first.articleId}`);
    await poll(() => page.locator('h1').textContent()).not.toBe('');
    expect(await page.locator('#admin-remove').count()).toBe(0);
    expect(await page.locator('a[data-nav="admin"]').count()).toBe(0);
    await finish(page);
  });
});
