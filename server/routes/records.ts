/**
 * `GET /api/passages/:id` (passage, neighbours, article, permalink, citations) and
 * `GET /api/articles/:id` (every passage in order, each with its anchor). Both are stable
 * until the next reindex, so they are cacheable.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { citationInputBuilder } from '../citation-input.ts';
import { formatCitations } from '../citations.ts';
import { apiError } from '../errors.ts';
import { cacheable } from '../http-cache.ts';
import { absoluteUrl, passagePath, presentArticleSummary, presentPassage } from '../present.ts';
import { withProvenance } from '../provenance.ts';
import { ArticleResponse, ErrorBody, IdParams, PassageResponse } from '../schemas.ts';

export interface RecordRoutesOptions {
  /** Seconds a passage or article answer may be cached. */
  maxAgeSeconds: number;
}

const errors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody, 503: ErrorBody };

/** Passage and article routes. */
export const recordRoutes: FastifyPluginAsyncTypebox<RecordRoutesOptions> = async (app, opts) => {
  const onSend = cacheable(opts.maxAgeSeconds);

  app.get(
    '/passages/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'A passage with its neighbours, article and citations',
        params: IdParams,
        response: { 200: PassageResponse, ...errors },
      },
      onSend,
    },
    async (request) => {
      const passage = await app.searchService.getPassage(request.params.id);
      if (!passage) throw apiError('NOT_FOUND', `No passage "${request.params.id}"`);
      const [article, siblings, catalog] = await Promise.all([
        app.searchService.getArticle(passage.articleId),
        app.searchService.findPassages({ articleId: [passage.articleId] }),
        app.catalog(),
      ]);
      if (!article) throw apiError('NOT_FOUND', `No article "${passage.articleId}" for passage "${passage.id}"`);
      const byOrdinal = new Map(siblings.map((p) => [p.ordinal, p]));
      const previous = byOrdinal.get(passage.ordinal - 1);
      const next = byOrdinal.get(passage.ordinal + 1);
      const permalink = absoluteUrl(request, passagePath(passage.id));
      return {
        // Its events, so the passage page links the event it is from.
        passage: withProvenance(presentPassage(passage), catalog, 'vi'),
        previous: previous ? presentPassage(previous) : null,
        next: next ? presentPassage(next) : null,
        article: presentArticleSummary(article),
        permalink,
        citations: formatCitations(citationInputBuilder(catalog, absoluteUrl(request, ''))(passage, article)),
      };
    },
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'An article with every passage in order',
        params: IdParams,
        response: { 200: ArticleResponse, ...errors },
      },
      onSend,
    },
    async (request) => {
      const article = await app.searchService.getArticle(request.params.id);
      if (!article) throw apiError('NOT_FOUND', `No article "${request.params.id}"`);
      const passages = await app.searchService.findPassages({ articleId: [article.id] });
      return {
        article: {
          ...presentArticleSummary(article),
          titleDerived: article.titleDerived,
          sourceFile: article.sourceFile,
          sourceSha256: article.sourceSha256,
          language: article.language,
          speakerIds: article.speakerIds ?? [],
          mentionIds: article.mentionIds ?? [],
          themes: article.themes ?? [],
          lead: article.lead ?? null,
          points: article.points ?? [],
        },
        // findPassages returns an article's passages by ordinal already.
        passages: passages.map(presentPassage),
      };
    },
  );
};
