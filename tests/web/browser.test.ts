/**
 * The web UI in a real browser: Debian's Chromium driven by playwright-core against the real
 * app (Fastify + the real Meilisearch, indexed with the real corpus). Every page is checked
 * for console errors, requests to another origin (blocked) and axe-core violations, and
 * screenshotted under `test-output/screenshots/`.
 *
 * Without Chromium the tests are skipped with a loud message, unless `CI` is set: then missing
 * Chromium is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sourceUrlWithTextFragment } from '../../web/src/text-fragment.ts';
import { guardChromium, HAS_CHROMIUM, openBrowser, poll, serveCorpus, type Browser, type ServedCorpus } from './harness.ts';

guardChromium('tests/web/browser.test.ts');

describe.runIf(HAS_CHROMIUM)('the web UI in Chromium', { timeout: 120_000 }, () => {
  let served: ServedCorpus;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    served = await serveCorpus(inject('meili'), 't_web_browser_');
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
  const hitLinks = (page: Page) => page.locator('.hits .card-title a').evaluateAll((els) => els.map((a) => a.getAttribute('href')));

  it('searches as you type, filters by a speaker facet, opens a passage and copies its citation', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    await shot(page, 'search-home');

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('ngoại giao');
    await poll(() => page.url()).toContain('q=ngo%E1%BA%A1i+giao');
    await poll(() => page.locator('#result-count').textContent()).toContain('khớp với “ngoại giao”');
    await poll(() => page.locator('.hits mark').count()).toBeGreaterThan(0);

    // One /api/search request per state change: facet counts come with the results.
    const searches: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/search') searches.push(req.url());
    });
    const speakerBox = page.locator('fieldset.facet:has(legend:text("Người phát biểu")) input[type=checkbox]').first();
    const speakerId = await speakerBox.getAttribute('data-value');
    const speakerName = (await page.locator(`label[for="${await speakerBox.getAttribute('id')}"] .facet-name`).textContent())!;
    await speakerBox.check();
    await poll(() => page.url()).toContain(`speaker=${speakerId}`);
    await poll(async () => [...new Set(await page.locator('.hits .speaker a').allTextContents())]).toEqual([speakerName]);
    expect(searches, 'search requests for one facet click').toHaveLength(1);
    expect(new URL(searches[0]!).searchParams.getAll('speaker')).toEqual([speakerId]);
    // Facet values are OR-ed: the other speakers stay listed and adding one widens the results.
    const oneSpeakerCount = (await page.locator('#result-count').textContent())!;
    const second = page.locator('fieldset.facet:has(legend:text("Người phát biểu")) input[type=checkbox]:not(:checked)').first();
    const secondId = await second.getAttribute('data-value');
    await second.check();
    await poll(() => page.url()).toContain(`speaker=${secondId}`);
    await poll(() => page.locator('#result-count').textContent()).not.toBe(oneSpeakerCount);
    expect(searches, 'search requests after a second facet click').toHaveLength(2);
    // Both picked speakers stay listed, with the other speakers still countable.
    expect(await page.locator('input[data-facet=speaker]:checked').count()).toBe(2);
    expect(await page.locator('input[data-facet=speaker]:not(:checked)').count()).toBeGreaterThan(0);
    await page.goBack();
    await poll(() => page.url()).not.toContain(`speaker=${secondId}`);
    await poll(() => page.locator('#result-count').textContent()).toBe(oneSpeakerCount);
    await shot(page, 'search-speaker-facet');
    expect(await seriousViolations(page)).toEqual([]);

    const firstTitle = page.locator('.hits .card-title a').first();
    const title = (await firstTitle.textContent())!;
    await firstTitle.click();
    await poll(() => page.locator('h1').textContent()).toBe(title);
    expect(page.url()).toMatch(/\/passages\/a-[0-9a-f]+-[0-9a-f]+$/);
    const quoted = (await page.locator('.focus-passage blockquote').textContent())!;
    expect(await page.locator('.article-body .current').textContent()).toBe(quoted);
    expect(await page.locator('meta[name="citation_title"]').getAttribute('content')).toBe(title);
    const passageId = page.url().split('/passages/')[1]!;
    const api = (await (await fetch(`${base}/api/passages/${passageId}`)).json()) as { passage: { url: string | null } };
    if (api.passage.url) expect(await page.locator('#source-link').getAttribute('href')).toContain('#:~:text=');
    else expect(await page.locator('.focus-passage .actions').textContent()).toContain('Bài gốc không có địa chỉ web.');
    await shot(page, 'passage');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#cite-open').click();
    await poll(() => page.locator('dialog[open]').count()).toBe(1);
    await page.locator('#cite-format').selectOption({ label: 'APA' });
    const citation = (await page.locator('#cite-text').textContent())!;
    expect(citation).toContain(quoted);
    await page.locator('#cite-copy').click();
    await poll(() => page.locator('.copy-status').textContent()).toBe('Đã sao chép vào bộ nhớ tạm.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
    await shot(page, 'passage-cite-dialog');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await poll(() => page.locator('dialog[open]').count()).toBe(0);

    await page.goBack();
    await poll(() => page.url()).toContain(`speaker=${speakerId}`);
    await finish(page);
  });

  it('links a passage to its original page with a text fragment and citation meta tags', async () => {
    const found = (await (await fetch(`${base}/api/search?q=${encodeURIComponent('ngoại giao')}&perPage=100`)).json()) as {
      hits: { id: string; text: string; url: string | null; title: string; date: string | null; source: string | null }[];
    };
    const hit = found.hits.find((h) => h.url && h.date && h.source)!;
    expect(hit, 'a passage with a source URL in the corpus').toBeTruthy();
    const page = await newPage();
    await page.goto(`${base}/passages/${hit.id}`);
    await poll(() => page.locator('h1').textContent()).toBe(hit.title);
    expect(await page.locator('#source-link').getAttribute('href')).toBe(sourceUrlWithTextFragment(hit.url, hit.text));
    const meta = (name: string) => page.locator(`meta[name="${name}"]`).getAttribute('content');
    expect(await meta('citation_title')).toBe(hit.title);
    expect(await meta('citation_date')).toBe(hit.date!.replace(/-/g, '/'));
    expect(await meta('citation_publisher')).toBe(hit.source);
    expect(await meta('citation_public_url')).toBe(hit.url);
    await finish(page);
  });

  it('restores the same results from a shared URL with filters, sort and page', async () => {
    const first = await newPage();
    const shared = `${base}/?q=${encodeURIComponent('hội nghị ngoại giao')}&event=hnng-32&sort=date-desc`;
    await first.goto(shared);
    await poll(() => first.locator('.hits li').count()).toBeGreaterThan(0);
    const expected = await hitLinks(first);
    const count = await first.locator('#result-count').textContent();
    expect(await first.locator('#sort').inputValue()).toBe('date-desc');
    expect(await first.locator('input[data-facet=event][data-value="hnng-32"]').isChecked()).toBe(true);
    await finish(first);

    const second = await newPage();
    await second.goto(shared);
    await poll(() => hitLinks(second)).toEqual(expected);
    expect(await second.locator('#result-count').textContent()).toBe(count);
    expect(await second.locator('#q').inputValue()).toBe('hội nghị ngoại giao');
    await finish(second);
  });

  it('shows a helpful empty state and clears the search with Esc', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('xyzzy qwertyuiop')}`);
    await poll(() => page.locator('.empty-state').count()).toBe(1);
    expect(await page.locator('.empty-state li').allTextContents()).toContain('ít từ hơn: “xyzzy”');
    await shot(page, 'search-empty');
    await page.locator('#q').focus();
    await page.keyboard.press('Escape');
    await poll(() => page.url()).toBe(`${base}/`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    await finish(page);
  });

  it('says "No exact match" for diacritics that match nothing, and runs the search without them on request', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại gìao')}`);
    await poll(() => page.locator('.relaxed-offer').count()).toBe(1);
    expect(await page.locator('.relaxed-offer .notice-title').textContent()).toBe('Không có kết quả khớp chính xác cho “ngoại gìao” — tìm không dấu?');
    expect(await page.locator('.hits li').count()).toBe(0);
    await page.locator('.relaxed-offer a.relaxed-search').click();
    await poll(() => decodeURIComponent(page.url())).toContain('q=ngoai+giao');
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    await finish(page);
  });

  it('debounces typing: far fewer searches than keystrokes, the last one for the whole query', async () => {
    const page = await newPage();
    await page.goto(`${base}/events`);
    await poll(() => page.locator('h1').textContent()).toBe('Các sự kiện');
    const searches: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/search') searches.push(req.url());
    });
    await page.keyboard.press('/');
    await page.keyboard.type('ngoại giao kinh tế');
    await poll(() => page.locator('#result-count').textContent()).toContain('“ngoại giao kinh tế”');
    expect(searches.length).toBeLessThan('ngoại giao kinh tế'.length / 2);
    expect(decodeURIComponent(searches.at(-1)!)).toContain('q=ngoại+giao+kinh+tế');
    await finish(page);
  });

  it('says plainly when the API fails', async () => {
    const page = await newPage();
    await page.route('**/api/search?**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'ENGINE_UNAVAILABLE', message: 'The search engine is unavailable; try again shortly' }) }),
    );
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.notice-error').textContent()).toContain('Không thể tải dữ liệu từ máy chủ.');
    expect(await page.locator('.notice-error button').textContent()).toBe('Thử lại');
    await shot(page, 'search-api-error');
    // The browser itself logs the 503 response; nothing else may be logged.
    await finish(page, /status of 503/);
  });

  it('shows API text as text: only <mark> survives from highlighted snippets, titles are never HTML', async () => {
    const page = await newPage();
    const hit = {
      id: 'a-000000000001-00000001', articleId: 'a-000000000001', ordinal: 0, kind: 'paragraph', credit: null, speaker: null, eventIds: [],
      title: '<img src=x id=title-img>Tiêu đề', date: '2023-12-19', source: 'Nguồn <b>đậm</b>', url: null, anchor: 'x', permalink: '/passages/x',
      text: 'Đoạn <img src=x onerror=alert(1)> về ngoại giao',
      highlighted: 'Đoạn &lt;img src=x onerror=alert(1)&gt; về <mark>ngoại giao</mark>',
      // A server bug must not become script: raw HTML besides <mark> is dropped to its text.
      snippet: 'Đoạn &lt;img src=x&gt; <img src=x id=snippet-img> về <mark>ngoại giao</mark>',
    };
    await page.route('**/api/search?**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ hits: [hit], facets: { event: {}, speaker: {}, year: {}, kind: {}, source: {} }, total: 1, page: 1, perPage: 10, tookMs: 1 }) }),
    );
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.hits li').count()).toBe(1);
    expect(await page.locator('.hits img').count()).toBe(0);
    expect(await page.locator('.hits .card-title a').textContent()).toBe('<img src=x id=title-img>Tiêu đề');
    expect(await page.locator('.hits .passage-text').textContent()).toBe('Đoạn <img src=x>  về ngoại giao');
    expect(await page.locator('.hits .passage-text mark').allTextContents()).toEqual(['ngoại giao']);
    expect(await page.locator('.hits .meta').textContent()).toContain('Nguồn <b>đậm</b>');
    await finish(page);
  });

  it('operates facets by keyboard and keeps focus on the checkbox after the results change', async () => {
    const page = await newPage();
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    const box = page.locator('fieldset.facet:has(legend:text("Năm")) input[type=checkbox]').first();
    const year = (await box.getAttribute('data-value'))!;
    await box.focus();
    await page.keyboard.press('Space');
    await poll(() => page.url()).toContain(`year=${year}`);
    await poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.value ?? null)).toBe(year);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    // `/` jumps from the checkbox to the search box.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await finish(page);
  });

  it('compares HNNG 31 and HNNG 32 side by side with both themes and charts a term', async () => {
    const page = await newPage();
    await page.goto(`${base}/compare?events=hnng-31,hnng-32`);
    await poll(() => page.locator('.compare-col').count()).toBe(2);
    const api = (await (await fetch(`${base}/api/compare?events=hnng-31,hnng-32`)).json()) as { events: { event: { id: string }; themes: { text: string }[] }[] };
    for (const [i, id] of ['hnng-31', 'hnng-32'].entries()) {
      const col = page.locator('.compare-col').nth(i);
      expect(await col.locator('h2 a').getAttribute('href')).toBe(`/events/${id}`);
      const shown = await col.locator('q.theme').allTextContents();
      const fromApi = api.events.find((e) => e.event.id === id)!.themes.map((th) => th.text);
      expect(shown.length).toBeGreaterThan(0);
      if (fromApi.length) expect(shown).toEqual([...new Set(fromApi)]);
      expect(shown.join(' ')).toContain('tiên phong');
    }
    expect(await seriousViolations(page)).toEqual([]);
    const term = page.locator('.compare-col .chips a').first();
    const termText = (await term.textContent())!;
    await term.click();
    await poll(() => page.locator('.term-panel svg.chart rect.chart-bar').count()).toBe(2);
    expect(decodeURIComponent(page.url())).toContain(`term=${termText}`.replace(/ /g, '+'));
    await shot(page, 'compare');
    expect(await seriousViolations(page)).toEqual([]);
    await finish(page);
  });

  it('shows a speaker page with roles over time and statements grouped by event', async () => {
    const page = await newPage();
    await page.goto(`${base}/speakers/bui-thanh-son`);
    await poll(() => page.locator('h1').textContent()).toBe('Bùi Thanh Sơn');
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('.group').count()).toBeGreaterThan(0);
    await shot(page, 'speaker');
    expect(await seriousViolations(page)).toEqual([]);
    await finish(page);
  });

  it('shows an event page with its date, verbatim themes, speakers and key points', async () => {
    const page = await newPage();
    await page.goto(`${base}/events/hnng-31`);
    await poll(() => page.locator('h1').textContent()).toBe('Hội nghị Ngoại giao lần thứ 31');
    expect(await page.locator('.event-page > .meta time').getAttribute('datetime')).toBe('2021-12-15');
    expect((await page.locator('q.theme').allTextContents()).join(' ')).toContain('tiên phong, toàn diện, hiện đại');
    await shot(page, 'event');
    expect(await seriousViolations(page)).toEqual([]);
    await finish(page);
  });

  it('switches the interface to English and keeps it in the URL', async () => {
    const page = await newPage();
    await page.goto(`${base}/events/hnng-32`);
    await poll(() => page.locator('h1').textContent()).toBe('Hội nghị Ngoại giao lần thứ 32');
    await page.locator('#lang-switch').click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(page.url()).toContain('lang=en');
    await poll(() => page.locator('#themes-h').textContent()).toBe('Themes (verbatim)');
    await page.reload();
    await poll(() => page.locator('label[for=q]').textContent()).toBe('Search passages');
    await shot(page, 'event-english');
    // The choice is saved in localStorage, which the other tests share: switch back.
    await page.locator('#lang-switch').click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(page.url()).not.toContain('lang=');
    await finish(page);
  });

  it('marks Vietnamese content lang="vi" when the interface is in English', async () => {
    const page = await newPage();
    /** The language each matched element is read in: its nearest `lang` attribute. */
    const langsOf = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => el.closest('[lang]')?.getAttribute('lang') ?? null));
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}&lang=en`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('label[for=q]').textContent()).toBe('Search passages');
    const expectVietnamese = async (selectors: string[]) => {
      for (const selector of selectors) {
        const langs = await langsOf(selector);
        expect(langs.length, selector).toBeGreaterThan(0);
        expect(new Set(langs), selector).toEqual(new Set(['vi']));
      }
    };
    await expectVietnamese(['.hits .passage-text', '.hits .card-title a', '.hits .speaker a', 'input[data-facet=speaker] + label .facet-name']);
    // Event names come in English where the knowledge base has them (corpus/kb/names-en.json).
    expect(new Set(await langsOf('input[data-facet=event] + label .facet-name'))).toEqual(new Set(['en']));
    expect(await page.locator('input[data-facet=event] + label .facet-name').allTextContents()).toContain('31st Diplomatic Conference');
    // Interface words stay English.
    expect(await langsOf('#result-count')).toEqual(['en']);
    expect(new Set(await langsOf('input[data-facet=kind] + label .facet-name'))).toEqual(new Set(['en']));

    await page.goto(`${base}/events/hnng-31?lang=en`);
    await poll(() => page.locator('#themes-h').textContent()).toBe('Themes (verbatim)');
    expect(await page.locator('h1').textContent()).toBe('31st Diplomatic Conference');
    expect(await langsOf('h1')).toEqual(['en']);
    expect(await page.locator('h1 + p').textContent()).toBe('Hội nghị Ngoại giao lần thứ 31');
    // A speaker chip: the name as printed (Vietnamese), the role in English where the KB has it.
    await expectVietnamese(['h1 + p', 'q.theme', '.chips .chip > :first-child', '.article-list a', '.points li > span']);
    expect(new Set(await langsOf('.chips .chip > .muted'))).toEqual(new Set(['en']));
    expect(await seriousViolations(page)).toEqual([]);
    // The choice is saved in localStorage, which the other tests share: switch back.
    await page.locator('#lang-switch').click();
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await finish(page);
  });

  it('works at 360 px wide without horizontal scrolling', async () => {
    const page = await newPage(360);
    await page.goto(`${base}/?q=${encodeURIComponent('ngoại giao')}`);
    await poll(() => page.locator('.hits li').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'search-360');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/compare?events=hnng-31,hnng-32`);
    await poll(() => page.locator('.compare-col').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'compare-360');
    await finish(page);
  });
});
