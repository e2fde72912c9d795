/**
 * `GET /api/compare?events=a,b[,c]`: two or three events side by side — themes with the outlets
 * that printed them, dates, speakers, key points, and the distinctive terms of each.
 *
 * Events are compared on the passages ABOUT them: passages of the articles whose subject is the
 * event, not every article that mentions it. Distinctive terms are 2- and 3-syllable terms ranked
 * by log-likelihood (keyness.ts) against the other events together, with their frequency per
 * 10 000 words in every event; event names and their fragments, people's names, ordinals, dates
 * and numbers are left out by a stop list built from the knowledge base and the compared texts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Article, Event } from '../../ingest/types.ts';
import type { PassageDoc } from '../../search/types.ts';
import { groupThemes } from '../compare-themes.ts';
import { parameterError } from '../errors.ts';
import { loadEventDetail, presentEventDetail } from '../event-detail.ts';
import { cacheable } from '../http-cache.ts';
import { buildStopTerms, countTerms, G2_CRITICAL_05, distinctiveTerms, highlightTerm, mergeCounts, per10k, sharedTerms, type TermCounts } from '../keyness.ts';
import { presentPassage } from '../present.ts';
import { CompareQuerystring, CompareResponse, ErrorBody } from '../schemas.ts';

export interface CompareRoutesOptions {
  maxAgeSeconds: number;
}

/** Passages listed per term: enough to read, few enough to keep the answer small. */
const PASSAGES_PER_TERM = 10;
/** A distinctive term occurs at least this often in its event: twice is chance in a few thousand words. */
const MIN_TERM_COUNT = 3;
/** Passages per term returned with the term marked in them. */
const SNIPPETS_PER_TERM = 5;

/**
 * True when an article is about the event: after the attribution work (`mentionedEventIds`
 * present) every `eventIds` entry is a subject; in older records `eventIds` also lists mentions,
 * ranked by salience, so only the first (the main event) counts.
 */
export function isAbout(article: Article, eventId: string): boolean {
  const a = article as Article & { mentionedEventIds?: string[] };
  if (Array.isArray(a.mentionedEventIds)) return (a.eventIds ?? []).includes(eventId) && !a.mentionedEventIds.includes(eventId);
  return (a.eventIds ?? [])[0] === eventId;
}

/** The compare route. */
export const compareRoutes: FastifyPluginAsyncTypebox<CompareRoutesOptions> = async (app, opts) => {
  app.get(
    '/compare',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Compare two or three events',
        description:
          'Events are compared on the passages of the articles about them (not those that only mention them). Distinctive terms are Vietnamese two- and three-syllable terms ranked by Dunning log-likelihood (G²) against the other events together, each with its frequency per 10 000 words (`per10k`) in every event and the passages that carry it (marked). Fragments of event names, people’s names (from the knowledge base and as the texts print them), ordinals, dates and numbers are not terms; nor are terms crossing punctuation or beginning or ending with a function syllable.',
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
      const everyArticle = await articles;
      const articleOf = new Map(everyArticle.map((a) => [a.id, a]));
      const details = await Promise.all(events.map((e) => loadEventDetail(app, e, articles)));
      const about = new Map(
        details.map((d) => [d.event.id, d.passages.filter((p) => { const a = articleOf.get(p.articleId); return a ? isAbout(a, d.event.id) : false; })]),
      );

      // The stop list: the names of the compared events, of their kind and of every event their
      // passages name; people's names (KB and as printed) and the KB's role titles.
      const types = new Set(events.map((e) => e.type));
      const named = new Set([...about.values()].flat().flatMap((p) => p.eventIds ?? []));
      const kindred: Event[] = [...catalog.events.values()].filter((e) => types.has(e.type) || ids.includes(e.id) || named.has(e.id));
      const people = [...catalog.people.values()];
      const stop = buildStopTerms({
        eventNames: kindred.flatMap((e) => [e.name, ...(e.aliases ?? [])]),
        peopleNames: people.flatMap((p) => [p.name, ...(p.aliases ?? [])]),
        roleTitles: [...new Set(people.flatMap((p) => (p.roles ?? []).map((r) => r.title)))],
        texts: [...about.values()].flat().map((p) => p.text),
      });
      const counts = new Map<string, TermCounts>(ids.map((id) => [id, countTerms(about.get(id) ?? [], [2, 3], stop)]));
      const limit = request.query.limit;

      const referenced = new Map<string, PassageDoc>();
      const passageOf = new Map(details.flatMap((d) => d.passages.map((p) => [p.id, p] as const)));
      const keep = (pids: string[]) => {
        const kept = pids.slice(0, PASSAGES_PER_TERM);
        for (const id of kept) {
          const p = passageOf.get(id);
          if (p) referenced.set(id, p);
        }
        return kept;
      };
      const snippets = (term: string, pids: string[]) =>
        pids.slice(0, SNIPPETS_PER_TERM).flatMap((id) => {
          const p = passageOf.get(id);
          return p ? [{ passageId: id, highlighted: highlightTerm(p.text, term) }] : [];
        });
      const byEvent = (term: string) => Object.fromEntries(ids.map((id) => {
        const c = counts.get(id)!;
        const n = c.counts.get(term) ?? 0;
        return [id, { count: n, per10k: per10k(n, c.syllables) }];
      }));

      const columns = details.map((d) => {
        const own = counts.get(d.event.id)!;
        const othersList = [...counts.entries()].filter(([id]) => id !== d.event.id).map(([, c]) => c);
        const others = mergeCounts(othersList);
        const terms = distinctiveTerms(own, others, { limit, minCount: MIN_TERM_COUNT, minG2: G2_CRITICAL_05 }).map((t) => ({
          ...t,
          per10k: per10k(t.count, own.syllables),
          otherPer10k: per10k(t.otherCount, others.syllables),
          byEvent: byEvent(t.term),
          snippets: snippets(t.term, t.passageIds),
          passageIds: keep(t.passageIds),
        }));
        const shown = presentEventDetail(d);
        // Themes with every printing and its outlet (theme passages may lie outside the event's list).
        const themePassages = new Map(d.themes.map((t) => [t.passage.id, t.passage]));
        const themes = groupThemes(d.event.id, d.articles, (id) => passageOf.get(id) ?? themePassages.get(id)).map((g) => ({
          text: g.text,
          passage: presentPassage(g.passage),
          variants: g.variants,
          sources: g.sources.map((s) => ({ text: s.text, source: s.source, articleId: s.articleId, passageId: s.passage.id, url: articleOf.get(s.articleId)?.url ?? null })),
        }));
        const aboutPassages = about.get(d.event.id) ?? [];
        return {
          event: shown.event,
          themes: themes.length ? themes : shown.themes.map((t) => ({ ...t, variants: false, sources: [] })),
          speakers: shown.speakers,
          keyPoints: shown.keyPoints,
          tokenCount: own.syllables,
          aboutPassageCount: aboutPassages.length,
          aboutArticleCount: new Set(aboutPassages.map((p) => p.articleId)).size,
          distinctiveTerms: terms,
        };
      });
      const shared = sharedTerms(counts, { limit }).map((t) => ({
        term: t.term,
        counts: t.counts,
        per10k: Object.fromEntries(ids.map((id) => [id, per10k(t.counts[id] ?? 0, counts.get(id)!.syllables)])),
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
