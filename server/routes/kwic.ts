/**
 * `GET /api/kwic?q=…&<filters>`: keyword in context — every match of the search as a line
 * `{ left, match, right }` of whole words, with its passage, article, date and speaker (see
 * ../kwic.ts). Lines come from the same search as /api/search (matching and highlighting
 * included), page after page, until `limit` lines.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_TOTAL_HITS } from '../../search/settings.ts';
import type { SearchSort } from '../../search/types.ts';
import { parameterError } from '../errors.ts';
import { kwicSpans, leftKey } from '../kwic.ts';
import { noStore } from '../http-cache.ts';
import { passagePath, presentSpeaker } from '../present.ts';
import { ErrorBody, KwicQuerystring, KwicResponse } from '../schemas.ts';
import { buildFilters } from './filters.ts';

/** Hits fetched per search page while collecting lines. */
const PAGE_SIZE = 100;

/** The concordance route. */
export const kwicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/kwic',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Keyword in context (concordance) of a search',
        description:
          'One line per match: `left` and `right` are up to `width` whole words (never a cut syllable), `match` the matched words verbatim. `sort=left|right` orders lines by their context (as concordancers do); otherwise lines follow the passages in search order.',
        querystring: KwicQuerystring,
        response: { 200: KwicResponse, 400: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
      onSend: noStore,
    },
    async (request) => {
      const q = request.query;
      const text = q.q.trim();
      if (!text) throw parameterError('BAD_REQUEST', 'q', 'parameter q must contain words: a concordance needs something to match');
      const filters = await buildFilters(app, q);
      const sort: SearchSort = q.sort === 'left' || q.sort === 'right' ? 'relevance' : q.sort;
      const lines = [];
      let passages = 0;
      let limited = false;
      for (let page = 1; page * PAGE_SIZE <= MAX_TOTAL_HITS; page++) {
        const result = await app.searchService.search({ q: text, filters, sort, page, perPage: PAGE_SIZE });
        for (const hit of result.hits) {
          const p = hit.passage;
          const spans = kwicSpans(p.text, hit.highlighted, q.width);
          if (spans.length) passages++;
          for (const s of spans) {
            lines.push({
              left: s.left,
              match: s.match,
              right: s.right,
              passageId: p.id,
              articleId: p.articleId,
              date: p.date ?? null,
              speaker: presentSpeaker(p),
              title: p.title,
              permalink: passagePath(p.id),
              // The line reaches the end of a passage cut off by its source: shown with "[…]".
              truncated: p.truncated === true && s.atEnd,
            });
          }
        }
        if (lines.length > q.limit) {
          limited = true;
          break;
        }
        if (page * PAGE_SIZE >= result.total) break;
      }
      const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
      if (q.sort === 'left') lines.sort((a, b) => collator.compare(leftKey(a.left), leftKey(b.left)) || collator.compare(a.right, b.right));
      if (q.sort === 'right') lines.sort((a, b) => collator.compare(a.right, b.right) || collator.compare(leftKey(a.left), leftKey(b.left)));
      return { q: text, lines: lines.slice(0, q.limit), passages, limited };
    },
  );
};
