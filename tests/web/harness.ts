/**
 * What every browser test file shares: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), the real app serving the real corpus from the real engine, and pages that
 * record console errors and block (and record) any request to another origin.
 *
 * Without Chromium the browser tests are skipped with a loud message, unless `CI` is set: then
 * missing Chromium is a failure (`guardChromium`).
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import { loadConfig } from '../../lib/config.ts';
import { buildWeb } from '../../scripts/build-web.ts';
import { createSearchService } from '../../search/index.ts';
import { buildApp } from '../../server/app.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const MANDATORY = Boolean(process.env.CI);
const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

/**
 * Says loudly when Chromium is missing, and registers a failing test for it when CI is set.
 * Call once at the top level of each browser test file.
 */
export function guardChromium(file: string): void {
  if (HAS_CHROMIUM) return;
  const line = '!'.repeat(78);
  process.stderr.write(
    `\n${line}\n!! ${file}: ${CHROMIUM} not found — browser tests ${MANDATORY ? 'FAIL (CI is set)' : 'SKIPPED'}.\n!! Install it with: sudo apt-get install chromium\n${line}\n\n`,
  );
  describe.runIf(MANDATORY)(`${file} on CI`, () => {
    it('finds Chromium at /usr/bin/chromium', () => {
      expect(existsSync(CHROMIUM), 'Chromium is required when CI is set').toBe(true);
    });
  });
}

/** Polls generously: the whole suite shares two cores, and a search may take seconds under load. */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout, interval: 100 });

/** The web UI built into a throw-away folder, so a concurrent run's `web/dist` is never half-replaced. */
export async function buildWebInto(prefix: string): Promise<{ dist: string; remove: () => Promise<void> }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await buildWeb({ outDir: path.join(root, 'dist') });
  return { dist: path.join(root, 'dist'), remove: () => fs.rm(root, { recursive: true, force: true }) };
}

/** The base URL of an app listening on a free loopback port. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/** A served app: the real corpus, ingested and indexed under its own index prefix, behind the real API and web UI. */
export interface ServedCorpus {
  app: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

/** Ingests `corpus/raw`, indexes it under `indexPrefix` and serves it with the built web UI on loopback. */
export async function serveCorpus(meili: { url: string; masterKey: string }, indexPrefix: string): Promise<ServedCorpus> {
  const web = await buildWebInto('ngkb-web-dist-');
  const config = loadConfig({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, INDEX_PREFIX: indexPrefix, LOG_LEVEL: 'silent' }, ROOT);
  const kb = await loadKnowledgeBase(config.kbDir);
  const result = await runIngest({ inputDir: config.corpusDir, kb });
  const search = createSearchService({ url: meili.url, masterKey: meili.masterKey, indexPrefix: config.indexPrefix });
  // Workaround: meilisearch-js waits only 5 s for a `createIndex` task (Index.create ignores the
  // client's defaultWaitOptions), which a loaded 2-core machine running every test file can exceed.
  for (let attempt = 1; ; attempt++) {
    try {
      await search.reindex(result, { fingerprint: result.fingerprint, kb });
      break;
    } catch (err) {
      if (attempt >= 3 || (err as Error).name !== 'EngineUnavailableError') throw err;
    }
  }
  const app = await buildApp({ config, search, webRoot: web.dist, rateLimit: { max: 100_000, timeWindow: '1 minute' } });
  const base = await listenOnLoopback(app);
  return {
    app,
    base,
    async close() {
      await app.close();
      await web.remove();
    },
  };
}

/** What one page did that a test must notice. */
interface PageLog {
  consoleErrors: string[];
  foreignRequests: string[];
}

/** Options of `openBrowser`. */
export interface BrowserOptions {
  /** Allow downloads (export links, bulk citation files). */
  acceptDownloads?: boolean;
  /** Grant clipboard access to `base` (Copy buttons). */
  clipboard?: boolean;
  /** Console errors a test expects, e.g. Chromium's line for a 401 the page shows as an answer. */
  expectedConsoleErrors?: RegExp;
  /** Default timeout of each page's actions, ms (default 20 000). */
  pageTimeoutMs?: number;
  /** A touch-only phone: `hasTouch` and `isMobile` (Chromium then matches `(hover: none)` and `(pointer: coarse)`). */
  touch?: boolean;
}

/** Chromium on a fresh profile, with pages that stay on `base`. */
export interface Browser {
  context: BrowserContext;
  /** A new tab of `width` px that records console errors and blocks (and records) any request to another origin. */
  newPage(width?: number): Promise<Page>;
  /** Asserts the page stayed on its origin and logged no unexpected error (`allow`: errors the test caused on purpose), then closes it. */
  finish(page: Page, allow?: RegExp): Promise<void>;
  /** Runs axe-core and returns the serious and critical violations (`rule id: first target`). */
  seriousViolations(page: Page): Promise<string[]>;
  /** A full-page screenshot under `test-output/screenshots/<name>.png`. */
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium headless on a throw-away profile.
 * @see https://playwright.dev/docs/api/class-browsertype#browser-type-launch-persistent-context
 */
export async function openBrowser(base: string, opts: BrowserOptions = {}): Promise<Browser> {
  const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
    ...(opts.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  let axeSource: string | null = null;
  const logs = new Map<Page, PageLog>();
  const expected = opts.expectedConsoleErrors;

  return {
    context,
    async newPage(width = 1280) {
      const page = await context.newPage();
      page.setDefaultTimeout(opts.pageTimeoutMs ?? 20_000);
      await page.setViewportSize({ width, height: 900 });
      const log: PageLog = { consoleErrors: [], foreignRequests: [] };
      logs.set(page, log);
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !expected?.test(msg.text())) log.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => log.consoleErrors.push(String(err)));
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (new URL(url).origin !== base) {
          log.foreignRequests.push(url);
          await route.abort('blockedbyclient');
        } else {
          await route.continue();
        }
      });
      return page;
    },
    async finish(page, allow) {
      const log = logs.get(page)!;
      await page.close();
      expect(log.foreignRequests, 'requests to another origin').toEqual([]);
      expect(log.consoleErrors.filter((e) => !allow?.test(e)), 'console errors').toEqual([]);
    },
    async seriousViolations(page) {
      axeSource ??= await fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      // evaluate() runs through the DevTools protocol, so the page's strict CSP does not block it.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(' ') ?? '' }));
      });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.target}`);
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await fs.rm(profileDir, { recursive: true, force: true });
    },
  };
}
