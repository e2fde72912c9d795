/**
 * The one error handler and the not-found handler. Every error leaves as
 * `{ error, message }` (plus `parameter` on a validation 400); a 5xx never carries internals
 * (no stack, no engine message, no key), and the engine being down is a 503.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, ERROR_CATALOGUE, apiError } from '../errors.ts';

/** The parameter a validation error is about: `querystring/perPage` → `perPage`. */
function validationParameter(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const params = first.params as Record<string, unknown> | undefined;
  if (typeof params?.missingProperty === 'string') return params.missingProperty;
  if (typeof params?.additionalProperty === 'string') return params.additionalProperty;
  const path = first.instancePath.split('/').filter(Boolean);
  return path[0];
}

/** True for the search module's "engine down or too slow" error, matched by name so the server needs no import of it. */
function isEngineUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: string }).name;
    if (name === 'EngineUnavailableError') return true;
  }
  return false;
}

/** Options of the client-route fallback: which paths get the web app's index.html. */
export interface NotFoundOptions {
  /** Serves the web app's index.html for a client route; returns false when there is none. */
  serveClientRoute?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

/** Registers the error and not-found handlers on the root instance. */
export const errorHandlerPlugin = fp<NotFoundOptions>(
  async (app, opts) => {
    // `opts` is read at request time: app.ts fills in the web fallback once the web plugin is registered.
    app.setErrorHandler(function handleError(err: FastifyError, request, reply) {
      if (err instanceof ApiError) {
        return reply
          .code(err.statusCode)
          .send({ error: err.code, message: err.message, ...(err.parameter ? { parameter: err.parameter } : {}) });
      }
      if (err.validation) {
        const parameter = validationParameter(err);
        const where = err.validationContext === 'params' ? 'path parameter' : 'parameter';
        const detail = err.validation[0]?.message ?? 'is invalid';
        const message = parameter ? `Invalid ${where} "${parameter}": ${detail}` : `Invalid request: ${detail}`;
        return reply.code(400).send({ error: 'BAD_REQUEST', message, ...(parameter ? { parameter } : {}) });
      }
      if (err.name === 'SearchInputError') {
        // The search module refused a value before it reached the engine: the caller's mistake, said plainly.
        return reply.code(400).send({ error: 'BAD_REQUEST', message: err.message });
      }
      if (isEngineUnavailable(err)) {
        request.log.warn({ err: { name: err.name, message: err.message } }, 'search engine unavailable');
        const e = apiError('ENGINE_UNAVAILABLE');
        return reply.code(e.statusCode).header('retry-after', '5').send({ error: e.code, message: e.message });
      }
      if (err.statusCode === 429) {
        return reply.code(429).send({ error: 'RATE_LIMITED', message: err.message });
      }
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        // Fastify's own client errors (bad JSON, bad URL encoding, unsupported media type): safe messages.
        return reply.code(err.statusCode).send({ error: 'BAD_REQUEST', message: err.message });
      }
      request.log.error({ err }, 'unhandled error');
      return reply.code(500).send({ error: 'INTERNAL', message: ERROR_CATALOGUE.INTERNAL.message });
    });

    app.setNotFoundHandler(async function handleNotFound(request, reply) {
      if (opts.serveClientRoute && (await opts.serveClientRoute(request, reply))) return reply;
      const e = apiError('ROUTE_NOT_FOUND', `${request.method} ${request.url.split('?')[0]}`);
      return reply.code(404).send({ error: e.code, message: e.message });
    });
  },
  { name: 'error-handler', fastify: '5.x' },
);
