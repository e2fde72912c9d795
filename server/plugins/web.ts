/**
 * Serves the web UI (the web engineer's build output, default `web/dist`) at `/`, with
 * `index.html` for client routes (`/passages/:id`, `/speakers/:id`, `/events/:id`, `/compare`…),
 * and the self-hosted Be Vietnam Pro font files at `/fonts/` (no request leaves the origin).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths the web app routes itself; an unknown path elsewhere is a JSON 404. */
const CLIENT_ROUTE = /^\/(?:|search|passages\/[^/]+|articles\/[^/]+|speakers(?:\/[^/]+)?|events(?:\/[^/]+)?|compare|about)\/?$/;

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
  return async (request, reply) => {
    if (!hasWeb || request.method !== 'GET') return false;
    const pathname = request.url.split('?')[0] ?? '';
    if (!CLIENT_ROUTE.test(pathname)) return false;
    await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', opts.webRoot);
    return true;
  };
}
