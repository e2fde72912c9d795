/**
 * The research tools in a real browser (Debian's Chromium via playwright-core, the real app on
 * the real corpus and Meilisearch): export links, the search's feed, bulk citation, the
 * keyword-in-context page, truncated excerpts and the compare chart on a 360 px screen.
 * Skipped loudly without Chromium, unless `CI` is set (see browser.test.ts).
 */
import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { guardChromium, HAS_CHROMIUM, openBrowser, poll, serveCorpus, type Browser, type ServedCorpus } from './harness.ts';

guardChromium('tests/web/research-tools.test.ts');

describe.runIf(HAS_CHROMIUM)('research tools in Chromium', { timeout: 120_000 }, () => {
  let served: ServedCorpus;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveCorpus(inject('meili'), 't_web_research_');
    base = served.base;
    browser = await openBrowser(base, { clipboard: true, acceptDownloads: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const newPage = (width?: number) => browser.newPage(width);
  const finish = (page: Page, allow?: RegExp) => browser.finish(page, allow);
  const seriousViolations = (page: Page) => browser.seriousViolations(page);
  const shot = (page: Page, name: string) => browser.shot(page, name);

  it('offers export links for the current search and filters, and the search’s Atom feed', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}&speaker=pham-minh-chinh`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    const hrefs = await page.locator('#export-links a').evaluateAll((els) => els.map((a) => [a.getAttribute('data-format'), a.getAttribute('href')]));
    expect(hrefs.map(([f]) => f)).toEqual(['csv', 'jsonl', 'bibtex', 'ris']);
    for (const [format, href] of hrefs) {
      const url = new URL(href!, base);
      expect(url.pathname).toBe('/api/export');
      expect(url.searchParams.get('q')).toBe('ngoại giao');
      expect(url.searchParams.getAll('speaker')).toEqual(['pham-minh-chinh']);
      expect(url.searchParams.get('format')).toBe(format);
    }
    // The CSV link is a plain download: the file holds every hit of the search, with permalinks.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-links a[data-format=csv]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    const total = (await (await fetch(`${base}/api/search?q=${encodeURIComponent('ngoại giao')}&speaker=pham-minh-chinh&perPage=1`)).json()).total as number;
    const rows = csv.trim().split('\r\n');
    expect(rows.length - 1).toBeGreaterThanOrEqual(total);
    expect(csv).toContain(`${base}/passages/`);
    // The feed of this search, linked on the page and in the head for feed readers.
    const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    expect(await page.locator('#feed-link').getAttribute('href')).toBe(feed);
    const feedUrl = new URL(feed!, base);
    expect(feedUrl.pathname).toBe('/api/feed');
    expect(feedUrl.searchParams.getAll('speaker')).toEqual(['pham-minh-chinh']);
    const xml = await (await fetch(feedUrl)).text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    await shot(page, 'research-export');
    await finish(page);
  });

  it('cites the selected passages at once: copy as RIS, download as BibTeX', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('cây tre')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    expect(await page.locator('#bulk-cite').isVisible()).toBe(false);
    const boxes = page.locator('input.select-passage');
    const ids = [await boxes.nth(0).getAttribute('data-passage')];
    await boxes.nth(0).check();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao kinh tế')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(1);
    // The selection survives a new search: references from several searches can be gathered.
    const second = page.locator('input.select-passage:not(:checked)').first();
    ids.push(await second.getAttribute('data-passage'));
    await second.check();
    await poll(() => page.locator('#bulk-cite .selected-count').textContent()).toBe('Đã chọn 2 đoạn');
    await page.locator('#bulk-format').selectOption('ris');
    await page.locator('#bulk-copy').click();
    await poll(() => page.locator('#bulk-status').textContent()).toBe('Đã sao chép.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.match(/^TY {2}- /gm)).toHaveLength(2);
    for (const id of ids) expect(copied).toContain(`ID  - ${id}`);
    await page.locator('#bulk-format').selectOption('bibtex');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#bulk-download').click()]);
    expect(download.suggestedFilename()).toBe('ngoai-giao-references.bib');
    const bib = await fs.readFile((await download.path())!, 'utf8');
    expect(bib.match(/^@\w+\{ngkb-/gm)).toHaveLength(2);
    await shot(page, 'research-bulk-cite');
    await page.locator('#bulk-clear').click();
    await poll(() => page.locator('#bulk-cite').isVisible()).toBe(false);
    await finish(page);
  });

  it('shows the Cite dialog in the page’s font, not the system monospace', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('cây tre')}`);
    await page.locator('.hits .card-title a').first().click();
    await page.locator('#cite-open').click();
    const font = await page.locator('#cite-text').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).toContain('Be Vietnam Pro');
    expect(font).not.toMatch(/monospace/);
    await finish(page);
  });

  it('marks a truncated passage with “[…]”', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('"Về phía Bộ Ngoại giao, có Ủy vi"')}`);
    await poll(() => page.locator('.hits .truncated-mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits .truncated-mark').first().textContent()).toContain('[…]');
    await finish(page);
  });

  it('shows the keyword in context aligned on the match, sortable, each line linking its passage', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await page.locator('#kwic-link').click();
    await poll(() => page.url()).toContain('/kwic?q=ngo');
    await poll(() => page.locator('#kwic-table tbody tr').count()).toBeGreaterThan(10);
    // Aligned: every keyword starts at the same x, and every left context ends just before it.
    const rows = await page.locator('#kwic-table tbody tr').evaluateAll((trs) =>
      trs.slice(0, 40).map((tr) => {
        const left = tr.querySelector('.kwic-left span')!.getBoundingClientRect();
        const leftCell = tr.querySelector('.kwic-left')!.getBoundingClientRect();
        const match = tr.querySelector('.kwic-match')!.getBoundingClientRect();
        const text = tr.querySelector('.kwic-match a')!.textContent ?? '';
        return { leftEnd: Math.min(left.right, leftCell.right), matchStart: match.left, text };
      }),
    );
    const starts = new Set(rows.map((r) => Math.round(r.matchStart)));
    expect(starts.size).toBe(1);
    for (const r of rows) {
      expect(r.text.toLowerCase()).toContain('ngoại giao');
      expect(r.matchStart - r.leftEnd).toBeLessThan(16);
      expect(r.matchStart - r.leftEnd).toBeGreaterThanOrEqual(0);
    }
    await shot(page, 'research-kwic');
    // Sorted by the right context: the words after the keyword read in alphabetical order.
    await page.locator('#kwic-sort').selectOption('right');
    await poll(() => page.url()).toContain('sort=right');
    await poll(() => page.locator('#kwic-table tbody tr').count()).toBeGreaterThan(10);
    const rights = await page.locator('#kwic-table td.kwic-right').allTextContents();
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    expect([...rights].sort(collator.compare)).toEqual(rights);
    const first = page.locator('#kwic-table .kwic-match a').first();
    const href = await first.getAttribute('href');
    await first.click();
    await poll(() => new URL(page.url()).pathname).toBe(href);
    await finish(page);
  });

  it('charts a term’s frequency per 10 000 words on a 360 px screen with labels that never overlap', async () => {
    const page = await newPage(360);
    await page.goto(`${base}/compare?events=hnng-31,hnng-32`);
    await poll(() => page.locator('.compare-col').count()).toBe(2);
    const term = (await page.locator('.compare-col .chips a').first().textContent())!;
    await page.goto(`${base}/compare?events=hnng-31,hnng-32&term=${encodeURIComponent(term)}`);
    await poll(() => page.locator('.term-panel svg.chart rect.chart-bar').count()).toBe(2);
    const boxes = await page.locator('.term-panel svg.chart text').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { l: r.left, r: r.right, t: r.top, b: r.bottom, s: e.textContent }; }));
    const svgBox = await page.locator('.term-panel svg.chart').boundingBox();
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      expect(a.l, `"${a.s}" inside the chart`).toBeGreaterThanOrEqual(svgBox!.x - 1);
      expect(a.r, `"${a.s}" inside the chart`).toBeLessThanOrEqual(svgBox!.x + svgBox!.width + 1);
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j]!;
        const overlap = a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
        expect(overlap, `"${a.s}" overlaps "${b.s}"`).toBe(false);
      }
    }
    // The passages that carry the term show it marked.
    await poll(() => page.locator('.term-panel .cards mark').count()).toBeGreaterThan(0);
    expect((await page.locator('.term-panel .cards mark').first().textContent())!.toLowerCase()).toBe(term);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'research-compare-chart-360');
    await finish(page);
  });
});
