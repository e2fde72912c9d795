/**
 * Formats exported passages as JSON Lines or CSV. The CSV opens correctly in a spreadsheet:
 * UTF-8 with a byte-order mark (Excel needs it to read Vietnamese), RFC 4180 quoting, CRLF
 * line ends, and cells that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed
 * with an apostrophe.
 * @see https://www.rfc-editor.org/rfc/rfc4180
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
import type { Article } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';

/** The byte-order mark that opens the CSV. */
export const UTF8_BOM = '\uFEFF';

/** CSV columns, in order: what a researcher needs to analyse and to cite each passage. */
export const CSV_COLUMNS = [
  'id',
  'articleId',
  'ordinal',
  'title',
  'date',
  'source',
  'url',
  'kind',
  'speakerId',
  'speakerName',
  'speakerRole',
  'eventIds',
  'text',
  'permalink',
  'author',
  'eventNames',
  'dateKind',
  'truncated',
  'language',
] as const;

/** What a row needs beyond the passage: its article, the events' names and the absolute permalink. */
export interface ExportContext {
  article: Article | null;
  /** Names of the passage's events, in `eventIds` order. */
  eventNames: string[];
  /** Absolute URL of the passage page: what a row without a source URL is cited by. */
  permalink: string;
}

type Column = (typeof CSV_COLUMNS)[number];

/**
 * The exported fields of a passage (the JSON Lines record and the CSV row). `url` is the source's
 * own address; `permalink` is always there, so a row without a source URL is still citable.
 * `dateKind` says where the date comes from (`header`, `dateline`, `text`, `meta`; null when undated).
 */
export function exportRecord(p: PassageDoc, ctx: ExportContext): Record<Column, string | number | boolean | string[] | null> {
  return {
    id: p.id,
    articleId: p.articleId,
    ordinal: p.ordinal,
    title: p.title,
    date: p.date ?? null,
    source: p.source ?? null,
    url: p.url ?? null,
    kind: p.kind,
    speakerId: p.speakerId ?? null,
    speakerName: p.speakerName ?? null,
    speakerRole: p.speakerRole ?? null,
    eventIds: p.eventIds ?? [],
    text: p.text,
    permalink: ctx.permalink,
    author: ctx.article?.author ?? null,
    eventNames: ctx.eventNames,
    dateKind: (p.date ?? ctx.article?.date) ? (ctx.article?.dateSource ?? null) : null,
    truncated: p.truncated === true,
    language: ctx.article?.language ?? null,
  };
}

/** One JSON Lines line (with its newline). */
export function toJsonLine(p: PassageDoc, ctx: ExportContext): string {
  return JSON.stringify(exportRecord(p, ctx)) + '\n';
}

/** Neutralises a cell a spreadsheet would evaluate as a formula. */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 cell: quoted when it holds a quote, a comma or a line break; quotes doubled. */
export function csvCell(value: string | number | boolean | string[] | null): string {
  if (value === null) return '';
  const text = defuseFormula(Array.isArray(value) ? value.join(';') : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV header line (BOM first), CRLF-terminated. */
export function csvHeader(): string {
  return UTF8_BOM + CSV_COLUMNS.join(',') + '\r\n';
}

/** One CSV row, CRLF-terminated. */
export function toCsvRow(p: PassageDoc, ctx: ExportContext): string {
  const r = exportRecord(p, ctx);
  return CSV_COLUMNS.map((c) => csvCell(r[c])).join(',') + '\r\n';
}
