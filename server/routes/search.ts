/**
 * `GET /api/search`: passages matching words and filters, with facet counts, and
 * `GET /api/export`: the whole result set as JSON Lines or CSV, streamed.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PassageDoc } from '../../search/types.ts';
import { parameterError } from '../errors.ts';
import { exportWriter } from '../export-writer.ts';
import { noStore } from '../http-cache.ts';
import { presentPassage } from '../present.ts';
import { withProvenance } from '../provenance.ts';
import { ErrorBody, ExportQuerystring, SearchQuerystring, SearchResponse } from '../schemas.ts';
import { buildFilters, effectiveSort } from './filters.ts';

export interface SearchRoutesOptions {
  /** The engine's `maxTotalHits`: the deepest result a page may reach. */
  maxTotalHits: number;
}

const errors = { 400: ErrorBody, 429: ErrorBody, 503: ErrorBody };

/** Search and export routes. */
export const searchRoutes: FastifyPluginAsyncTypebox<SearchRoutesOptions> = async (app, opts) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search passages',
        description:
          'Diacritics are optional (`ngoai giao` finds “ngoại giao”); quotes make a phrase. Several values of one filter are OR-ed, different filters AND-ed. An empty `q` lists passages newest first.\n\n' +
          'The query is read before it is searched, and the answer says how (`interpretation`): a leader named with a topic means “said by” (`Phạm Minh Chính ngoại giao kinh tế`, `pham minh chinh …`, `Thủ tướng Phạm Minh Chính …`, `PM Chinh …`, `Bộ trưởng Sơn …`), a title alone with a topic means whoever held it on each passage’s date (`Thủ tướng vắc-xin`); a name alone is searched as text. Operators: `"exact phrase"`, `-word`, `-"phrase"`, `speaker:"Bùi Thanh Sơn"`, `event:"HNNG 31"` (or an id), `year:2023`, `from:2021-01` / `to:2023-12-31`. `a OR b` returns the union of whole alternatives, ranked by relevance, each passage once (`ngoại giao vắc-xin OR y tế`, `"phrase one" OR "phrase two"`, `speaker:"Phạm Minh Chính" vắc-xin OR y tế`): OR binds loosest, operators apply to every alternative, a name is read within its own alternative, `total` and facets count the union (`interpretation.alternatives` says how each side was read); `OR` at the start or end is ignored and said in `interpretation.notes`; lowercase `or` and `OR` inside quotes are words. `literal=true` searches the words as typed. Each passage is dated by `passageDate` (publication date, else the date of the event it reports, `dateKind: event`); `from`/`to` filter on it and undated passages sort last.',
        querystring: SearchQuerystring,
        response: { 200: SearchResponse, ...errors },
      },
      // The answer is built field by field below (presentPassage, withProvenance, the result's own
      // fields), so nothing undocumented can reach it; JSON.stringify writes a 20-hit page in a
      // third of fast-json-stringify's time, which checks every nullable (anyOf) field with ajv
      // at run time (0.13 vs 0.41 ms for 28 kB, BENCHMARKS.md "Query plan: only what the page
      // needs"). tests/server/search-serialization.test.ts holds the two outputs equal.
      serializerCompiler: () => (data) => JSON.stringify(data),
      onSend: noStore,
    },
    async (request) => {
      const q = request.query;
      if (q.page * q.perPage > opts.maxTotalHits) {
        throw parameterError('BAD_REQUEST', 'page', `page × perPage must not exceed ${opts.maxTotalHits} (parameter page)`);
      }
      const filters = await buildFilters(app, q);
      const [result, catalog] = await Promise.all([
        app.searchService.search({ q: q.q.trim(), filters, sort: effectiveSort(q), page: q.page, perPage: q.perPage, ...(q.literal ? { literal: true } : {}) }),
        app.catalog(),
      ]);
      const lang = q.lang ?? 'vi';
      return {
        ...(result.interpretation ? { interpretation: result.interpretation } : {}),
        hits: result.hits.map((h) => ({ ...withProvenance(presentPassage(h.passage), catalog, lang), highlighted: h.highlighted, snippet: h.snippet })),
        facets: result.facets,
        total: result.total,
        page: result.page,
        perPage: result.perPage,
        tookMs: result.tookMs,
        ...(result.matchMode ? { matchMode: result.matchMode } : {}),
        ...(result.answeredBy !== undefined ? { answeredBy: result.answeredBy } : {}),
        ...(result.relaxed ? { relaxed: result.relaxed } : {}),
      };
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags: ['search'],
        summary: 'Export every matching passage',
        description:
          'Same filters as /api/search, the whole result set, streamed. `format=csv` is UTF-8 with a byte-order mark and RFC 4180 quoting (opens in a spreadsheet); cells starting with = + - @ are prefixed with an apostrophe so no spreadsheet runs them as formulas. Every row carries the passage permalink (absolute), the author, the speaker and role, the event names and the date kind. `format=bibtex` and `format=ris` give one reference per passage (as /api/citations).',
        querystring: ExportQuerystring,
        response: {
          200: {
            description: 'JSON Lines (application/x-ndjson), CSV (text/csv), BibTeX (application/x-bibtex) or RIS (application/x-research-info-systems)',
            content: {
              'application/x-ndjson': { schema: { type: 'string' } },
              'text/csv': { schema: { type: 'string' } },
              'application/x-bibtex': { schema: { type: 'string' } },
              'application/x-research-info-systems': { schema: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filters = await buildFilters(app, q);
      const passages = app.searchService.exportPassages({ q: q.q.trim(), filters, sort: effectiveSort(q), ...(q.literal ? { literal: true } : {}) });
      // Pull the first passage before answering, so an engine failure is still a clean 503, not a cut stream.
      const iterator = passages[Symbol.asyncIterator]();
      const first = await iterator.next();
      const writer = await exportWriter(app, request, q.format);
      async function* lines(): AsyncGenerator<string> {
        if (writer.header) yield writer.header;
        if (first.done) return;
        yield writer.line(first.value, true);
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield writer.line(r.value as PassageDoc, false);
      }
      const stamp = new Date().toISOString().slice(0, 10);
      reply
        .header('cache-control', 'no-store')
        .header('content-type', writer.contentType)
        .header('content-disposition', `attachment; filename="ngoai-giao-export-${stamp}.${writer.extension}"`);
      const stream = Readable.from(lines(), { objectMode: false });
      stream.on('error', (err) => request.log.error({ err: { name: err.name, message: err.message } }, 'export stream failed'));
      // The type provider types the body from the schema (a string); a stream of strings is what is sent.
      return reply.send(stream as unknown as string);
    },
  );
};
