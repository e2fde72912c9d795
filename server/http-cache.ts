/**
 * HTTP caching for answers that only change when the corpus is reindexed (passages, articles,
 * citations, people, events): `Cache-Control: public, max-age=…` and a strong ETag of the body,
 * answered with 304 when the client already has it.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';

/** A strong ETag of a body: a truncated SHA-256, quoted. */
export function strongEtag(payload: string): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
}

/** Whether an `If-None-Match` header names the ETag (weak comparison, as for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** The `Cache-Control` value of answers that only change with a reindex. */
export function publicMaxAge(maxAgeSeconds: number): string {
  return `public, max-age=${maxAgeSeconds}`;
}

/**
 * Sets the ETag and `Cache-Control` of a cacheable body; true when the client already has it
 * (the caller answers 304). Shared by the API's `cacheable` hook and the record pages (plugins/web.ts).
 */
export function setCacheHeaders(request: FastifyRequest, reply: FastifyReply, body: string, maxAgeSeconds: number): boolean {
  const etag = strongEtag(body);
  reply.header('etag', etag).header('cache-control', publicMaxAge(maxAgeSeconds));
  return etagMatches(request.headers['if-none-match'], etag);
}

/** An `onSend` hook making 200 answers cacheable for `maxAgeSeconds`, with an ETag and 304s. */
export function cacheable(maxAgeSeconds: number): onSendHookHandler {
  return function setCacheableHeaders(request, reply, payload, done) {
    if (reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
    if (setCacheHeaders(request, reply, payload, maxAgeSeconds)) {
      reply.code(304);
      return done(null, '');
    }
    done(null, payload);
  };
}

/** An `onSend` hook forbidding any cache (health, search results while they may change). */
export const noStore: onSendHookHandler = function setNoStore(_request, reply, payload, done) {
  reply.header('cache-control', 'no-store');
  done(null, payload);
};
