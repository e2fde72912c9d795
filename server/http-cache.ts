/**
 * HTTP caching for answers that only change when the corpus is reindexed (passages, articles,
 * citations, people, events): `Cache-Control: public, max-age=…` and a strong ETag of the body,
 * answered with 304 when the client already has it.
 */
import { createHash } from 'node:crypto';
import type { onSendHookHandler } from 'fastify';

/** An `onSend` hook making 200 answers cacheable for `maxAgeSeconds`, with an ETag and 304s. */
export function cacheable(maxAgeSeconds: number): onSendHookHandler {
  return function setCacheHeaders(request, reply, payload, done) {
    if (reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload);
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    reply.header('cache-control', `public, max-age=${maxAgeSeconds}`);
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
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
