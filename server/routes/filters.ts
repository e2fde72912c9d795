/**
 * Turns validated query parameters into `SearchFilters`, checking event and speaker ids against
 * the serving index's knowledge base, so a typo answers 400 naming the id instead of an empty list.
 * Values are passed to the search module as data, never spliced into a filter string here.
 */
import type { FastifyInstance } from 'fastify';
import type { SearchFilters, SearchSort } from '../../search/types.ts';
import { dateBound } from '../../search/filters.ts';
import { parameterError } from '../errors.ts';
import type { ExportQuerystring, SearchQuerystring } from '../schemas.ts';

type FilterParams = Pick<SearchQuerystring, 'event' | 'speaker' | 'year' | 'kind' | 'source'> & { from?: string; to?: string };

/** Unique values in first-seen order. */
function unique<T>(values: T[] | undefined): T[] | undefined {
  return values && values.length ? [...new Set(values)] : undefined;
}

/** Validates ids and builds the filters; throws a 400 naming the first unknown id. */
export async function buildFilters(app: FastifyInstance, q: FilterParams): Promise<SearchFilters> {
  const event = unique(q.event);
  const speaker = unique(q.speaker);
  if (event || speaker) {
    const catalog = await app.catalog();
    for (const id of event ?? []) if (!catalog.events.has(id)) throw parameterError('UNKNOWN_EVENT', 'event', id, 'event');
    for (const id of speaker ?? []) if (!catalog.people.has(id)) throw parameterError('UNKNOWN_SPEAKER', 'speaker', id, 'speaker');
  }
  const filters: SearchFilters = {};
  if (event) filters.event = event;
  if (speaker) filters.speaker = speaker;
  const year = unique(q.year);
  if (year) filters.year = year;
  const kind = unique(q.kind);
  if (kind) filters.kind = kind;
  const source = unique(q.source);
  if (source) filters.source = source;
  for (const name of ['from', 'to'] as const) {
    const value = q[name];
    if (value === undefined) continue;
    try {
      dateBound(name, value);
    } catch {
      throw parameterError('BAD_REQUEST', name, `invalid date ${JSON.stringify(value)} (parameter ${name}; YYYY, YYYY-MM or YYYY-MM-DD)`);
    }
    filters[name] = value;
  }
  if (filters.from && filters.to && dateBound('from', filters.from) > dateBound('to', filters.to)) {
    throw parameterError('BAD_REQUEST', 'to', `from ${filters.from} is after to ${filters.to} (parameter to)`);
  }
  return filters;
}

/** An empty query has no relevance to sort by: it lists passages newest first. */
export function effectiveSort(q: Pick<SearchQuerystring | ExportQuerystring, 'q' | 'sort'>): SearchSort {
  return q.q.trim() === '' && q.sort === 'relevance' ? 'date-desc' : (q.sort as SearchSort);
}
