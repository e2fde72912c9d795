/**
 * `GET /api/speakers`, `/api/speakers/:id` (roles over time, attributed passages grouped by
 * event), `GET /api/events`, `/api/events/:id` (date, verbatim themes with their passages,
 * speakers, articles, key points). Stable until the next reindex, so cacheable.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Event } from '../../ingest/types.ts';
import type { PassageDoc } from '../../search/types.ts';
import { apiError } from '../errors.ts';
import { loadEventDetail, presentEventDetail } from '../event-detail.ts';
import { cacheable } from '../http-cache.ts';
import { byReadingOrder, presentEvent, presentPassage, presentPerson } from '../present.ts';
import { roleTitle } from '../provenance.ts';
import { ErrorBody, EventQuerystring, EventResponse, EventsResponse, IdParams, SpeakerResponse, SpeakersResponse } from '../schemas.ts';

export interface PeopleEventRoutesOptions {
  maxAgeSeconds: number;
}

const errors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody, 503: ErrorBody };

/** Passage counts per speaker and per event, from the facets of an empty search. */
async function facetCounts(app: FastifyInstance): Promise<{ speaker: Record<string, number>; event: Record<string, number> }> {
  const r = await app.searchService.search({ q: '', filters: {}, sort: 'date-desc', page: 1, perPage: 1 });
  return { speaker: r.facets.speaker ?? {}, event: r.facets.event ?? {} };
}

/** Latest event first; undated events after dated ones. */
function byEventDateDesc(a: Event, b: Event): number {
  return (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id);
}

/**
 * Groups a speaker's passages by event, each passage once: under the first of its events the KB
 * knows (the article's main event comes first), so a statement tagged with a conference and the
 * resolution it discusses is not listed twice.
 */
export function groupByEvent(
  passages: PassageDoc[],
  events: Map<string, Event>,
): { event: { id: string; name: string; date: string | null; nameEn?: string } | null; passages: ReturnType<typeof presentPassage>[] }[] {
  const groups = new Map<string | null, PassageDoc[]>();
  for (const p of [...passages].sort(byReadingOrder)) {
    const key = (p.eventIds ?? []).find((id) => events.has(id)) ?? null;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const keyed = [...groups.entries()].filter((e): e is [string, PassageDoc[]] => e[0] !== null);
  keyed.sort(([a], [b]) => byEventDateDesc(events.get(a)!, events.get(b)!));
  const out: ReturnType<typeof groupByEvent> = keyed.map(([id, ps]) => {
    const e = events.get(id)!;
    return { event: { id: e.id, name: e.name, date: e.date ?? null, ...(e.nameEn ? { nameEn: e.nameEn } : {}) }, passages: ps.map(presentPassage) };
  });
  const none = groups.get(null);
  if (none) out.push({ event: null, passages: none.map(presentPassage) });
  return out;
}

/** Speaker and event routes. */
export const peopleEventRoutes: FastifyPluginAsyncTypebox<PeopleEventRoutesOptions> = async (app, opts) => {
  const onSend = cacheable(opts.maxAgeSeconds);

  app.get(
    '/speakers',
    { schema: { tags: ['records'], summary: 'People of the knowledge base', response: { 200: SpeakersResponse, ...errors } }, onSend },
    async () => {
      const [catalog, counts, latestStatements] = await Promise.all([app.catalog(), facetCounts(app), app.searchService.latestStatements()]);
      const people = [...catalog.people.values()];
      // The role beside a name is the one held at the latest statement, never a former office.
      const latest = new Map(
        people
          .filter((p) => (counts.speaker[p.id] ?? 0) > 0)
          .map((p) => {
            const role = latestStatements.get(p.id)?.speakerRole ?? null;
            return [p.id, { latestRole: role, latestRoleEn: roleTitle(p, role, 'en') }] as const;
          }),
      );
      const speakers = people
        .map((p) => ({ ...presentPerson(p, counts.speaker[p.id] ?? 0), ...(latest.get(p.id) ?? { latestRole: null, latestRoleEn: null }) }))
        .sort((a, b) => b.passageCount - a.passageCount || a.name.localeCompare(b.name, 'vi'));
      return { speakers };
    },
  );

  app.get(
    '/speakers/:id',
    {
      schema: { tags: ['records'], summary: 'A person: roles over time and passages by event', params: IdParams, response: { 200: SpeakerResponse, ...errors } },
      onSend,
    },
    async (request) => {
      const catalog = await app.catalog();
      const person = catalog.people.get(request.params.id) ?? (await app.searchService.getPerson(request.params.id));
      if (!person) throw apiError('NOT_FOUND', `No speaker "${request.params.id}"`);
      const passages = await app.searchService.findPassages({ speaker: [person.id] });
      const groups = groupByEvent(passages, catalog.events);
      const dates = passages.map((p) => p.passageDate ?? p.date ?? null).filter((d): d is string => d !== null).sort();
      const years = new Map<string, number>();
      for (const d of dates) years.set(d.slice(0, 4), (years.get(d.slice(0, 4)) ?? 0) + 1);
      const summary = {
        byYear: [...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, count })),
        byEvent: groups.flatMap((g) => {
          const e = g.event ? catalog.events.get(g.event.id) : undefined;
          return g.event ? [{ ...g.event, ...(e?.nameEn ? { nameEn: e.nameEn } : {}), count: g.passages.length }] : [];
        }),
        first: dates[0] ?? null,
        last: dates.at(-1) ?? null,
      };
      const latestRole = passages.length ? ([...passages].sort((a, b) => (b.dateSort ?? 0) - (a.dateSort ?? 0))[0]!.speakerRole ?? null) : null;
      return {
        speaker: { ...presentPerson(person, passages.length), latestRole, latestRoleEn: roleTitle(person, latestRole, 'en') },
        summary,
        groups,
      };
    },
  );

  app.get(
    '/events',
    { schema: { tags: ['records'], summary: 'Events of the knowledge base, latest first', response: { 200: EventsResponse, ...errors } }, onSend },
    async () => {
      const [catalog, counts] = await Promise.all([app.catalog(), facetCounts(app)]);
      const events = [...catalog.events.values()].sort(byEventDateDesc).map((e) => presentEvent(e, counts.event[e.id] ?? 0));
      return { events };
    },
  );

  app.get(
    '/events/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'An event: date, verbatim themes with their passages, speakers, articles, key points',
        params: IdParams,
        querystring: EventQuerystring,
        response: { 200: EventResponse, ...errors },
      },
      onSend,
    },
    async (request) => {
      const catalog = await app.catalog();
      const event = catalog.events.get(request.params.id) ?? (await app.searchService.getEvent(request.params.id));
      if (!event) throw apiError('NOT_FOUND', `No event "${request.params.id}"`);
      const detail = presentEventDetail(await loadEventDetail(app, event));
      if (request.query.lang !== 'en') return detail;
      // Roles in English where the knowledge base has the English title (names stay as printed).
      const role = <T extends { id: string; role: string | null }>(s: T): T => ({ ...s, role: roleTitle(catalog.people.get(s.id), s.role, 'en') });
      return {
        ...detail,
        speakers: detail.speakers.map(role),
        pointGroups: detail.pointGroups.map((g) => ({ ...g, speaker: g.speaker ? role(g.speaker) : null })),
      };
    },
  );
};
