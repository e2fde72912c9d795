/**
 * `GET /api/citations?id=…&id=…&format=bibtex|ris|csl-json`: the references of chosen passages
 * in one file, for the bulk "cite selected" action of the results page (copy or download).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { citationInputBuilder } from '../citation-input.ts';
import { formatReferences } from '../citations.ts';
import { apiError } from '../errors.ts';
import { absoluteUrl } from '../present.ts';
import { CitationsQuerystring, ErrorBody } from '../schemas.ts';

const TYPES = {
  bibtex: { type: 'application/x-bibtex; charset=utf-8', ext: 'bib' },
  ris: { type: 'application/x-research-info-systems; charset=utf-8', ext: 'ris' },
  'csl-json': { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', ext: 'json' },
} as const;

/** The bulk citation route. */
export const citationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/citations',
    {
      schema: {
        tags: ['records'],
        summary: 'References of several passages in one file',
        description: 'BibTeX (biblatex), RIS or a CSL-JSON array, one reference per passage in the order asked; the same references as /api/passages/:id gives one by one.',
        querystring: CitationsQuerystring,
        response: {
          200: {
            description: 'BibTeX, RIS or CSL-JSON',
            content: Object.fromEntries(Object.values(TYPES).map((t) => [t.type.split(';')[0], { schema: { type: 'string' } }])),
          },
          400: ErrorBody,
          404: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const ids = [...new Set(request.query.id)];
      const passages = await Promise.all(ids.map((id) => app.searchService.getPassage(id)));
      const missing = ids.find((_, i) => !passages[i]);
      if (missing) throw apiError('NOT_FOUND', `No passage "${missing}" (parameter id)`);
      const [articles, catalog] = await Promise.all([
        Promise.all([...new Set(passages.map((p) => p!.articleId))].map((id) => app.searchService.getArticle(id))),
        app.catalog(),
      ]);
      const byId = new Map(articles.filter((a) => a !== null).map((a) => [a!.id, a!]));
      const input = citationInputBuilder(catalog, absoluteUrl(request, ''));
      const format = request.query.format;
      const body = formatReferences(passages.map((p) => input(p!, byId.get(p!.articleId) ?? null)), format);
      reply
        .header('cache-control', 'no-store')
        .header('content-type', TYPES[format].type)
        .header('content-disposition', `inline; filename="ngoai-giao-references.${TYPES[format].ext}"`);
      return body;
    },
  );
};
