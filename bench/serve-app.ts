/**
 * Child process of the load benchmark: serves the real app (`buildApp`) on 127.0.0.1 over an index
 * the parent already built, so the load generator and the app do not share one event loop.
 * Reads its configuration like any entry point (MEILI_URL, MEILI_MASTER_KEY, INDEX_PREFIX from
 * the parent); rate limit raised out of reach; prints one JSON line `{ "port": N }` on stdout when listening; exits on SIGTERM.
 */
import pino from 'pino';
import { loadConfig } from '../lib/config.ts';
import { createSearchService } from '../search/index.ts';
import { buildApp } from '../server/app.ts';

const config = loadConfig();
if (!config.meili) throw new Error('serve-app needs MEILI_URL (the parent benchmark passes it)');
const log = pino({ level: config.logLevel }, pino.destination(2));
const search = createSearchService({ url: config.meili.url, masterKey: config.meili.masterKey, indexPrefix: config.indexPrefix, log });
// The per-IP rate limit (600/min by default) would answer 429 to a load generator on one IP; it
// stays registered (its cost is measured) with a ceiling no benchmark reaches.
const app = await buildApp({ config, search, log, rateLimit: { max: 1_000_000_000, timeWindow: '1 minute' } });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, pid: process.pid }) + '\n');

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
