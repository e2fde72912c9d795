/**
 * Registers the corpus sync (server/corpus-sync.ts) as `app.corpusSync`: null when the app was
 * built without a corpus (tests on fixtures, the benchmarks), so a route can answer that
 * clearly instead of failing.
 */
import fp from 'fastify-plugin';
import type { CorpusSync } from '../corpus-sync.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Applies corpus files to the live index; null when the app serves no corpus folder. */
    corpusSync: CorpusSync | null;
  }
}

/** Decorates the app with the corpus sync (or null). */
export const corpusSyncPlugin = fp<{ corpusSync: CorpusSync | null }>(
  async (app, opts) => {
    app.decorate('corpusSync', opts.corpusSync);
  },
  { name: 'corpus-sync', fastify: '5.x' },
);
