/**
 * The engine's transport: the Meilisearch client's requests sent with `node:http` and one
 * keep-alive agent instead of the global `fetch`.
 *
 * Measured on this machine (a loop of 1 000 multi-searches, 8 in flight, the real corpus;
 * BENCHMARKS.md "Query plan: only what the page needs"): the client through `fetch` spent
 * 1.0–1.7 ms of CPU per request (WHATWG streams, `Headers`, abort signals) and `node:http` 0.55 ms,
 * at half the wall time. Every search is at least one engine request, so this is the API's
 * largest fixed cost after the engine itself.
 *
 * Contract of the client's `httpClient` option: called with `(url, init)` as `fetch` would be,
 * resolves to the parsed JSON body (undefined when empty) and must raise API errors itself. A
 * non-2xx answer is thrown as `MeilisearchApiError` (status, code, message), exactly as the
 * client does on its own; the client wraps anything thrown here in `MeilisearchRequestError`
 * (cause = what was thrown), which `EngineClient.call` unwraps. A timeout aborts `init.signal`:
 * the request is destroyed and the signal's reason rejected, which the client turns into its
 * `MeilisearchRequestTimeOutError`.
 * The client marks `httpClient` deprecated (to be replaced, meilisearch-js issue 1824): when it
 * goes, this module is where the transport moves (e.g. a custom `fetch` over the same agent).
 * @see https://github.com/meilisearch/meilisearch-js/issues/1824 (the `httpClient` option's future)
 * @see https://nodejs.org/api/http.html#class-httpagent (keep-alive agent)
 */
import http from 'node:http';
import { MeilisearchApiError } from 'meilisearch';

/** Most sockets kept open to the engine (one per request in flight). */
const MAX_SOCKETS = 256;

/** A `fetch`-shaped function for the client's `httpClient` option. */
export type EngineHttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

/** Headers of a request init as a plain object (the client passes a `Headers` instance). */
function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) {
    headers.forEach((value, key) => {
      out[key] = value;
    });
  } else if (Array.isArray(headers)) {
    for (const [key, value] of headers) out[key.toLowerCase()] = value;
  } else {
    for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  }
  return out;
}

/**
 * A transport over one keep-alive agent for http:// engines. An https:// engine (a hosted one)
 * keeps the global `fetch`: returns undefined, and the client uses its default.
 */
export function engineHttpClient(host: string): { httpClient: EngineHttpClient; agent: http.Agent } | undefined {
  if (!/^http:\/\//i.test(host)) return undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const httpClient: EngineHttpClient = (input, init = {}) =>
    new Promise((resolve, reject) => {
      const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
      const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
      const headers = plainHeaders(init.headers);
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch (err) {
              reject(err);
              return;
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              resolve(parsed);
              return;
            }
            const response = new Response(null, { status, statusText: res.statusMessage ?? '' });
            reject(new MeilisearchApiError(response, parsed as never));
          });
        },
      );
      const onAbort = () => {
        req.destroy();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      });
      req.end(body);
    });
  return { httpClient, agent };
}
