/**
 * Configuration: read from the environment once, at start-up, validated against one schema.
 * Nothing else in the project reads `process.env`; entry points call `loadConfig()` and pass
 * the result down.
 */
import net from 'node:net';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /** An external Meilisearch; when unset the app starts a local one. */
  MEILI_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  MEILI_MASTER_KEY: Type.Optional(Type.String({ minLength: 16 })),
  /** Path to a Meilisearch binary, when the npm-packaged one does not fit this platform. */
  MEILI_BIN: Type.Optional(Type.String({ minLength: 1 })),
  /** Where local state lives: the local engine's data, its generated key, ingested records. */
  DATA_DIR: Type.String({ minLength: 1, default: '.data' }),
  CORPUS_DIR: Type.String({ minLength: 1, default: 'corpus/raw' }),
  KB_DIR: Type.String({ minLength: 1, default: 'corpus/kb' }),
  /** Prefix of every index name, so several apps or test files can share one engine. */
  INDEX_PREFIX: Type.String({ pattern: '^[a-zA-Z0-9_-]*$', default: '' }),
  /** The curator's token for /api/admin; when unset one is generated into DATA_DIR/admin-token (mode 0600). */
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** IPs the from-url fetch may reach although they are private or loopback (comma list; tests, intranets). */
  FETCH_ALLOW_PRIVATE: Type.String({ default: '' }),
  /** Largest file an upload or a fetched page may be, in bytes. */
  UPLOAD_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 5 * 1024 * 1024 }),
  /** Milliseconds a from-url fetch may take, redirects included. */
  FETCH_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 15_000 }),
  /** Requests per client address per minute on `/api` (@fastify/rate-limit). */
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 600 }),
  /** Which reverse proxies to believe about the client's address (Fastify `trustProxy`); parsed by `parseTrustProxy`. */
  TRUST_PROXY: Type.String({ minLength: 1, default: 'false' }),
  /**
   * Remote shards for Meilisearch's remote federated search (the `network` experimental
   * feature): a JSON object `{ "<name>": { "url", "writeApiKey", "searchApiKey"? } }`, parsed by
   * `parseRemotes`. Unset or empty: one engine, as before.
   */
  MEILI_REMOTES: Type.Optional(Type.String()),
  /** This app's own engine's name among the shards (the network's `self`). */
  MEILI_SELF: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'local' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

type Env = Static<typeof EnvSchema>;

const SECRET_VARIABLES = new Set(['MEILI_MASTER_KEY', 'ADMIN_TOKEN', 'MEILI_REMOTES']);

/** The validated configuration every entry point passes down. */
export interface Config {
  port: number;
  host: string;
  meili: { url: string; masterKey: string } | null;
  meiliBin: string | null;
  dataDir: string;
  corpusDir: string;
  kbDir: string;
  indexPrefix: string;
  logLevel: Env['LOG_LEVEL'];
  /** ADMIN_TOKEN, or null to use (or generate) `DATA_DIR/admin-token`. Never logged. */
  adminToken: string | null;
  /** Private/loopback IPs the from-url fetch may reach anyway (normalised, validated). */
  fetchAllowPrivate: string[];
  /** Size limit of an uploaded file or fetched page, bytes. */
  uploadMaxBytes: number;
  /** Time limit of a from-url fetch, ms. */
  fetchTimeoutMs: number;
  /** Requests per client address per minute on `/api`. */
  rateLimitPerMinute: number;
  /**
   * Fastify's `trustProxy`: `false` (the socket's address is the client), `true` (trust every
   * proxy), or a comma-separated list of proxy addresses/CIDRs.
   * @see https://fastify.dev/docs/latest/Reference/Server/#trustproxy
   */
  trustProxy: boolean | string;
  /**
   * The other shards of the passages and articles indexes (MEILI_REMOTES), in the order written;
   * empty: one engine. Keys are secrets: never logged, never in an error.
   */
  remotes: RemoteShard[];
  /** The name of this app's own engine among the shards (MEILI_SELF, default `local`). */
  shardSelf: string;
}

/**
 * One remote shard: a Meilisearch the app writes its share of articles and passages to, and the
 * coordinating engine reaches by federated search.
 * @see https://www.meilisearch.com/docs/reference/api/network#the-remote-object
 */
export interface RemoteShard {
  /** The shard's name in the network (and in the placement hash): letters, digits, `_`, `-`. */
  name: string;
  /** Base URL as this app and the coordinating engine reach it (`http://meili-1:7700`). */
  url: string;
  /** A key the app writes, reads and configures the shard with (its master key, or an admin key). */
  writeApiKey: string;
  /**
   * The key the coordinating engine searches the shard with (`network.remotes.<name>.searchApiKey`);
   * null: the app creates a search-only key on the shard (which needs `writeApiKey` to be its master key).
   */
  searchApiKey: string | null;
}

/** A configuration value that cannot be used; the message names the variable and the value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses and validates configuration from an environment (default `process.env`).
 * Throws `ConfigError` naming the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const known = Object.keys(EnvSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  // Convert works in place: give it a copy, so an error can quote the value as it was written.
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, { ...raw }));
  const [first] = Value.Errors(EnvSchema, converted);
  if (first) {
    const name = first.instancePath.replace(/^\//, '') || 'environment';
    // A secret is never echoed, not even when it is wrong.
    const shown = SECRET_VARIABLES.has(name) ? '<hidden>' : JSON.stringify(raw[name] ?? '');
    throw new ConfigError(`invalid ${name}=${shown}: ${first.message}`);
  }
  const e = converted as Env;
  // A URL without a key is allowed (an engine run without a master key); a key without a URL is not.
  if (e.MEILI_URL === undefined && e.MEILI_MASTER_KEY !== undefined) {
    throw new ConfigError('MEILI_MASTER_KEY is set but MEILI_URL is not: set both to use an external Meilisearch');
  }
  const fetchAllowPrivate = e.FETCH_ALLOW_PRIVATE.split(',').map((ip) => ip.trim()).filter(Boolean);
  for (const ip of fetchAllowPrivate) {
    if (net.isIP(ip) === 0) throw new ConfigError(`invalid FETCH_ALLOW_PRIVATE=${JSON.stringify(e.FETCH_ALLOW_PRIVATE)}: "${ip}" is not an IP address (a comma list of IPs, no names or ranges)`);
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  const remotes = parseRemotes(e.MEILI_REMOTES ?? '', e.MEILI_SELF);
  if (e.MEILI_URL) {
    const own = normaliseUrl(e.MEILI_URL);
    const same = remotes.find((r) => normaliseUrl(r.url) === own);
    if (same) throw new ConfigError(`invalid MEILI_REMOTES: entry ${JSON.stringify(same.name)} is MEILI_URL itself (the own engine is a shard already, named by MEILI_SELF)`);
  }
  const resolve = (p: string) => path.resolve(cwd, p);
  return {
    port: e.PORT,
    host: e.HOST,
    meili: e.MEILI_URL ? { url: e.MEILI_URL, masterKey: e.MEILI_MASTER_KEY ?? '' } : null,
    meiliBin: e.MEILI_BIN ?? null,
    dataDir: resolve(e.DATA_DIR),
    corpusDir: resolve(e.CORPUS_DIR),
    kbDir: resolve(e.KB_DIR),
    indexPrefix: e.INDEX_PREFIX,
    logLevel: e.LOG_LEVEL,
    adminToken: e.ADMIN_TOKEN ?? null,
    fetchAllowPrivate,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    fetchTimeoutMs: e.FETCH_TIMEOUT_MS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy,
    remotes,
    shardSelf: e.MEILI_SELF,
  };
}

/** A URL without its trailing slashes, for comparing two spellings of one engine. */
function normaliseUrl(url: string): string {
  return url.replace(/\/+$/, '').toLowerCase();
}

const SHARD_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads `MEILI_REMOTES`: a JSON object naming each remote shard, in the shape of Meilisearch's
 * own remote object, e.g.
 * `{"shard-b": {"url": "http://10.0.0.2:7700", "writeApiKey": "…", "searchApiKey": "…"}}`.
 * `url` must be http(s) with no credentials, query or fragment; `writeApiKey` is required (the
 * app writes the shard's share of the documents); `searchApiKey` is optional. Names are
 * letters, digits, `_` and `-`, distinct from `self` (MEILI_SELF); no two entries may share a
 * URL. Empty → no remote. Throws `ConfigError` naming the bad entry, never quoting a key.
 * @see https://www.meilisearch.com/docs/reference/api/network#the-remote-object
 */
export function parseRemotes(value: string, self: string): RemoteShard[] {
  const text = value.trim();
  if (text === '') return [];
  const shape = 'expected a JSON object {"<name>": {"url": "http://…", "writeApiKey": "…", "searchApiKey": "…"}, …}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // JSON.parse's message may quote the text around the error, keys included: give the position only.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new ConfigError(`invalid MEILI_REMOTES: not valid JSON${at ? ` (at character ${at})` : ''}; ${shape}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`invalid MEILI_REMOTES: ${shape}`);
  const out: RemoteShard[] = [];
  const seenUrls = new Map<string, string>();
  for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const bad = (why: string) => new ConfigError(`invalid MEILI_REMOTES: entry ${JSON.stringify(name)}: ${why}`);
    if (!SHARD_NAME.test(name)) throw bad('a name is 1–64 letters, digits, "_" or "-"');
    if (name === self) throw bad(`the name is MEILI_SELF's (${JSON.stringify(self)}), the app's own engine`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw bad('expected {"url", "writeApiKey", "searchApiKey"?}');
    const { url, writeApiKey, searchApiKey, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) throw bad(`unknown field ${JSON.stringify(unknown[0])} (expected url, writeApiKey, searchApiKey)`);
    if (typeof url !== 'string') throw bad('url is missing');
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(url);
    } catch {
      throw bad(`url ${JSON.stringify(url)} is not a URL`);
    }
    if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') throw bad(`url ${JSON.stringify(url)} is not http(s)`);
    // A password in the URL would end up in logs and errors: keys go in their own fields.
    if (parsedUrl.username || parsedUrl.password) throw bad('url carries credentials; put the key in writeApiKey / searchApiKey');
    if (parsedUrl.search || parsedUrl.hash) throw bad(`url ${JSON.stringify(parsedUrl.origin + parsedUrl.pathname)} has a query or fragment`);
    if (typeof writeApiKey !== 'string' || writeApiKey.length < 16) throw bad('writeApiKey is missing or shorter than 16 characters');
    if (searchApiKey !== undefined && searchApiKey !== null && (typeof searchApiKey !== 'string' || searchApiKey.length < 16)) {
      throw bad('searchApiKey is shorter than 16 characters');
    }
    const clean = url.replace(/\/+$/, '');
    const other = seenUrls.get(normaliseUrl(clean));
    if (other !== undefined) throw bad(`same url as entry ${JSON.stringify(other)} (one engine would hold two shards)`);
    seenUrls.set(normaliseUrl(clean), name);
    out.push({ name, url: clean, writeApiKey, searchApiKey: typeof searchApiKey === 'string' ? searchApiKey : null });
  }
  return out;
}

/** proxy-addr's named ranges, which Fastify accepts in a `trustProxy` list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads `TRUST_PROXY`: `true`/`false`, or comma-separated proxy addresses, CIDRs or proxy-addr's
 * names (`loopback`, `linklocal`, `uniquelocal`). A hop count is refused: Fastify 5 disabled it,
 * since it cannot check the immediate peer and lets a direct client spoof `X-Forwarded-For`.
 * Behind a reverse proxy every client arrives from the proxy's address, so without it the rate
 * limit is shared by all clients. Throws `ConfigError` naming the value.
 * @see https://fastify.dev/docs/latest/Reference/Server/#trustproxy
 */
export function parseTrustProxy(value: string): boolean | string {
  const v = value.trim();
  if (v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    throw new ConfigError(
      `invalid TRUST_PROXY=${JSON.stringify(value)}: a hop count cannot tell a proxy from a client that forges X-Forwarded-For; ` +
        'give the proxies\' addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8) or true',
    );
  }
  const entries = v.split(',').map((x) => x.trim());
  const bad = entries.find((x) => {
    if (PROXY_RANGE_NAMES.has(x)) return false;
    const [address, bits, extra] = x.split('/');
    const family = net.isIP(address ?? '');
    if (family === 0 || extra !== undefined) return true;
    if (bits === undefined) return false;
    return !/^\d+$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128);
  });
  if (bad !== undefined) {
    throw new ConfigError(
      `invalid TRUST_PROXY=${JSON.stringify(value)}: ${JSON.stringify(bad)} is not an address or CIDR; ` +
        'expected true, false, or comma-separated proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)',
    );
  }
  return entries.join(',');
}
