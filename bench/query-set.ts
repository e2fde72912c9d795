/**
 * The labelled query file (`tests/eval/queries.jsonl`): parsing, validation, and the pure
 * relevance judgements over the indexed passages that the eval CLI and the regression test share.
 */
import type { PassageKind } from '../ingest/types.ts';
import type { PassageDoc, SearchFilters } from '../search/types.ts';
import { isRelevant, normalizeForMatch } from './metrics.ts';

/** Filter values as a researcher writes them in the query file: one value or several, as in the API. */
export interface LabelledFilters {
  speaker?: string | string[];
  event?: string | string[];
  year?: number | number[];
  kind?: PassageKind | PassageKind[];
  source?: string | string[];
}

/** One line of the query file. */
export interface LabelledQuery {
  q: string;
  filters?: LabelledFilters;
  /** Verbatim pieces of relevant passages. */
  relevant: string[];
}

/** A line of the query file that cannot be used; the message names the line. */
export class QueryFileError extends Error {
  override name = 'QueryFileError';
}

const FILTER_KEYS = new Set(['speaker', 'event', 'year', 'kind', 'source']);

function isStringList(v: unknown): boolean {
  return typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

/** Parses JSON lines into labelled queries; blank lines are skipped; throws naming the first bad line. */
export function parseQueryFile(text: string, name = 'queries'): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}:${i + 1}`;
    let unsafe: unknown;
    try {
      unsafe = JSON.parse(line);
    } catch (err) {
      throw new QueryFileError(`${where}: not JSON (${(err as Error).message})`);
    }
    const o = unsafe as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.q !== 'string') throw new QueryFileError(`${where}: "q" must be a string`);
    if (!Array.isArray(o.relevant) || o.relevant.length === 0 || !o.relevant.every((p) => typeof p === 'string' && p.trim() !== '')) {
      throw new QueryFileError(`${where}: "relevant" must be a non-empty list of non-empty strings`);
    }
    const f = o.filters as Record<string, unknown> | undefined;
    if (f !== undefined) {
      if (typeof f !== 'object' || f === null) throw new QueryFileError(`${where}: "filters" must be an object`);
      for (const [key, value] of Object.entries(f)) {
        if (!FILTER_KEYS.has(key)) throw new QueryFileError(`${where}: unknown filter "${key}"`);
        const ok = key === 'year'
          ? typeof value === 'number' || (Array.isArray(value) && value.every((x) => typeof x === 'number'))
          : isStringList(value);
        if (!ok) throw new QueryFileError(`${where}: filter "${key}" has a value of the wrong type`);
      }
    }
    out.push({ q: o.q, filters: f as LabelledFilters | undefined, relevant: o.relevant as string[] });
  });
  return out;
}

const list = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Maps the file's filters to the search module's `SearchFilters`, the shape the API hands to `search()`. */
export function toSearchFilters(f: LabelledFilters | undefined): SearchFilters {
  if (!f) return {};
  const out: SearchFilters = {};
  const speaker = list(f.speaker);
  const event = list(f.event);
  const year = list(f.year);
  const kind = list(f.kind);
  const source = list(f.source);
  if (speaker) out.speaker = speaker;
  if (event) out.event = event;
  if (year) out.year = year;
  if (kind) out.kind = kind;
  if (source) out.source = source;
  return out;
}

/** True when a passage passes the filters (several values of one filter are OR-ed, filters AND-ed). */
export function passesFilters(doc: PassageDoc, f: SearchFilters): boolean {
  if (f.speaker && !(doc.speakerId !== null && f.speaker.includes(doc.speakerId))) return false;
  if (f.event && !doc.eventIds.some((e) => f.event!.includes(e))) return false;
  if (f.year && !(doc.year !== null && f.year.includes(doc.year))) return false;
  if (f.kind && !f.kind.includes(doc.kind)) return false;
  if (f.source && !(doc.source !== null && f.source.includes(doc.source))) return false;
  if (f.articleId && !f.articleId.includes(doc.articleId)) return false;
  return true;
}

/** A query ready to score: its normalised pieces and how many indexed passages they make relevant. */
export interface JudgedQuery extends LabelledQuery {
  searchFilters: SearchFilters;
  pieces: string[];
  /** Indexed passages that pass the filters and contain a piece. */
  totalRelevant: number;
  /** Pieces found in no indexed passage at all (a label or cleaning problem to report). */
  orphanPieces: string[];
}

/** Judges every query against the indexed passages. */
export function judgeQueries(queries: readonly LabelledQuery[], docs: readonly PassageDoc[]): JudgedQuery[] {
  const texts = docs.map((d) => normalizeForMatch(d.text));
  return queries.map((query) => {
    const pieces = query.relevant.map(normalizeForMatch);
    const searchFilters = toSearchFilters(query.filters);
    let totalRelevant = 0;
    docs.forEach((d, i) => {
      if (passesFilters(d, searchFilters) && pieces.some((p) => texts[i]!.includes(p))) totalRelevant++;
    });
    const orphanPieces = query.relevant.filter((_, i) => !texts.some((t) => t.includes(pieces[i]!)));
    return { ...query, searchFilters, pieces, totalRelevant, orphanPieces };
  });
}

/** Which of the hit texts are relevant to a judged query. */
export function relevanceOf(hitTexts: readonly string[], query: JudgedQuery): boolean[] {
  return hitTexts.map((t) => isRelevant(t, query.pieces));
}
