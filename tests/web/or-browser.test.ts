/**
 * `OR` (issue 11) in a real browser (Debian's Chromium, the real app, engine and corpus): the
 * chip says how the query was read (each alternative), the hits are the union, × searches every
 * word as required, and an OR with nothing on one side is said under the chips.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { guardChromium, HAS_CHROMIUM, openBrowser, poll, serveCorpus, type Browser, type ServedCorpus } from './harness.ts';

guardChromium('tests/web/or-browser.test.ts');

describe.runIf(HAS_CHROMIUM)('OR in Chromium', { timeout: 120_000 }, () => {
  let served: ServedCorpus;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveCorpus(inject('meili'), 't_web_or_');
    base = served.base;
    browser = await openBrowser(base);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('shows the alternatives as one chip, lists the union, and × requires every word', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('vắc-xin OR thủy chung')}`);
    const chip = page.locator('.reading-chip');
    await poll(() => chip.allTextContents()).toEqual(['Một trong các vế (OR): vắc-xin | thủy chung×']);
    // "vắc-xin" is in one passage of the corpus, "thủy chung" in another (seeds/001, HNNG 31).
    await poll(() => page.locator('.hits li').count()).toBe(2);
    const marks = await page.locator('.hits mark').allTextContents();
    expect(marks).toEqual(expect.arrayContaining(['vắc-xin', 'thủy chung']));
    expect(await browser.seriousViolations(page)).toEqual([]);
    await chip.locator('.chip-remove').click();
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe('vắc-xin thủy chung');
    await poll(() => page.locator('.reading-chip').count()).toBe(0);
    // No passage has both words.
    await poll(() => page.locator('.hits li').count()).toBe(0);
    await browser.finish(page);
  });

  it('says under the chips when an OR has nothing on one side', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('vắc-xin OR')}`);
    await poll(() => page.locator('.reading-note').allTextContents()).toEqual(['OR ignored: it needs words on both sides (every word is required)']);
    await poll(() => page.locator('.hits li').count()).toBe(1);
    await browser.finish(page);
  });
});
