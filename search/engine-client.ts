/**
 * Engine calls: the one `Meilisearch` client of the module, index names, error wrapping, task
 * waiting and the passages index's search / multi-search. Everything else in `search/` reaches
 * the engine through an `EngineClient`.
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Index,
  type SearchParams,
  type SearchResponse,
  type Task,
} from 'meilisearch';
import type { Logger } from 'pino';
import type { Config } from '../lib/config.ts';
import { startLocalEngine, type EngineHandle } from './engine.ts';
import { engineHttpClient } from './engine-http.ts';
import { EngineTaskError } from './errors/engine-task-error.ts';
import { EngineUnavailableError } from './errors/engine-unavailable-error.ts';
import { SearchInputError } from './errors/search-input-error.ts';
import { PASSAGE_SETTINGS } from './settings.ts';
import { describeRemoteError, federationKeyName, shardOf } from './shards.ts';
import type { SearchServiceOptions } from './types.ts';

/** Task waits: a large upload on a busy machine takes minutes, not the client's default 5 s. */
const TASK_WAIT = { timeout: 600_000, interval: 50 };
/** Longest pause between two polls of a long task. */
const TASK_POLL_MAX_MS = 1000;

/** The indexes of one app, in build order. */
export const INDEX_NAMES = ['passages', 'articles', 'people', 'events', 'meta'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];
/** Suffix of the indexes a full reindex builds before the swap. */
export const NEXT_SUFFIX = '__next';

/** One query of a multi-search on the passages index. */
export type PassageQuery = SearchParams & { q: string };

/** An engine answer for one passages query. */
export type PassageResponse = SearchResponse<Record<string, any>>;

/** One query of a federated search: a passages query with its weight in the merged ranking (default 1). */
export type FederatedPassageQuery = PassageQuery & { weight?: number };

/** The merged list of a federated search: its page and the facets counted over all its queries. */
export type PassageFederation = { limit?: number; offset?: number; facets?: string[] };

/**
 * Search parameters a query inside a federation may not carry: the engine refuses per-query
 * pagination (the page is the federation's) and ignores per-query `facets` (they are the
 * federation's `facetsByIndex`).
 * @see https://www.meilisearch.com/docs/reference/api/multi_search#federation
 */
const FEDERATION_OWNED = ['limit', 'offset', 'page', 'hitsPerPage', 'facets'] as const;

/**
 * Connects to the engine: `config.meili` (MEILI_URL / MEILI_MASTER_KEY) when set, else a local
 * Meilisearch started as a child process. The caller calls `stop()` on exit (also on SIGINT).
 */
export async function connectEngine(config: Config, log?: Logger): Promise<EngineHandle> {
  if (config.meili) {
    log?.info({ url: config.meili.url }, 'using external Meilisearch');
    return { url: config.meili.url, masterKey: config.meili.masterKey, process: null, stop: async () => {} };
  }
  log?.info({ dataDir: config.dataDir }, 'starting local Meilisearch');
  const handle = await startLocalEngine({
    dataDir: config.dataDir,
    bin: config.meiliBin,
    onLog: (line) => log?.debug({ engine: line }, 'meilisearch'),
  });
  // Last resort if the caller forgets: never leave an orphan engine holding the data directory.
  const killOnExit = () => handle.process?.kill('SIGTERM');
  process.once('exit', killOnExit);
  log?.info({ url: handle.url }, 'local Meilisearch ready');
  return {
    ...handle,
    stop: async () => {
      process.off('exit', killOnExit);
      await handle.stop();
    },
  };
}

function isNotFound(err: unknown): boolean {
  if (!(err instanceof MeilisearchApiError)) return false;
  const code = err.cause?.code;
  return code === 'index_not_found' || code === 'document_not_found' || err.response.status === 404;
}

/** What a search of an index that does not exist yet returns: nothing. */
export function emptyResponse(q: string): PassageResponse {
  return { hits: [], totalHits: 0, facetDistribution: {}, processingTimeMs: 0, query: q } as unknown as PassageResponse;
}

/** A bad document named from the engine's message (ids appear in it quoted) or the batch's only id. */
export function taskError(what: string, task: Task, batch: { id: unknown }[] = []): EngineTaskError {
  const message = task.error?.message ?? `task ${task.uid} ${task.status}`;
  const ids = batch.map((d) => String(d.id));
  const documentId = ids.find((id) => id && message.includes(id)) ?? (ids.length === 1 ? ids[0]! : null);
  return new EngineTaskError(`${what} failed${documentId ? ` for document ${JSON.stringify(documentId)}` : ''}: ${message}`, {
    documentId,
    taskUid: task.uid,
    code: task.error?.code ?? null,
    cause: task.error,
  });
}

/**
 * One engine holding a share of the passages and articles indexes. The own engine (`local`) also
 * holds people, events and meta, and coordinates the federated searches.
 */
export interface Shard {
  /** The shard's name in the network and in the placement hash (`shards.ts`). */
  name: string;
  /** The engine, reached with the shard's write key. */
  engine: EngineClient;
  local: boolean;
  /** The key the coordinator searches a remote shard with; null: created by the app (see `ensureNetwork`). */
  searchApiKey: string | null;
}

/** How many values per facet a federated search merges: the passages index's own setting. */
const MERGED_FACET_VALUES = PASSAGE_SETTINGS.faceting?.maxValuesPerFacet ?? 1000;

/** The engine as the module uses it: one client, one index prefix, errors in the module's own classes. */
export class EngineClient {
  readonly client: Meilisearch;
  readonly url: string;
  readonly prefix: string;
  /**
   * Every shard of the passages and articles indexes, the own engine first; one entry (this
   * engine) without MEILI_REMOTES.
   */
  readonly shards: Shard[];
  /** The shard names, in configuration order (placement does not depend on the order). */
  readonly shardNames: string[];
  /** The network set-up of a sharded engine, once per process (reset after a failure or a remote error). */
  private network: Promise<void> | null = null;

  constructor(opts: SearchServiceOptions) {
    this.url = opts.url;
    this.prefix = opts.indexPrefix;
    const self = opts.shardSelf ?? 'local';
    this.shards = [
      { name: self, engine: this, local: true, searchApiKey: null },
      ...(opts.remotes ?? []).map((r) => ({
        name: r.name,
        engine: new EngineClient({ url: r.url, masterKey: r.writeApiKey, indexPrefix: opts.indexPrefix, timeoutMs: opts.timeoutMs }),
        local: false,
        searchApiKey: r.searchApiKey,
      })),
    ];
    this.shardNames = this.shards.map((s) => s.name);
    // undici `request` over a keep-alive pool instead of fetch: under half the CPU per engine request (engine-http.ts).
    const transport = engineHttpClient(opts.url);
    this.client = new Meilisearch({
      ...(transport ? { httpClient: transport.httpClient } : {}),
      host: opts.url,
      apiKey: opts.masterKey || undefined,
      timeout: opts.timeoutMs ?? 15_000,
      // Meilisearch gzips responses for clients that accept it, and Node's fetch does: each answer
      // then waited ~44 ms (a compressed stream's last chunk held back by delayed ACK), against
      // ~1 ms uncompressed (`bench/engine-roundtrip.ts`). Compression buys nothing on loopback or
      // a compose network, so ask for plain bodies.
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });
  }

  /** The engine uid of one of the app's indexes. */
  uid(name: IndexName): string {
    return `${this.prefix}${name}`;
  }

  /** True when the passages and articles indexes are spread over several engines (MEILI_REMOTES). */
  get sharded(): boolean {
    return this.shards.length > 1;
  }

  /** The shard an article (and every passage of it) lives on; this engine when not sharded. */
  shardFor(articleId: string): Shard {
    if (!this.sharded) return this.shards[0]!;
    const name = shardOf(articleId, this.shardNames);
    return this.shards.find((s) => s.name === name)!;
  }

  /**
   * Makes the shards searchable as one: the `network` experimental feature on every shard (a
   * remote refuses proxied searches without it), a search-only key on each remote that has no
   * `searchApiKey` configured (named `federationKeyName`, scoped to the passages index, created
   * once with the remote's master key and reused after), then `PATCH /network` on this engine
   * with `self` and every remote. Remotes this app does not configure are left as they are. Done
   * once per process; a failure (or a remote error during a search) makes the next call redo it.
   * @throws EngineUnavailableError when a shard cannot be reached; EngineTaskError when one refuses.
   * @see https://www.meilisearch.com/docs/reference/api/network
   * @see https://www.meilisearch.com/docs/reference/api/experimental_features
   */
  ensureNetwork(): Promise<void> {
    if (!this.sharded) return Promise.resolve();
    this.network ??= this.configureNetwork().catch((err: unknown) => {
      this.network = null;
      throw err;
    });
    return this.network;
  }

  private async configureNetwork(): Promise<void> {
    const self = this.shards[0]!;
    const remotes: Record<string, { url: string; searchApiKey?: string | null }> = { [self.name]: { url: this.url } };
    await Promise.all(
      this.shards.map(async (shard) => {
        const engine = shard.engine;
        await engine.call(`enabling the network feature on shard ${shard.name}`, () =>
          engine.client.updateExperimentalFeatures({ network: true } as Parameters<Meilisearch['updateExperimentalFeatures']>[0]),
        );
        if (!shard.local) remotes[shard.name] = { url: engine.url, searchApiKey: shard.searchApiKey ?? (await this.federationKey(shard)) };
      }),
    );
    await this.call('configuring the network of shards', () =>
      this.client.updateNetwork({ self: self.name, remotes } as Parameters<Meilisearch['updateNetwork']>[0]),
    );
  }

  /** The search-only key the coordinator uses on a remote shard: found by name, else created. */
  private async federationKey(shard: Shard): Promise<string> {
    const engine = shard.engine;
    const name = federationKeyName(this.prefix);
    const what = `preparing the federation search key on shard ${shard.name} (give its searchApiKey in MEILI_REMOTES, or its master key as writeApiKey)`;
    for (let offset = 0; ; offset += 100) {
      const page = await engine.call(what, () => engine.client.getKeys({ offset, limit: 100 }));
      const found = page.results.find((k) => k.name === name);
      if (found) return found.key;
      if (offset + 100 >= page.total) break;
    }
    const created = await engine.call(what, () =>
      engine.client.createKey({ name, description: 'Federated searches of the passages index from the coordinating engine', actions: ['search'], indexes: [this.uid('passages')], expiresAt: null }),
    );
    return created.key;
  }

  /** One of the app's indexes, or its `__next` twin during a reindex. */
  index<T extends Record<string, any> = Record<string, any>>(name: IndexName, next = false): Index<T> {
    return this.client.index<T>(this.uid(name) + (next ? NEXT_SUFFIX : ''));
  }

  /** Runs an engine call, turning network failures and timeouts into `EngineUnavailableError`. */
  async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (thrown) {
      // The client wraps what its `httpClient` throws (engine-http.ts) in a request error: an
      // answer of the engine (index not found, bad filter) is the API error inside.
      const err = thrown instanceof MeilisearchRequestError && thrown.cause instanceof MeilisearchApiError ? thrown.cause : thrown;
      if (err instanceof EngineTaskError || err instanceof SearchInputError || err instanceof EngineUnavailableError) throw err;
      const unavailable =
        err instanceof MeilisearchRequestError ||
        err instanceof MeilisearchTaskTimeOutError ||
        (err instanceof MeilisearchApiError && err.response.status >= 500) ||
        (err instanceof TypeError && /fetch/i.test(err.message));
      if (unavailable) {
        throw new EngineUnavailableError(`Meilisearch at ${this.url} is unavailable while ${what}`, { cause: err });
      }
      if (err instanceof MeilisearchError) {
        throw new EngineTaskError(`Meilisearch refused ${what}: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }

  /**
   * `call`, except that the engine saying the index or document does not exist (no reindex yet,
   * an unknown id) gives `missing()` instead of an error.
   */
  async callOrMissing<T, M>(what: string, fn: () => Promise<T>, missing: () => M): Promise<T | M> {
    try {
      return await this.call(what, fn);
    } catch (err) {
      if (err instanceof EngineTaskError && isNotFound(err.cause)) return missing();
      throw err;
    }
  }

  /** Waits for a task and throws `EngineTaskError` unless it succeeded. */
  async waitOk(what: string, enqueued: EnqueuedTaskPromise, batch?: { id: unknown }[]): Promise<Task> {
    const task = await this.waitTask(what, enqueued);
    if (task.status !== 'succeeded') throw taskError(what, task, batch);
    return task;
  }

  /**
   * Polls a task until it ends, backing off from 50 ms to 1 s. Not the client's `waitTask`: it hangs
   * one abort listener per poll on a shared signal and keeps them until the wait ends, thousands
   * during a 100 000-passage reindex (Node's MaxListenersExceededWarning, once per poll).
   */
  async waitTask(what: string, enqueued: EnqueuedTaskPromise): Promise<Task> {
    const { taskUid } = await this.call(what, () => enqueued);
    const deadline = Date.now() + TASK_WAIT.timeout;
    for (let pause = TASK_WAIT.interval; ; pause = Math.min(pause * 2, TASK_POLL_MAX_MS)) {
      // A poll that times out (an engine busy indexing on a loaded host) is not the task failing:
      // poll again until the deadline; the task itself runs on regardless.
      const task = await this.call(what, () => this.client.tasks.getTask(taskUid)).catch((err: unknown) => {
        if (err instanceof EngineUnavailableError && timedOut(err) && Date.now() <= deadline) return null;
        throw err;
      });
      if (task && task.status !== 'enqueued' && task.status !== 'processing') return task;
      if (Date.now() > deadline) {
        throw new EngineUnavailableError(`Meilisearch at ${this.url} did not finish ${what} within ${TASK_WAIT.timeout} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Every index uid the engine holds. */
  async existingIndexes(): Promise<Set<string>> {
    const found = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = await this.call('listing indexes', () => this.client.getRawIndexes({ offset, limit: 100 }));
      for (const idx of page.results) found.add(idx.uid);
      if (offset + 100 >= page.total) return found;
    }
  }

  /** Runs one search on the passages index; an index that does not exist yet is an empty result. */
  async searchPassages(q: string, params: SearchParams): Promise<PassageResponse> {
    if (this.sharded) return (await this.multiSearchPassages('searching', [{ ...params, q }]))[0]!;
    return this.callOrMissing('searching', () => this.index('passages').search(q, params), () => emptyResponse(q));
  }

  /** Runs several searches on the passages index in one round trip; no index yet → empty results. */
  async multiSearchPassages(what: string, queries: PassageQuery[]): Promise<PassageResponse[]> {
    if (queries.length === 0) return [];
    if (this.sharded) {
      // Sharded: each query is one federated search over every shard (sent side by side), answered
      // in the shape of the same query on one engine.
      await this.ensureNetwork();
      return Promise.all(queries.map((query) => this.searchAcrossShards(what, query)));
    }
    return this.callOrMissing(
      what,
      async () => (await this.client.multiSearch({ queries: queries.map((query) => ({ indexUid: this.uid('passages'), ...query })) })).results,
      () => queries.map((query) => emptyResponse(query.q)),
    );
  }

  /**
   * Runs several queries on the passages index as ONE federated search: one list of hits merged
   * in descending (weighted) ranking score, a passage matched by several queries listed once, and
   * the facets of `federation.facets` counted over the union (`facetsByIndex` + `mergeFacets`).
   * Used for `OR`: one query per alternative.
   *
   * Each query's own `limit`/`offset`/`page`/`hitsPerPage`/`facets` are dropped (the engine refuses
   * per-query pagination and ignores per-query facets; the page and the facets are the
   * federation's). `weight` becomes `federationOptions.weight`.
   *
   * The answer is one `PassageResponse`: `hits` (each with `_federation: { indexUid,
   * queriesPosition, weightedRankingScore }`), `offset`, `limit`, `estimatedTotalHits` (a
   * federation has no exhaustive `totalHits`: the engine estimates the size of the union),
   * `facetDistribution` and `facetStats`. No index yet → an empty result, as in
   * `multiSearchPassages`. No query → an empty result.
   *
   * @param what - what the search is for, named in errors ("searching", …).
   * @param federation - `limit` (default 20) and `offset` (default 0) of the merged list; `facets`,
   *   filterable attributes of the passages index to count over the merged list.
   * @throws EngineUnavailableError when the engine cannot be reached; EngineTaskError when it refuses.
   * @see https://www.meilisearch.com/docs/reference/api/multi_search#federation
   * @see https://www.meilisearch.com/docs/capabilities/multi_search/how_to/boost_results_across_indexes
   */
  async federatedSearchPassages(what: string, queries: FederatedPassageQuery[], federation: PassageFederation): Promise<PassageResponse> {
    const empty = () => {
      const response = emptyResponse(queries.map((query) => query.q).join(' '));
      return { ...response, offset: federation.offset ?? 0, limit: federation.limit ?? 20, estimatedTotalHits: 0 } as PassageResponse;
    };
    if (queries.length === 0) return empty();
    const indexUid = this.uid('passages');
    // Sharded: each query is asked of every shard (`federationOptions.remote`), in one request.
    await this.ensureNetwork();
    const federated = queries.flatMap(({ weight, ...query }) => {
      const rest: Record<string, unknown> = { ...query };
      for (const key of FEDERATION_OWNED) delete rest[key];
      return this.shardTargets().map((remote) => ({ indexUid, ...(rest as PassageQuery), ...federationOptions(weight, remote) }));
    });
    const facets = federation.facets ?? [];
    return this.callOrMissing(
      what,
      async () =>
        this.checkRemotes(what, await this.client.multiSearch({
          federation: {
            ...(federation.limit === undefined ? {} : { limit: federation.limit }),
            ...(federation.offset === undefined ? {} : { offset: federation.offset }),
            ...(facets.length ? { facetsByIndex: { [indexUid]: facets }, mergeFacets: {} } : {}),
          },
          queries: federated,
        })) as PassageResponse,
      empty,
    );
  }

  /**
   * Whether the coordinator reaches each remote shard by federated search: one `limit: 0`
   * federated query per remote; the answer maps each remote's name to null (answered) or what
   * went wrong (from `remoteErrors`, or the request's own failure for all of them).
   */
  async probeRemotes(): Promise<Map<string, string | null>> {
    const remotes = this.shards.filter((s) => !s.local).map((s) => s.name);
    const out = new Map<string, string | null>(remotes.map((name) => [name, null]));
    if (remotes.length === 0) return out;
    try {
      await this.ensureNetwork();
      const res = (await this.call('probing the shards', () =>
        this.client.multiSearch({
          federation: { limit: 0 },
          queries: remotes.map((remote) => ({ indexUid: this.uid('passages'), q: '', federationOptions: { remote } })),
        }),
      )) as { remoteErrors?: Record<string, { message?: string; code?: string }> };
      for (const [name, err] of Object.entries(res.remoteErrors ?? {})) out.set(name, describeRemoteError(err));
      if (Object.keys(res.remoteErrors ?? {}).length > 0) this.network = null;
    } catch (err) {
      // Said without the URL (health is public).
      for (const name of remotes) out.set(name, err instanceof EngineUnavailableError ? 'the coordinating engine is unreachable' : 'the coordinating engine refused the federated probe');
    }
    return out;
  }

  /** Where each copy of a query goes: the own engine (no `remote`), then every remote shard by name. */
  private shardTargets(): (string | undefined)[] {
    return this.shards.map((s) => (s.local ? undefined : s.name));
  }

  /**
   * One passages query over every shard as ONE federated search, answered in the shape of the same
   * query on one engine: `page`/`hitsPerPage` become the federation's `offset`/`limit` (1.21 has
   * no federated `page`) and the answer gets `totalHits`/`totalPages` from the federation's
   * `estimatedTotalHits` (equal to the exhaustive count on 400 random queries with this index's
   * settings: `matchingStrategy: 'all'`, no prefix; and asserted against one engine in
   * tests/search/federation.test.ts); `facets` become `facetsByIndex` + `mergeFacets` (counts
   * summed over the shards); `_federation` is dropped from the hits. `sort` stays on each query:
   * the engine merges the shards' hits by their ranking-score details, `sort` first (the index's
   * first ranking rule), so a sorted page across shards is the page one engine gives. No index
   * yet (on the own engine) → an empty result.
   * @see https://www.meilisearch.com/docs/reference/api/multi_search#federation
   * @see https://www.meilisearch.com/docs/reference/api/network
   */
  private async searchAcrossShards(what: string, query: PassageQuery): Promise<PassageResponse> {
    const { page, hitsPerPage, limit, offset, facets, ...rest } = query;
    const paged = page !== undefined || hitsPerPage !== undefined;
    const size = paged ? (hitsPerPage ?? 20) : (limit ?? 20);
    const from = paged ? ((page ?? 1) - 1) * size : (offset ?? 0);
    const indexUid = this.uid('passages');
    const facetList = Array.isArray(facets) ? facets : [];
    const res = await this.callOrMissing(
      what,
      async () =>
        this.checkRemotes(
          what,
          (await this.client.multiSearch({
            federation: {
              limit: size,
              offset: from,
              ...(facetList.length ? { facetsByIndex: { [indexUid]: facetList }, mergeFacets: { maxValuesPerFacet: MERGED_FACET_VALUES } } : {}),
            },
            queries: this.shardTargets().map((remote) => ({ indexUid, ...rest, ...federationOptions(undefined, remote) })),
          })),
        ),
      () => null,
    );
    if (!res) return emptyResponse(query.q);
    const total = res.estimatedTotalHits ?? 0;
    const hits = res.hits.map(({ _federation, ...hit }) => hit);
    const common = {
      hits,
      query: query.q,
      processingTimeMs: res.processingTimeMs,
      ...(facetList.length ? { facetDistribution: res.facetDistribution ?? {}, facetStats: res.facetStats ?? {} } : {}),
    };
    return (
      paged
        ? { ...common, page: page ?? 1, hitsPerPage: size, totalHits: total, totalPages: size > 0 ? Math.ceil(total / size) : 0 }
        : { ...common, limit: size, offset: from, estimatedTotalHits: total }
    ) as PassageResponse;
  }

  /**
   * A federated answer with a remote's error is partial (the engine answers with what the other
   * shards found): refuse it, naming the shard, and set the network up again at the next search
   * (a remote restarted on an empty disk has lost its `network` feature).
   */
  private checkRemotes(what: string, res: unknown): PassageResponse {
    const errors = Object.entries((res as { remoteErrors?: Record<string, { message?: string; code?: string }> }).remoteErrors ?? {});
    if (errors.length === 0) return res as PassageResponse;
    this.network = null;
    const [name, err] = errors[0]!;
    const detail = describeRemoteError(err);
    const hint = detail.includes('index_not_found') ? ': it has no passages index yet (a full reindex builds one on every shard)' : '';
    throw new EngineUnavailableError(`shard ${JSON.stringify(name)} did not answer while ${what} (${detail})${hint}`);
  }
}

/** A federated query's options: its weight (default 1) and the remote shard it goes to (none: the own engine). */
function federationOptions(weight: number | undefined, remote: string | undefined): { federationOptions?: { weight?: number; remote?: string } } {
  if (weight === undefined && remote === undefined) return {};
  return { federationOptions: { ...(weight === undefined ? {} : { weight }), ...(remote === undefined ? {} : { remote }) } };
}

/** Whether an error (or one of its causes) is a request the engine did not answer in time. */
function timedOut(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof MeilisearchRequestTimeOutError) return true;
  }
  return false;
}
