/**
 * Fetching a page a curator names, without letting the server be used against its own network
 * (SSRF): http and https only; no user name or password in the address; every address the host
 * name resolves to is checked, and the connection goes to a checked address (so a DNS answer
 * cannot change between check and connect); loopback, private, link-local (cloud metadata at
 * 169.254.169.254 included), shared, multicast and reserved ranges are refused unless the exact
 * IP is in `FETCH_ALLOW_PRIVATE`; each redirect is checked the same way (at most 5); the whole
 * fetch has a time limit and the body a size limit, counted while it streams.
 *
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html
 * @see https://nodejs.org/api/net.html#class-netblocklist
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** A fetch the guard refused or that failed; `status` is the HTTP status the API answers with. */
export class FetchRefusedError extends Error {
  override name = 'FetchRefusedError';
  constructor(
    message: string,
    readonly status: 400 | 403 | 413 | 422 | 502 | 504,
  ) {
    super(message);
  }
}

/** Ranges a public page never lives in. */
const BLOCKED = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) BLOCKED.addSubnet(net6, prefix, 'ipv6');
// No ::ffff:0:0/96 rule: BlockList matches every IPv4 address against it. IPv4-mapped IPv6
// addresses are judged as the IPv4 address they carry (isAllowedAddress).


/** Options of `fetchPublicPage`. */
export interface FetchOptions {
  /** Exact IPs allowed although in a blocked range (`FETCH_ALLOW_PRIVATE`). */
  allowPrivate: readonly string[];
  /** Time limit of the whole fetch, redirects included (ms). */
  timeoutMs: number;
  /** Largest body accepted (bytes). */
  maxBytes: number;
  maxRedirects?: number;
  /** Host name → addresses; the system resolver by default (tests keep it). */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/** What was fetched. */
export interface FetchedPage {
  /** The address finally answered, after redirects. */
  url: string;
  /** The address the curator gave. */
  requestedUrl: string;
  contentType: string;
  body: Buffer;
}

/** Whether an IP may be contacted: public, or listed in the allow list. */
export function isAllowedAddress(ip: string, allowPrivate: readonly string[]): boolean {
  const family = net.isIP(ip);
  if (family === 0) return false;
  if (allowPrivate.some((a) => normaliseIp(a) === normaliseIp(ip))) return true;
  if (family === 6) {
    // An IPv4-mapped address (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
    const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return isAllowedAddress(mapped[1]!, allowPrivate);
    const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hex) {
      const hi = parseInt(hex[1]!, 16);
      const lo = parseInt(hex[2]!, 16);
      return isAllowedAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, allowPrivate);
    }
    return !BLOCKED.check(ip, 'ipv6');
  }
  return !BLOCKED.check(ip, 'ipv4');
}

function normaliseIp(ip: string): string {
  return ip.toLowerCase().replace(/^\[|\]$/g, '');
}

/** Parses and checks an address's form: http/https, no credentials, a host. */
export function checkUrlForm(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefusedError(`"${raw.slice(0, 200)}" is not an absolute address (http:// or https://)`, 400);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(`only http and https addresses can be fetched, not ${url.protocol}`, 400);
  }
  if (url.username || url.password) throw new FetchRefusedError('an address with a user name or password is not fetched', 400);
  if (!url.hostname) throw new FetchRefusedError('the address has no host', 400);
  return url;
}

const systemLookup = (host: string) => dns.promises.lookup(host, { all: true, verbatim: true });

/** The addresses of a URL's host that may be contacted; throws when none may. */
async function allowedAddresses(url: URL, opts: FetchOptions): Promise<{ address: string; family: number }[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let resolved: { address: string; family: number }[];
  if (net.isIP(host)) resolved = [{ address: host, family: net.isIP(host) }];
  else {
    try {
      resolved = await (opts.lookup ?? systemLookup)(host);
    } catch {
      throw new FetchRefusedError(`the host "${host}" does not resolve`, 422);
    }
  }
  const allowed = resolved.filter((r) => isAllowedAddress(r.address, opts.allowPrivate));
  if (allowed.length === 0) {
    throw new FetchRefusedError(
      `"${host}" resolves to ${resolved.map((r) => r.address).join(', ')}, a loopback, private, link-local or reserved address; such addresses are not fetched (FETCH_ALLOW_PRIVATE lists exceptions)`,
      403,
    );
  }
  return allowed;
}

/** Fetches a public page, following up to 5 redirects, each one checked like the first. */
export async function fetchPublicPage(raw: string, opts: FetchOptions): Promise<FetchedPage> {
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  let url = checkUrlForm(raw);
  const maxRedirects = opts.maxRedirects ?? 5;
  for (let hop = 0; ; hop++) {
    const addresses = await allowedAddresses(url, opts);
    const res = await requestOnce(url, addresses[0]!, opts, deadline);
    if (res.status >= 300 && res.status < 400 && res.location) {
      res.discard();
      if (hop >= maxRedirects) throw new FetchRefusedError(`more than ${maxRedirects} redirects`, 502);
      let next: URL;
      try {
        next = checkUrlForm(new URL(res.location, url).href);
      } catch (err) {
        throw err instanceof FetchRefusedError ? new FetchRefusedError(`redirected to a refused address: ${err.message}`, err.status) : err;
      }
      url = next;
      continue;
    }
    if (res.status < 200 || res.status >= 300) {
      res.discard();
      throw new FetchRefusedError(`the page answered HTTP ${res.status}`, 502);
    }
    const body = await res.read();
    return { url: url.href, requestedUrl: raw, contentType: res.contentType, body };
  }
}

interface OneResponse {
  status: number;
  location: string | null;
  contentType: string;
  read(): Promise<Buffer>;
  discard(): void;
}

/** One request to one checked address; the Host header and TLS name stay the URL's. */
function requestOnce(url: URL, to: { address: string; family: number }, opts: FetchOptions, signal: AbortSignal): Promise<OneResponse> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new FetchRefusedError(`no complete answer within ${opts.timeoutMs} ms`, 504));
    if (signal.aborted) return onAbort();
    const req = mod.request(
      url,
      {
        method: 'GET',
        signal,
        // Connect to the address checked above, whatever a second DNS answer would say.
        lookup: (_host, options, cb) => {
          if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [to]);
          else cb(null, to.address, to.family);
        },
        headers: { 'user-agent': 'ngoai-giao-kb (curator fetch)', accept: 'text/html, text/plain, text/markdown;q=0.9, */*;q=0.1' },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const declared = Number(res.headers['content-length']);
        resolve({
          status,
          location: typeof res.headers.location === 'string' ? res.headers.location : null,
          contentType: String(res.headers['content-type'] ?? ''),
          discard: () => res.destroy(),
          read: () =>
            new Promise<Buffer>((ok, fail) => {
              if (Number.isFinite(declared) && declared > opts.maxBytes) {
                fail(new FetchRefusedError(`the page is ${declared} bytes, over the limit of ${opts.maxBytes}`, 413));
                res.destroy();
                return;
              }
              const chunks: Buffer[] = [];
              let size = 0;
              res.on('data', (c: Buffer) => {
                size += c.length;
                if (size > opts.maxBytes) {
                  // Settle first: destroying the stream emits 'aborted' and 'error' too.
                  fail(new FetchRefusedError(`the page is over the limit of ${opts.maxBytes} bytes`, 413));
                  res.destroy();
                  return;
                }
                chunks.push(c);
              });
              res.on('end', () => ok(Buffer.concat(chunks)));
              res.on('error', (e) => fail(signal.aborted ? new FetchRefusedError(`no complete answer within ${opts.timeoutMs} ms`, 504) : new FetchRefusedError(`the connection failed: ${e.message}`, 502)));
              res.on('aborted', () => fail(new FetchRefusedError('the connection was cut', 502)));
            }),
        });
      },
    );
    req.on('error', (e) => {
      if (signal.aborted) onAbort();
      else reject(new FetchRefusedError(`the connection failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`, 502));
    });
    req.end();
  });
}
