/**
 * Builds the HTTP app as a plugin tree (cf. fastify/demo): shared services, the error
 * handler, security headers, OpenAPI docs, the `/api` route groups (rate-limited), and the
 * web UI. No listening, no process handling: `main.ts` does that, tests call `inject`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../lib/config.ts';
import { MAX_TOTAL_HITS } from '../search/settings.ts';
import type { CorpusSync } from './corpus-sync.ts';
import { apiError } from './errors.ts';
import { adminRoutes, type AdminRoutesOptions } from './plugins/admin.ts';
import { corpusSyncPlugin } from './plugins/corpus-sync.ts';
import { docsPlugin } from './plugins/docs.ts';
import { errorHandlerPlugin, type NotFoundOptions } from './plugins/error-handler.ts';
import { securityPlugin } from './plugins/security.ts';
import { servicesPlugin, type Readiness } from './plugins/services.ts';
import { registerWeb } from './plugins/web.ts';
import { citationRoutes } from './routes/citations.ts';
import { compareRoutes } from './routes/compare.ts';
import { feedRoutes } from './routes/feed.ts';
import { healthRoutes } from './routes/health.ts';
import { kwicRoutes } from './routes/kwic.ts';
import { peopleEventRoutes } from './routes/people-events.ts';
import { recordRoutes } from './routes/records.ts';
import { searchRoutes } from './routes/search.ts';
import type { SearchPort } from './search-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the app is built from. Only `config` and `search` are required. */
export interface AppOptions {
  config: Config;
  search: SearchPort;
  /** A pino logger; none (silent) by default. */
  log?: FastifyBaseLogger;
  /** Shared readiness flag; `npm start` passes one that turns ready after the first index. Default: ready. */
  readiness?: Readiness;
  /** Requests per IP per window on /api. Default `config.rateLimitPerMinute` per minute (RATE_LIMIT_PER_MINUTE, 600). */
  rateLimit?: { max: number; timeWindow: number | string };
  /** The built web UI (default `web/dist`). */
  webRoot?: string;
  /** The engine's `maxTotalHits`: bounds page × perPage (default `MAX_TOTAL_HITS`, search/settings.ts). */
  maxTotalHits?: number;
  /** Seconds stable answers (passages, articles, people, events, compare) may be cached. Default 300. */
  cacheMaxAgeSeconds?: number;
  /** The curator's routes (/api/admin), registered only when given: the corpus sync and the KB it ingests with. */
  admin?: AdminRoutesOptions;
  /** Applies corpus files to the live index (`app.corpusSync`); `npm start` passes one, tests may. Default none. */
  corpusSync?: CorpusSync;
  /** Server timeouts in ms (main.ts sets them for a listening server). */
  timeouts?: { requestTimeout?: number; connectionTimeout?: number; keepAliveTimeout?: number };
}

/** The version in package.json, reported by /api/health and the OpenAPI document. */
export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Builds the app (not listening). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.log ? { loggerInstance: opts.log } : { logger: false }),
    // Reject unknown query parameters instead of silently dropping them: a misspelt filter
    // (`speakr=`) must not quietly return unfiltered results.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    routerOptions: { ignoreTrailingSlash: true },
    requestTimeout: opts.timeouts?.requestTimeout ?? 30_000,
    connectionTimeout: opts.timeouts?.connectionTimeout ?? 0,
    keepAliveTimeout: opts.timeouts?.keepAliveTimeout ?? 72_000,
    // Behind a reverse proxy every client shares the proxy's address: TRUST_PROXY says whose
    // X-Forwarded-For to believe, so the rate limit counts clients, not the proxy.
    trustProxy: opts.config.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const version = appVersion();
  const readiness = opts.readiness ?? { ready: true };
  const maxAgeSeconds = opts.cacheMaxAgeSeconds ?? 300;

  // The error and not-found handlers first: route contexts inherit them when they are created.
  const clientRoutes: NotFoundOptions = {};
  await app.register(errorHandlerPlugin, clientRoutes);
  await app.register(servicesPlugin, { search: opts.search, config: opts.config, readiness });
  await app.register(corpusSyncPlugin, { corpusSync: opts.corpusSync ?? null });
  await app.register(securityPlugin);
  await app.register(docsPlugin, { version });

  await app.register(
    async (api) => {
      await api.register(rateLimit, {
        max: opts.rateLimit?.max ?? opts.config.rateLimitPerMinute ?? 600,
        timeWindow: opts.rateLimit?.timeWindow ?? '1 minute',
        errorResponseBuilder: (_req, ctx) => {
          const e = apiError('RATE_LIMITED', ctx.after);
          return Object.assign(e, { statusCode: 429 });
        },
      });
      // Until the first index is built, only /api/health answers (with 503).
      api.addHook('onRequest', async (request) => {
        if (!readiness.ready && request.routeOptions.url !== '/api/health') throw apiError('NOT_READY');
      });
      await api.register(healthRoutes, { appVersion: version });
      await api.register(searchRoutes, { maxTotalHits: opts.maxTotalHits ?? MAX_TOTAL_HITS });
      await api.register(recordRoutes, { maxAgeSeconds });
      await api.register(peopleEventRoutes, { maxAgeSeconds });
      await api.register(compareRoutes, { maxAgeSeconds });
      await api.register(citationRoutes);
      await api.register(kwicRoutes);
      await api.register(feedRoutes);
      if (opts.admin) await api.register(adminRoutes, opts.admin);
    },
    { prefix: '/api' },
  );

  clientRoutes.serveClientRoute = await registerWeb(app, { webRoot: opts.webRoot ?? path.join(ROOT, 'web', 'dist'), maxAgeSeconds });
  return app;
}
