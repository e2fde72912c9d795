/**
 * `GET /api/health`: 200 when searches can be served (engine reachable and the index built),
 * 503 otherwise, with the engine's state, document counts, versions, the index's size and last
 * update, the engine's memory, and with MEILI_REMOTES each shard and whether it answers. Never cached.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EngineHealth } from '../../search/types.ts';
import { noStore } from '../http-cache.ts';
import { HealthResponse } from '../schemas.ts';

export interface HealthRoutesOptions {
  appVersion: string;
}

const NO_COUNTS = { articles: 0, passages: 0, people: 0, events: 0 };

/** Why searches cannot be served: a shard that does not answer, or the engine. */
function unreachable(health: EngineHealth | null): string {
  const down = health?.shards?.filter((s) => !s.ok) ?? [];
  if (down.length > 0) return `Shard ${down.map((s) => `${s.name} (${s.error ?? 'no answer'})`).join(', ')} does not answer`;
  return 'The search engine is unreachable';
}

/** The health route. */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, opts) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Engine reachable, document counts, versions, index size, engine memory, last update',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
      onSend: noStore,
    },
    async (request, reply) => {
      let health: EngineHealth | null = null;
      try {
        health = await app.searchService.health();
      } catch (err) {
        request.log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'health: engine unreachable');
      }
      const reachable = health?.ok ?? false;
      const ready = reachable && app.readiness.ready;
      const body = {
        status: ready ? ('ok' as const) : reachable ? ('starting' as const) : ('unavailable' as const),
        engine: { reachable, version: health?.engineVersion ?? null },
        counts: health?.counts ?? NO_COUNTS,
        corpusFingerprint: health?.corpusFingerprint ?? null,
        versions: { app: opts.appVersion, node: process.version, meilisearch: health?.engineVersion ?? null },
        index: {
          bytes: health?.indexBytes?.database ?? null,
          documentBytes: health?.indexBytes?.documents ?? null,
          lastUpdate: health?.lastUpdate ?? null,
        },
        engineMemoryBytes: health?.engineMemoryBytes ?? null,
        ...(health?.shards ? { shards: health.shards } : {}),
        ...(ready ? {} : { message: reachable ? (app.readiness.reason ?? 'The index is being built') : unreachable(health) }),
      };
      return reply.code(ready ? 200 : 503).send(body);
    },
  );
};
