/**
 * `GET /api/compare?events=a,b[,c]`: two or three events side by side — themes, dates,
 * speakers, key points, the distinctive terms of each (2- and 3-syllable terms ranked by
 * log-likelihood against the other events together, see keyness.ts), the terms they share,
 * and for each term the passages that carry it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PassageDoc } from '../../search/types.ts';
import { parameterError } from '../errors.ts';
import { loadEventDetail, presentEventDetail } from '../event-detail.ts';
import { cacheable } from '../http-cache.ts';
import { countTerms, distinctiveTerms, mergeCounts, sharedTerms, type TermCounts } from '../keyness.ts';
import { presentPassage } from '../present.ts';
import { CompareQuerystring, CompareResponse, ErrorBody } from '../schemas.ts';

export interface CompareRoutesOptions {
  maxAgeSeconds: number;
}

/** Passages listed per term: enough to read, few enough to keep the answer small. */
const PASSAGES_PER_TERM = 10;

/** The compare route. */
export const compareRoutes: FastifyPluginAsyncTypebox<CompareRoutesOptions> = async (app, opts) => {
  app.get(
    '/compare',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Compare two or three events',
        description:
          'Distinctive terms are Vietnamese two- and three-syllable terms ranked by Dunning log-likelihood (G²) against the other events together; terms crossing punctuation and terms beginning or ending with a function syllable are skipped.',
        querystring: CompareQuerystring,
        response: { 200: CompareResponse, 400: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
      onSend: cacheable(opts.maxAgeSeconds),
    },
    async (request) => {
      const ids = request.query.events.split(',');
      if (new Set(ids).size !== ids.length) throw parameterError('BAD_REQUEST', 'events', 'parameter "events" names the same event twice');
      const catalog = await app.catalog();
      const events = ids.map((id) => {
        const e = catalog.events.get(id);
        if (!e) throw parameterError('UNKNOWN_EVENT', 'events', id, 'events');
        return e;
      });
      // Every article, listed once for all the events rather than once per event.
      const articles = app.searchService.listArticles();
      const details = await Promise.all(events.map((e) => loadEventDetail(app, e, articles)));
      const counts = new Map<string, TermCounts>(details.map((d) => [d.event.id, countTerms(d.passages)]));
      const limit = request.query.limit;

      const referenced = new Map<string, PassageDoc>();
      const passageOf = new Map(details.flatMap((d) => d.passages.map((p) => [p.id, p] as const)));
      const keep = (ids: string[]) => {
        const kept = ids.slice(0, PASSAGES_PER_TERM);
        for (const id of kept) {
          const p = passageOf.get(id);
          if (p) referenced.set(id, p);
        }
        return kept;
      };

      const columns = details.map((d) => {
        const own = counts.get(d.event.id)!;
        const others = mergeCounts([...counts.entries()].filter(([id]) => id !== d.event.id).map(([, c]) => c));
        const terms = distinctiveTerms(own, others, { limit }).map((t) => ({ ...t, passageIds: keep(t.passageIds) }));
        const shown = presentEventDetail(d);
        return {
          event: shown.event,
          themes: shown.themes,
          speakers: shown.speakers,
          keyPoints: shown.keyPoints,
          tokenCount: own.syllables,
          distinctiveTerms: terms,
        };
      });
      const shared = sharedTerms(counts, { limit }).map((t) => ({
        term: t.term,
        counts: t.counts,
        passageIds: Object.fromEntries(Object.entries(t.passageIds).map(([id, ps]) => [id, keep(ps)])),
      }));
      return {
        events: columns,
        sharedTerms: shared,
        passages: Object.fromEntries([...referenced].map(([id, p]) => [id, presentPassage(p)])),
      };
    },
  );
};
