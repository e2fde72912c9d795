/**
 * Issue 11 in a real browser (Debian's Chromium, the real app and engine, the real corpus): the
 * speaker chip, the event name on result cards, an event's grouped points, the date labelled as
 * the event's, and the scroll and focus fixes. Same set-up as browser.test.ts, its own index.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { guardChromium, HAS_CHROMIUM, openBrowser, poll, ROOT, serveCorpus, type Browser, type ServedCorpus } from './harness.ts';

guardChromium('tests/web/leader-browser.test.ts');

describe.runIf(HAS_CHROMIUM)('issue 11 in Chromium', { timeout: 120_000 }, () => {
  let served: ServedCorpus;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveCorpus(inject('meili'), 't_web_leader_');
    base = served.base;
    browser = await openBrowser(base, { clipboard: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const newPage = (width?: number) => browser.newPage(width);
  const finish = (page: Page, allow?: RegExp) => browser.finish(page, allow);
  const seriousViolations = (page: Page) => browser.seriousViolations(page);
  const shot = (page: Page, name: string) => browser.shot(page, name);
  /** The language choice is saved in the profile: an English test leaves the Vietnamese interface behind it. */
  const backToVietnamese = async (page: Page) => {
    await page.goto(`${base}/?lang=vi`);
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
  };

  it('shows the reading of a leader query as a removable chip, and × searches the words as typed', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('Phạm Minh Chính ngoại giao kinh tế')}`);
    const chip = page.locator('.reading-chip').first();
    await poll(() => chip.textContent()).toBe('Người phát biểu: Phạm Minh Chính×');
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    expect([...new Set(await page.locator('.hits .speaker a').allTextContents())]).toEqual(['Phạm Minh Chính']);
    expect(await page.locator('.reading-topic').textContent()).toBe('Chủ đề: ngoại giao kinh tế');
    await shot(page, 'leader-chip');
    expect(await seriousViolations(page)).toEqual([]);
    await chip.locator('.chip-remove').click();
    await poll(() => page.url()).toContain('literal=true');
    await poll(() => page.locator('.reading-chip').count()).toBe(0);
    await poll(() => page.locator('#result-count').textContent()).toContain('khớp với “Phạm Minh Chính ngoại giao kinh tế”');
    await finish(page);
  });

  it('names the event on every result card that has one, linking to the event page', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao vắc-xin')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    const names = await page.locator('.hits .card-events a').allTextContents();
    expect(names).toContain('Hội nghị Ngoại giao lần thứ 31');
    const href = await page.locator('.hits .card-events a', { hasText: 'Hội nghị Ngoại giao lần thứ 31' }).first().getAttribute('href');
    expect(href).toBe('/events/hnng-31');
    await finish(page);
  });

  it('labels a date taken from the event as “ngày sự kiện”, and oldest first never opens on an undated passage', async () => {
    const page = await newPage();
    await page.goto(`${base}/?sort=date-asc`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits .card time').first().textContent()).not.toBe('Không rõ ngày');
    await page.goto(`${base}/?event=hnng-32&sort=date-asc`);
    await poll(() => page.locator('.hits .date-kind').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits .date-kind').first().textContent()).toBe('(ngày sự kiện)');
    await finish(page);
  });

  it('shows an event’s numbered lists as separate groups with their speaker and intro, never interleaved', async () => {
    const page = await newPage();
    await page.goto(`${base}/events/hnng-31`);
    await poll(() => page.locator('.point-group').count()).toBeGreaterThanOrEqual(2);
    const groups = page.locator('.point-group');
    for (let i = 0; i < 2; i++) {
      const labels = await groups.nth(i).locator('ol.points li strong').allTextContents();
      expect(labels).toEqual(['Thứ nhất', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm']);
      expect(await groups.nth(i).locator('.point-group-speaker a').textContent()).toBe('Phạm Minh Chính');
    }
    expect(await groups.nth(1).locator('.point-group-intro').count()).toBe(1);
    await shot(page, 'event-point-groups');
    expect(await seriousViolations(page)).toEqual([]);
    await finish(page);
  });

  it('starts the reader at the new results after “Next page”, with focus on the result count', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.pagination a[rel=next]').count()).toBe(1);
    const firstOfPage1 = await page.locator('.hits .card-title a').first().getAttribute('href');
    await page.locator('.pagination a[rel=next]').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await page.locator('.pagination a[rel=next]').click();
    await poll(() => page.url()).toContain('page=2');
    await poll(() => page.locator('.hits .card-title a').first().getAttribute('href')).not.toBe(firstOfPage1);
    await poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('result-count');
    await finish(page);
  });

  it('keeps the title, date and Cite button on screen when a result opens, focus on the title, and Back restores the scroll', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(5);
    const link = page.locator('.hits .card-title a').nth(6);
    await link.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(200);
    await link.click();
    await poll(() => page.url()).toContain('/passages/');
    await poll(() => page.locator('.passage-page h1').count()).toBe(1);
    await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const cite = page.locator('.focus-passage .actions .button').first();
    const box = (await cite.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(900);
    await page.goBack();
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(5);
    await poll(() => page.evaluate(() => window.scrollY)).toBe(y);
    await finish(page);
  });

  it('skips from the search box to the first result in one Tab', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    await page.locator('#q').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-results');
    await page.keyboard.press('Enter');
    const first = await page.locator('.hits .card-title a').first().getAttribute('href');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(first);
    await finish(page);
  });

  it('says what is wrong with a bad filter in the URL, and offers the last page past the end', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=ngoai+giao&from=2023-13-01`);
    await poll(() => page.locator('.notice-error').textContent()).toContain('Không hiểu được yêu cầu tìm kiếm này.');
    expect(await page.locator('.notice-error').textContent()).toContain('from');
    expect(await page.locator('.notice-error').textContent()).not.toContain('Không tìm thấy trang này');
    await page.goto(`${base}/?q=ngoai+giao&page=500`);
    await poll(() => page.locator('.results .notice').textContent()).toMatch(/Không có trang 500: kết quả chỉ có \d+ trang\./);
    await page.locator('.results .notice a').click();
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('offers the "/" key hint on a desktop and never on a touch-only phone or tablet, in both languages', async () => {
    const desktop = await newPage();
    await desktop.goto(`${base}/`);
    await poll(() => desktop.locator('#q-hint').isVisible()).toBe(true);
    expect(await desktop.locator('.kbd-hint').isVisible()).toBe(true);
    expect(await desktop.locator('.kbd-hint').textContent()).toBe('/');
    expect(await desktop.locator('#q-hint').textContent()).toBe('Nhấn / để tìm, Esc để xoá');
    expect(await desktop.locator('#q').getAttribute('aria-describedby')).toBe('q-hint');
    await desktop.locator('main').click({ position: { x: 5, y: 5 } });
    await desktop.keyboard.press('/');
    await poll(() => desktop.evaluate(() => document.activeElement?.id)).toBe('q');
    await finish(desktop);

    const phone = await openBrowser(base, { touch: true });
    try {
      // A phone in Vietnamese, a tablet (wide enough for the hint line) in English.
      for (const [lang, width] of [['vi', 390], ['en', 820]] as const) {
        const page = await phone.newPage(width);
        await page.goto(`${base}/?lang=${lang}`);
        await poll(() => page.locator('#q').isVisible()).toBe(true);
        await poll(() => page.locator('.site-header nav a').first().textContent()).toBe(lang === 'vi' ? 'Tra cứu' : 'Search');
        expect(await page.locator('.kbd-hint').isVisible()).toBe(false);
        expect(await page.locator('#q-hint').isVisible()).toBe(false);
        // Nor is a screen reader on the phone told to press a key.
        expect(await page.locator('#q').getAttribute('aria-describedby')).toBeNull();
        // The viewport only: a full-page capture drops the touch emulation while it runs (the badge shows in it).
        await page.screenshot({ path: path.join(ROOT, 'test-output', 'screenshots', `touch-search-box-${lang}.png`) });
        await phone.finish(page);
      }
    } finally {
      await phone.close();
    }
  });

  it('names the events a speaker spoke at in English throughout the English speaker page', async () => {
    const page = await newPage();
    await page.goto(`${base}/speakers/bui-thanh-son?lang=en`);
    await poll(() => page.locator('.speaker-page .group h3 a').count()).toBeGreaterThan(0);
    const headings = await page.locator('.speaker-page .group h3 a').allTextContents();
    expect(headings).toContain('31st Diplomatic Conference');
    expect(headings).toContain('Ministry of Foreign Affairs mid-year review conference, 2022');
    // No heading left in Vietnamese where the knowledge base has an English name.
    expect(headings.filter((x) => /Hội nghị|Buổi làm việc/.test(x))).toEqual([]);
    await backToVietnamese(page);
    await finish(page);
  });

  it('gives the speakers’ roles in English on the English event page', async () => {
    const page = await newPage();
    await page.goto(`${base}/events/hnng-31?lang=en`);
    await poll(() => page.locator('.point-group-speaker').count()).toBeGreaterThan(0);
    expect(await page.locator('.point-group-speaker').first().textContent()).toBe('Phạm Minh Chính, Prime Minister');
    expect(await page.locator('.chips .chip', { hasText: 'Bùi Thanh Sơn' }).textContent()).toBe('Bùi Thanh Sơn · Minister of Foreign Affairs');
    await backToVietnamese(page);
    await finish(page);
  });

  it('shows the date range fields with their whole "YYYY-MM-DD" hint, in both languages', async () => {
    for (const lang of ['vi', 'en']) {
      const page = await newPage();
      await page.goto(`${base}/?lang=${lang}&q=${encodeURIComponent('ngoại giao')}`);
      await poll(() => page.locator('#date-from').isVisible()).toBe(true);
      for (const id of ['#date-from', '#date-to']) {
        const room = await page.locator(id).evaluate((el) => {
          const input = el as HTMLInputElement;
          const style = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = style.font;
          const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return inner - ctx.measureText(input.placeholder).width;
        });
        expect(room, `${lang} ${id}: room left beside the placeholder, px`).toBeGreaterThan(0);
      }
      if (lang === 'en') await backToVietnamese(page);
      await finish(page);
    }
  });

  it('keeps the results column full width when a search finds nothing (no filter box beside it)', async () => {
    const page = await newPage(1280);
    await page.goto(`${base}/?q=${encodeURIComponent('xyzzyqwv không có đâu')}`);
    await poll(() => page.locator('#result-count').textContent()).toContain('0 đoạn văn');
    expect(await page.locator('aside.sidebar').isVisible()).toBe(false);
    const column = await page.locator('.results-column').boundingBox();
    const frame = await page.locator('.search-layout').boundingBox();
    // The whole layout's width, not the 16rem sidebar column it fell into.
    expect(column!.width).toBeGreaterThan(frame!.width - 2);
    await shot(page, 'no-result-full-width');
    await finish(page);
  });

  it('answers a browser asking for an unknown path with the app’s page-not-found, status 404', async () => {
    const page = await newPage();
    const res = await page.goto(`${base}/no/such/page`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-type']).toContain('text/html');
    await poll(() => page.locator('main h1').textContent()).toBe('Không tìm thấy trang này.');
    await page.close();
  });
});
