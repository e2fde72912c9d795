/**
 * One line writer per export format (`/api/export?format=jsonl|csv|bibtex|ris`): the header,
 * each passage's line and the response type. Whatever a passage's line needs beyond the passage
 * (its article, the events' names, the absolute permalink, the family names of the KB) is loaded
 * once per export, not once per passage.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Article } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';
import { citationInputBuilder } from './citation-input.ts';
import { formatBibtex, formatRis } from './citations.ts';
import { csvHeader, toCsvRow, toJsonLine, type ExportContext } from './export-format.ts';
import { absoluteUrl, passagePath } from './present.ts';

/** Export formats. */
export type ExportFormat = 'jsonl' | 'csv' | 'bibtex' | 'ris';

/** How one export is written. */
export interface ExportWriter {
  contentType: string;
  extension: string;
  header: string | null;
  /** The text of one passage; `first` is true for the first passage of the file. */
  line(p: PassageDoc, first: boolean): string;
}

/** The writer of a format, with the articles and the catalog loaded. */
export async function exportWriter(app: FastifyInstance, request: FastifyRequest, format: ExportFormat): Promise<ExportWriter> {
  const [articles, catalog] = await Promise.all([app.searchService.listArticles(), app.catalog()]);
  const byId = new Map<string, Article>(articles.map((a) => [a.id, a]));
  const origin = absoluteUrl(request, '');
  const context = (p: PassageDoc): ExportContext => ({
    article: byId.get(p.articleId) ?? null,
    eventNames: (p.eventIds ?? []).map((id) => catalog.events.get(id)?.name ?? id),
    permalink: origin + passagePath(p.id),
  });
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', extension: 'csv', header: csvHeader(), line: (p) => toCsvRow(p, context(p)) };
  if (format === 'jsonl') return { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl', header: null, line: (p) => toJsonLine(p, context(p)) };
  const input = citationInputBuilder(catalog, origin);
  if (format === 'bibtex') {
    return { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib', header: null, line: (p, first) => (first ? '' : '\n') + formatBibtex(input(p, byId.get(p.articleId) ?? null)) + '\n' };
  }
  return { contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris', header: null, line: (p, first) => (first ? '' : '\n') + formatRis(input(p, byId.get(p.articleId) ?? null)) + '\n' };
}
