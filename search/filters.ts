/**
 * Builds Meilisearch filter expressions from validated filter values.
 *
 * Values are checked for type and shape, then quoted and escaped: a user value never becomes
 * syntax (`Báo "X" OR kind = paragraph` is one string value, not an OR clause).
 * @see https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
 */
import type { PassageKind } from '../ingest/types.ts';
import { SearchInputError } from './errors/search-input-error.ts';
import { FACET_ATTRIBUTES } from './settings.ts';
import type { SearchFilters } from './types.ts';

/** Every passage kind, in the order the API documents them; the one list the filter and the API schema check against. */
export const PASSAGE_KINDS = ['paragraph', 'quote', 'caption', 'list-item', 'heading'] as const satisfies readonly PassageKind[];
/** A `PassageKind` missing from `PASSAGE_KINDS` makes this a type error. */
const ALL_KINDS_LISTED: [Exclude<PassageKind, (typeof PASSAGE_KINDS)[number]>] extends [never] ? true : never = true;

const KINDS: ReadonlySet<PassageKind> = new Set(PASSAGE_KINDS);

/** Most values one filter takes; beyond this a request is abuse, not research. */
const MAX_VALUES = 200;
const MAX_VALUE_LENGTH = 300;

/** Quotes a string for a filter expression, escaping backslashes and double quotes. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function checkStrings(name: string, values: unknown[]): string[] {
  if (values.length > MAX_VALUES) throw new SearchInputError(`too many values for ${name} (at most ${MAX_VALUES})`);
  return values.map((v) => {
    if (typeof v !== 'string' || v.length === 0 || v.length > MAX_VALUE_LENGTH || /[\u0000-\u001f]/.test(v)) {
      throw new SearchInputError(`invalid ${name} value ${JSON.stringify(v)}`);
    }
    return v;
  });
}

function stringClause(attribute: string, name: string, values: unknown[] | undefined): string | null {
  if (!values || values.length === 0) return null;
  const checked = checkStrings(name, values);
  return `${attribute} IN [${checked.map(quoteFilterValue).join(', ')}]`;
}

/** Turns validated filters into one expression (values of one filter OR-ed, filters AND-ed); null when none. */
export function buildFilter(filters: SearchFilters, extra: string[] = []): string | null {
  const clauses: (string | null)[] = [
    stringClause(FACET_ATTRIBUTES.event, 'event', filters.event),
    stringClause(FACET_ATTRIBUTES.speaker, 'speaker', filters.speaker),
    stringClause(FACET_ATTRIBUTES.source, 'source', filters.source),
    stringClause('articleId', 'articleId', filters.articleId),
  ];
  if (filters.year && filters.year.length > 0) {
    for (const y of filters.year) {
      if (!Number.isInteger(y) || y < 0 || y > 9999) throw new SearchInputError(`invalid year ${JSON.stringify(y)}`);
    }
    clauses.push(`${FACET_ATTRIBUTES.year} IN [${filters.year.join(', ')}]`);
  }
  if (filters.kind && filters.kind.length > 0) {
    for (const k of filters.kind) {
      if (!KINDS.has(k)) throw new SearchInputError(`invalid kind ${JSON.stringify(k)}`);
    }
    clauses.push(`${FACET_ATTRIBUTES.kind} IN [${filters.kind.map(quoteFilterValue).join(', ')}]`);
  }
  const all = [...clauses.filter((c): c is string => c !== null), ...extra];
  return all.length ? all.map((c) => `(${c})`).join(' AND ') : null;
}

/** A filter matching exactly these passage ids (ids come from the engine, quoted all the same). */
export function idFilter(ids: string[]): string {
  return `id IN [${ids.map(quoteFilterValue).join(', ')}]`;
}
