/**
 * `GET /api/feed?q=…&<filters>`: the search as an Atom feed, newest first, so a researcher can
 * follow a leader or a theme in a feed reader (see ../atom.ts). Each entry links the passage
 * permalink; the feed links back to the search page it follows.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { renderAtom } from '../atom.ts';
import { noStore } from '../http-cache.ts';
import { absoluteUrl, passagePath } from '../present.ts';
import { ErrorBody, FeedQuerystring } from '../schemas.ts';
import { buildFilters } from './filters.ts';

/** The archive's name, the feed's author. */
const ARCHIVE = 'Tư liệu Ngoại giao Việt Nam';

/** The feed route. */
export const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/feed',
    {
      schema: {
        tags: ['search'],
        summary: 'Atom feed of a search, newest first',
        description: 'Same words and filters as /api/search; entries are passages, newest first, each linking its permalink. Subscribe to follow a speaker, an event or a theme.',
        querystring: FeedQuerystring,
        response: {
          200: { description: 'An Atom 1.0 feed (RFC 4287)', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
          400: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
      onSend: noStore,
    },
    async (request, reply) => {
      const q = request.query;
      const [filters, catalog] = await Promise.all([buildFilters(app, q), app.catalog()]);
      const words = q.q.trim();
      const result = await app.searchService.search({ q: words, filters, sort: 'date-desc', page: 1, perPage: q.limit });
      const origin = absoluteUrl(request, '');
      const params = new URLSearchParams(request.url.split('?')[1] ?? '');
      params.delete('limit');
      const qs = params.toString();
      const names = [
        ...(q.speaker ?? []).map((id) => catalog.people.get(id)?.name ?? id),
        ...(q.event ?? []).map((id) => catalog.events.get(id)?.name ?? id),
        ...(q.year ?? []).map(String),
        ...(q.source ?? []),
      ];
      const what = [words ? `“${words}”` : null, ...names].filter(Boolean).join(' · ') || 'mới nhất';
      const xml = renderAtom(
        {
          selfUrl: `${origin}/api/feed${qs ? `?${qs}` : ''}`,
          pageUrl: `${origin}/${qs ? `?${qs}` : ''}`,
          title: `${ARCHIVE} — ${what}`,
          subtitle: `Đoạn trích mới nhất khớp với tìm kiếm (${result.total})`,
          author: ARCHIVE,
          entries: result.hits.map(({ passage: p }) => ({
            permalink: origin + passagePath(p.id),
            title: p.speakerName ? `${p.speakerName}: ${p.title}` : p.title,
            date: p.date ?? null,
            text: p.truncated ? `${p.text} […]` : p.text,
            author: p.speakerName ?? null,
            categories: (p.eventIds ?? []).map((id) => ({ term: id, label: catalog.events.get(id)?.name ?? id })),
            sourceUrl: p.url ?? null,
            source: p.source ?? null,
          })),
        },
        new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      );
      reply.header('content-type', 'application/atom+xml; charset=utf-8');
      return xml;
    },
  );
};
