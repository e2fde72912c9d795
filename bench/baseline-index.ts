/**
 * The baseline a researcher would otherwise have: the same passages in a Meilisearch index with
 * DEFAULT settings, queried with the raw query string.
 *
 * Only `filterableAttributes` is set, because Meilisearch refuses any filter on an attribute not
 * declared filterable; everything else (searchable attributes `*`, ranking rules, typo tolerance,
 * prefix search, no synonyms, no stop words) stays at the engine's defaults.
 *
 * This file talks to Meilisearch's REST API with `fetch` on purpose: only `search/` may import the
 * `meilisearch` client, and the search module (rightly) exposes no "plain index" on its service.
 * Used by the eval CLI and the load benchmark, against 127.0.0.1 or the configured `MEILI_URL`.
 * The key is sent in a header only, never logged or printed.
 */
import { quoteFilterValue as quoteString } from '../search/filters.ts';
import type { PassageDoc, SearchFilters } from '../search/types.ts';

/** The fields uploaded to the baseline: the passage text first, then what a hit list shows and what filters need. */
export interface BaselineDoc {
  id: string;
  text: string;
  title: string;
  speakerName: string | null;
  speakerId: string | null;
  eventIds: string[];
  year: number | null;
  kind: string;
  source: string | null;
}

/** Attributes the filters map to (the only non-default setting). */
export const BASELINE_FILTERABLE = ['speakerId', 'eventIds', 'year', 'kind', 'source'] as const;

/** Projects a passage onto the baseline's fields; `text` first so the default attribute order ranks it first. */
export function toBaselineDoc(d: PassageDoc): BaselineDoc {
  return {
    id: d.id,
    text: d.text,
    title: d.title,
    speakerName: d.speakerName,
    speakerId: d.speakerId,
    eventIds: d.eventIds,
    year: d.year,
    kind: d.kind,
    source: d.source,
  };
}

/** Quotes a value for a Meilisearch filter string: a string as the search module quotes it (so it cannot close the string), a number as is. */
export function quoteFilterValue(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number in a filter: ${value}`);
    return String(value);
  }
  return quoteString(value);
}

/** Builds the plain filter array (AND of ORs) for the baseline from API-shaped filters. */
export function baselineFilter(f: SearchFilters): string[] {
  const clauses: string[] = [];
  const add = (attr: string, values: (string | number)[] | undefined) => {
    if (values && values.length > 0) clauses.push(`${attr} IN [${values.map(quoteFilterValue).join(', ')}]`);
  };
  add('speakerId', f.speaker);
  add('eventIds', f.event);
  add('year', f.year);
  add('kind', f.kind);
  add('source', f.source);
  return clauses;
}

/** Where the engine is and which index to use. */
export interface BaselineTarget {
  url: string;
  masterKey: string;
  uid: string;
}

/** One baseline search's answer. */
export interface BaselineHits {
  ids: string[];
  texts: string[];
  processingTimeMs: number;
}

async function call(t: BaselineTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (t.masterKey) headers.authorization = `Bearer ${t.masterKey}`;
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (!res.ok && !(method === 'DELETE' && res.status === 404)) {
    throw new Error(`Meilisearch ${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Polls a task until it ends; throws with the engine's message when it failed. */
async function waitTask(t: BaselineTarget, taskUid: number, timeoutMs = 600_000, okCodes: string[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    const task = (await call(t, 'GET', `/tasks/${taskUid}`)) as { status: string; error?: { message?: string; code?: string } };
    if (task.status === 'succeeded') return;
    if (task.status === 'failed' && task.error?.code && okCodes.includes(task.error.code)) return;
    if (task.status === 'failed' || task.status === 'canceled') {
      throw new Error(`Meilisearch task ${taskUid} ${task.status}: ${task.error?.message ?? 'no message'}`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Error(`Meilisearch task ${taskUid} did not finish within ${timeoutMs} ms`);
}

async function enqueue(t: BaselineTarget, method: string, path: string, body?: unknown): Promise<void> {
  const task = (await call(t, method, path, body)) as { taskUid: number } | null;
  // Deleting an index that does not exist is not an error here: the goal is that it is gone.
  if (task) await waitTask(t, task.taskUid, 600_000, method === 'DELETE' ? ['index_not_found'] : []);
}

/** (Re)creates the baseline index with default settings plus filterable attributes, and uploads the docs. */
export async function buildBaselineIndex(t: BaselineTarget, docs: readonly PassageDoc[], batchSize = 10_000): Promise<void> {
  await enqueue(t, 'DELETE', `/indexes/${encodeURIComponent(t.uid)}`);
  await enqueue(t, 'POST', '/indexes', { uid: t.uid, primaryKey: 'id' });
  await enqueue(t, 'PATCH', `/indexes/${encodeURIComponent(t.uid)}/settings`, { filterableAttributes: [...BASELINE_FILTERABLE] });
  for (let i = 0; i < docs.length; i += batchSize) {
    await enqueue(t, 'POST', `/indexes/${encodeURIComponent(t.uid)}/documents`, docs.slice(i, i + batchSize).map(toBaselineDoc));
  }
}

/** Searches the baseline with the raw query and plain filters. */
export async function searchBaseline(t: BaselineTarget, q: string, filters: SearchFilters, limit = 10): Promise<BaselineHits> {
  const filter = baselineFilter(filters);
  const res = (await call(t, 'POST', `/indexes/${encodeURIComponent(t.uid)}/search`, {
    q,
    limit,
    ...(filter.length > 0 ? { filter } : {}),
    attributesToRetrieve: ['id', 'text'],
  })) as { hits: { id: string; text: string }[]; processingTimeMs: number };
  return { ids: res.hits.map((h) => h.id), texts: res.hits.map((h) => h.text), processingTimeMs: res.processingTimeMs };
}

/** Deletes the baseline index (no error when it does not exist). */
export async function dropBaselineIndex(t: BaselineTarget): Promise<void> {
  await enqueue(t, 'DELETE', `/indexes/${encodeURIComponent(t.uid)}`);
}

/** Size of the engine's database on disk and per index, as `/stats` reports it. */
export async function engineStats(t: Omit<BaselineTarget, 'uid'>): Promise<{ databaseSize: number; usedDatabaseSize?: number; indexes: Record<string, { numberOfDocuments: number }> }> {
  return (await call({ ...t, uid: '' }, 'GET', '/stats')) as {
    databaseSize: number;
    usedDatabaseSize?: number;
    indexes: Record<string, { numberOfDocuments: number }>;
  };
}

/** Every index with its document count (to find the serving passages index behind an atomic swap). */
export async function listIndexes(t: Omit<BaselineTarget, 'uid'>): Promise<{ uid: string; numberOfDocuments: number }[]> {
  const stats = await engineStats(t);
  return Object.entries(stats.indexes).map(([uid, s]) => ({ uid, numberOfDocuments: s.numberOfDocuments }));
}
