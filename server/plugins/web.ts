/**
 * Serves the web UI (the web engineer's build output, default `web/dist`) at `/`, with
 * `index.html` for client routes (`/passages/:id`, `/speakers/:id`, `/events/:id`, `/compare`…),
 * and the self-hosted Be Vietnam Pro font files at `/fonts/` (no request leaves the origin).
 * `/passages/:id` and `/articles/:id` get their `<title>` and citation meta tags filled in
 * server-side (citation-page.ts), a 404 for an unknown id, and the plain page when the engine
 * cannot answer.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { articlePageHead, fillPageHead, passagePageHead, type PageHead } from '../citation-page.ts';
import { setCacheHeaders } from '../http-cache.ts';
import { absoluteUrl, articlePath, passagePath } from '../present.ts';
import { ID_PATTERN } from '../schemas.ts';

/** Paths the web app routes itself; an unknown path elsewhere is a JSON 404. */
const CLIENT_ROUTE = /^\/(?:|search|passages\/[^/]+|articles\/[^/]+|speakers(?:\/[^/]+)?|events(?:\/[^/]+)?|compare|kwic|about|admin)\/?$/;

/** Directory of the `@fontsource/be-vietnam-pro` package, or null when it is not installed. */
export function fontDirectory(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@fontsource/be-vietnam-pro/package.json'));
  } catch {
    return null;
  }
}

export interface WebOptions {
  /** The built web app; nothing is served at `/` when it does not exist. */
  webRoot: string;
  /** Seconds a passage or article page may be cached: the same as its API answer. */
  maxAgeSeconds: number;
}

/** A record page's kind and id (URL-decoded), or null for another client route. */
export function recordPage(pathname: string): { kind: 'passage' | 'article'; id: string } | null {
  const m = /^\/(passages|articles)\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[2]!);
  } catch {
    id = ''; // Malformed percent-encoding: no record has that id.
  }
  return { kind: m[1] === 'passages' ? 'passage' : 'article', id };
}

/** Ids the API accepts (schemas.ts); anything else cannot name a record. */
const VALID_ID = new RegExp(ID_PATTERN);

/** The head of a record page from the search service; null when there is no such record. */
async function lookUpPageHead(app: FastifyInstance, request: FastifyRequest, page: { kind: 'passage' | 'article'; id: string }): Promise<PageHead | null> {
  if (!VALID_ID.test(page.id)) return null;
  const search = app.searchService;
  if (page.kind === 'passage') {
    const passage = await search.getPassage(page.id);
    if (!passage) return null;
    // As the API: a passage whose article is missing is not found.
    const article = await search.getArticle(passage.articleId);
    return article ? passagePageHead(passage, article, absoluteUrl(request, passagePath(passage.id))) : null;
  }
  const article = await search.getArticle(page.id);
  if (!article) return null;
  // findPassages returns an article's passages by ordinal: the first is the opening one.
  const first = article.lead ? null : ((await search.findPassages({ articleId: [article.id] }))[0]?.text ?? null);
  return articlePageHead(article, first, absoluteUrl(request, articlePath(article.id)));
}

/** Registers the static file routes; returns the client-route fallback for the not-found handler. */
export async function registerWeb(
  app: FastifyInstance,
  opts: WebOptions,
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<boolean>> {
  const fonts = fontDirectory();
  if (fonts) {
    await app.register(fastifyStatic, {
      root: fonts,
      prefix: '/fonts/',
      decorateReply: false,
      // Font files never change under a given version of the package.
      maxAge: '30d',
      immutable: true,
    });
  }
  const hasWeb = fs.existsSync(path.join(opts.webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: opts.webRoot,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      // index.html must be revalidated so a new build is picked up; hashed assets could be longer.
      cacheControl: true,
      maxAge: 0,
    });
  }
  const indexFile = path.join(opts.webRoot, 'index.html');

  /** Serves a record page: 200 with its tags, 404 for an unknown id, the plain page when the lookup fails. */
  const serveRecordPage = async (request: FastifyRequest, reply: FastifyReply, page: { kind: 'passage' | 'article'; id: string }): Promise<void> => {
    // Read per request (about 1 kB): a rebuilt web/dist is picked up without a restart.
    const template = await fs.promises.readFile(indexFile, 'utf8');
    reply.type('text/html; charset=utf-8');
    if (!app.readiness.ready) {
      // The first index is still being built: an id missing now may exist in a minute.
      await reply.header('cache-control', 'no-store').send(template);
      return;
    }
    let head: PageHead | null;
    try {
      head = await lookUpPageHead(app, request, page);
    } catch (err) {
      // Engine down or failing: the app still loads (its own API calls will say what is wrong).
      const e = err as { name?: string; message?: string };
      request.log.warn({ err: { name: e?.name, message: e?.message } }, 'citation meta tags omitted: record lookup failed');
      await reply.header('cache-control', 'no-store').send(template);
      return;
    }
    if (!head) {
      // The web app's own not-found view: it asks the API, gets a 404 and says so.
      await reply.code(404).header('cache-control', 'no-cache').send(template);
      return;
    }
    const html = fillPageHead(template, head);
    if (setCacheHeaders(request, reply, html, opts.maxAgeSeconds)) {
      await reply.code(304).send('');
      return;
    }
    await reply.send(html);
  };

  return async (request, reply) => {
    if (!hasWeb || request.method !== 'GET') return false;
    const pathname = request.url.split('?')[0] ?? '';
    if (!CLIENT_ROUTE.test(pathname)) {
      // A browser asking for an unknown page gets the app's own "page not found" (status 404),
      // not a JSON body; API clients and /api, /docs paths keep the JSON 404.
      const wantsHtml = /\btext\/html\b/.test(String(request.headers.accept ?? ''));
      if (!wantsHtml || pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/docs')) return false;
      const template = await fs.promises.readFile(indexFile, 'utf8');
      await reply.code(404).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(template);
      return true;
    }
    const page = recordPage(pathname);
    if (page) await serveRecordPage(request, reply, page);
    else await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', opts.webRoot);
    return true;
  };
}
