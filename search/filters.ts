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

/** A date bound as the API takes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
const DATE_BOUND = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * A `from`/`to` bound as the `YYYYMMDD` number `dateSort` holds: a partial date covers its whole
 * year or month (`from=2021` is 1 January, `to=2021-05` is 31 May). Throws naming the parameter.
 */
export function dateBound(name: 'from' | 'to', value: string): number {
  const m = typeof value === 'string' ? DATE_BOUND.exec(value) : null;
  if (!m) throw new SearchInputError(`invalid ${name} ${JSON.stringify(value)} (a date YYYY, YYYY-MM or YYYY-MM-DD)`);
  const end = name === 'to';
  return Number(m[1]) * 10000 + Number(m[2] ?? (end ? 12 : 1)) * 100 + Number(m[3] ?? (end ? 31 : 1));
}

/** The `dateSort` range clauses of `from`/`to`; undated passages (no `dateSort`) never match a range. */
function dateClauses(filters: SearchFilters): string[] {
  const from = filters.from !== undefined ? dateBound('from', filters.from) : null;
  const to = filters.to !== undefined ? dateBound('to', filters.to) : null;
  if (from !== null && to !== null && from > to) {
    throw new SearchInputError(`from ${JSON.stringify(filters.from)} is after to ${JSON.stringify(filters.to)}`);
  }
  const out: string[] = [];
  // The bound is a number built from checked digits; it still goes in as a quoted value, never as text.
  if (from !== null) out.push(`dateSort >= ${quoteFilterValue(String(from))}`);
  if (to !== null) out.push(`dateSort <= ${quoteFilterValue(String(to))}`);
  return out;
}

/** `(speakerId = "a" AND dateSort >= "…" AND dateSort <= "…") OR …`: each holder of a title while holding it. */
function speakerSpanClause(spans: SearchFilters['speakerSpans']): string | null {
  if (!spans || spans.length === 0) return null;
  checkStrings('speaker', spans.map((s) => s.speakerId));
  return spans
    .map((s) => {
      const parts = [`${FACET_ATTRIBUTES.speaker} = ${quoteFilterValue(s.speakerId)}`];
      for (const [op, bound] of [['>=', s.from], ['<=', s.to]] as const) {
        if (bound === null) continue;
        if (!Number.isInteger(bound) || bound < 0 || bound > 99999999) throw new SearchInputError(`invalid date bound ${JSON.stringify(bound)}`);
        parts.push(`dateSort ${op} ${quoteFilterValue(String(bound))}`);
      }
      return `(${parts.join(' AND ')})`;
    })
    .join(' OR ');
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
  clauses.push(...dateClauses(filters));
  clauses.push(speakerSpanClause(filters.speakerSpans));
  const all = [...clauses.filter((c): c is string => c !== null), ...extra];
  return all.length ? all.map((c) => `(${c})`).join(' AND ') : null;
}

/** A filter matching exactly these passage ids (ids come from the engine, quoted all the same). */
export function idFilter(ids: string[]): string {
  return `id IN [${ids.map(quoteFilterValue).join(', ')}]`;
}
