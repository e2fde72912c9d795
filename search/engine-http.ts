/**
 * The engine's transport: the Meilisearch client's requests sent with undici's `request` over one
 * keep-alive pool instead of the global `fetch`.
 *
 * Measured on this machine (1 000 multi-searches, 8 in flight, the real corpus; BENCHMARKS.md
 * "Query plan: only what the page needs"): the client through `fetch` spent 1.0–1.7 ms of CPU per
 * request (WHATWG streams, `Headers`, abort signals) and a plain keep-alive request about 0.55 ms,
 * at half the wall time. Every search is at least one engine request, so this is the API's largest
 * fixed cost after the engine itself. undici is the HTTP client Node's own `fetch` is built on;
 * `request` is its lower-level call without the WHATWG layer.
 *
 * Contract of the client's `httpClient` option: called with `(url, init)` as `fetch` would be,
 * resolves to the parsed JSON body (undefined when empty) and must raise API errors itself. A
 * non-2xx answer is thrown as `MeilisearchApiError` (status, code, message), exactly as the client
 * does on its own; the client wraps anything thrown here in `MeilisearchRequestError` (cause = what
 * was thrown), which `EngineClient.call` unwraps. A timeout aborts `init.signal`, which undici
 * turns into a rejected request; the client reports it as its `MeilisearchRequestTimeOutError`.
 * The client marks `httpClient` deprecated (to be replaced, meilisearch-js issue 1824): when it
 * goes, this module is where the transport moves (e.g. a custom `fetch` over the same undici agent).
 * @see https://github.com/meilisearch/meilisearch-js/issues/1824 (the `httpClient` option's future)
 * @see https://undici.nodejs.org/#/docs/api/Dispatcher?id=dispatcherrequestoptions-callback (`request`)
 * @see https://undici.nodejs.org/#/docs/api/Agent (keep-alive pool)
 */
import { MeilisearchApiError } from 'meilisearch';
import { Agent, request } from 'undici';

/** Most connections kept open to the engine (one per request in flight). */
const MAX_CONNECTIONS = 256;

/** A `fetch`-shaped function for the client's `httpClient` option. */
export type EngineHttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

/** Headers of a request init as a plain object (the client passes a `Headers` instance). */
function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  return Object.fromEntries((Array.isArray(headers) ? headers : Object.entries(headers)).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * A transport over one keep-alive pool for http:// engines. An https:// engine (a hosted one)
 * keeps the global `fetch`: returns undefined, and the client uses its default.
 */
export function engineHttpClient(host: string): { httpClient: EngineHttpClient; agent: Agent } | undefined {
  if (!/^http:\/\//i.test(host)) return undefined;
  const agent = new Agent({ connections: MAX_CONNECTIONS });
  const httpClient: EngineHttpClient = async (input, init = {}) => {
    const url = input instanceof URL ? input : typeof input === 'string' ? input : input.url;
    const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
    const res = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers: plainHeaders(init.headers),
      body,
      signal: init.signal ?? undefined,
      dispatcher: agent,
    });
    const text = await res.body.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (res.statusCode >= 200 && res.statusCode < 300) return parsed;
    throw new MeilisearchApiError(new Response(null, { status: res.statusCode }), parsed as never);
  };
  return { httpClient, agent };
}
