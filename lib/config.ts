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
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

type Env = Static<typeof EnvSchema>;

const SECRET_VARIABLES = new Set(['MEILI_MASTER_KEY', 'ADMIN_TOKEN']);

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
  };
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
