/**
 * Shared services, registered once for the whole app (fastify-plugin, so routes see them):
 * the search module, the configuration, the readiness flag `npm start` flips when the index
 * is built, and a short-lived cache of the knowledge base's people and events that parameter
 * validation checks ids against.
 */
import fp from 'fastify-plugin';
import type { Event, Person } from '../../ingest/types.ts';
import type { Config } from '../../lib/config.ts';
import type { SearchPort } from '../search-port.ts';

/** Whether searches can be served yet; `npm start` sets `ready` once the index is built. */
export interface Readiness {
  ready: boolean;
  /** What the app is doing while not ready ("indexing the corpus"). */
  reason?: string;
}

/** People and events by id, as the serving index knows them. */
export interface Catalog {
  people: Map<string, Person>;
  events: Map<string, Event>;
}

declare module 'fastify' {
  interface FastifyInstance {
    searchService: SearchPort;
    appConfig: Config;
    readiness: Readiness;
    /** People and events of the serving index (cached for `catalogTtlMs`). */
    catalog(): Promise<Catalog>;
    /** Forgets the cached catalog (after a reindex). */
    invalidateCatalog(): void;
  }
}

export interface ServicesOptions {
  search: SearchPort;
  config: Config;
  readiness: Readiness;
  catalogTtlMs?: number;
}

/** Registers the shared services. */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, opts) => {
    const ttl = opts.catalogTtlMs ?? 30_000;
    let cached: { at: number; value: Promise<Catalog> } | null = null;
    app.decorate('searchService', opts.search);
    app.decorate('appConfig', opts.config);
    app.decorate('readiness', opts.readiness);
    app.decorate('catalog', function catalog(): Promise<Catalog> {
      if (cached && Date.now() - cached.at < ttl) return cached.value;
      const value = Promise.all([opts.search.listPeople(), opts.search.listEvents()]).then(([people, events]) => ({
        people: new Map(people.map((p) => [p.id, p])),
        events: new Map(events.map((e) => [e.id, e])),
      }));
      cached = { at: Date.now(), value };
      // A failed load (engine down) must not be cached: the next request tries again.
      value.catch(() => {
        if (cached?.value === value) cached = null;
      });
      return value;
    });
    app.decorate('invalidateCatalog', () => {
      cached = null;
    });
  },
  { name: 'services', fastify: '5.x' },
);
