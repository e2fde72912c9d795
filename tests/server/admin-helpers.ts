/**
 * Helpers of the curator-route tests: a throw-away corpus (two vendored articles), a copy of
 * the knowledge base (so speaker corrections never touch the repository's), a data folder,
 * the first index built for real, and the app with its admin routes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import type { Config } from '../../lib/config.ts';
import { createSearchService } from '../../search/index.ts';
import { buildApp } from '../../server/app.ts';
import { createCorpusSync, type CorpusSync } from '../../server/corpus-sync.ts';
import { ROOT, testConfig } from './helpers.ts';

export const TOKEN = 'test-admin-token-0123456789abcdef';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** A folder set up as a small archive. */
export interface Archive {
  root: string;
  corpusDir: string;
  kbDir: string;
  dataDir: string;
}

export async function makeArchive(name: string): Promise<Archive> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `ngkb-${name}-`));
  const corpusDir = path.join(root, 'corpus');
  const kbDir = path.join(root, 'kb');
  const dataDir = path.join(root, 'data');
  await fs.mkdir(path.join(corpusDir, 'seeds'), { recursive: true });
  await fs.mkdir(kbDir);
  for (const f of ['seeds/001_2e8d82e9d27cdd4e.txt', 'seeds/002_5d03adc93472d6dd.txt']) {
    await fs.copyFile(path.join(ROOT, 'corpus/raw', f), path.join(corpusDir, f));
  }
  for (const f of await fs.readdir(path.join(ROOT, 'corpus/kb'))) {
    if (f.endsWith('.json')) await fs.copyFile(path.join(ROOT, 'corpus/kb', f), path.join(kbDir, f));
  }
  return { root, corpusDir, kbDir, dataDir };
}

/** The app over an archive, its first index built, with the incremental corpus sync of `npm start`. */
export async function buildAdminApp(
  meili: { url: string; masterKey: string },
  prefix: string,
  archive: Archive,
  env: NodeJS.ProcessEnv = {},
  adminExtra: { maxFailures?: number; log?: import('fastify').FastifyBaseLogger; webRoot?: string } = {},
): Promise<{ app: FastifyInstance; config: Config; kb: KnowledgeBase; sync: CorpusSync }> {
  const config = testConfig(meili, prefix, {
    CORPUS_DIR: archive.corpusDir,
    KB_DIR: archive.kbDir,
    DATA_DIR: archive.dataDir,
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
    UPLOAD_MAX_BYTES: '200000',
    FETCH_TIMEOUT_MS: '5000',
    ...env,
  });
  const search = createSearchService({ url: config.meili!.url, masterKey: config.meili!.masterKey, indexPrefix: config.indexPrefix });
  const kb = await loadKnowledgeBase(config.kbDir);
  const result = await runIngest({ inputDir: config.corpusDir, kb });
  await search.reindex(result, { fingerprint: result.fingerprint, kb });
  let app: FastifyInstance | undefined;
  const sync = createCorpusSync({ config, search, kb, onChange: () => app?.invalidateCatalog() });
  app = await buildApp({
    config,
    search,
    webRoot: adminExtra.webRoot ?? path.join(ROOT, 'tests/server/no-web'),
    ...(adminExtra.log ? { log: adminExtra.log } : {}),
    corpusSync: sync,
    admin: { kb, corpusSync: sync, ...(adminExtra.maxFailures ? { maxFailures: adminExtra.maxFailures } : {}) },
  });
  return { app, config, kb, sync };
}

/** A short article, different for each `place`/`topic`, with an exact title. */
export function articleText(place: string, topic: string): { title: string; text: string; phrase: string } {
  const title = `Bộ Ngoại giao tổ chức hội nghị về ${topic} tại ${place}`;
  const phrase = `kinh nghiệm thực tiễn của ${place}`;
  const text = [
    title,
    '',
    `Ngày 12/8/2025, tại ${place}, Bộ Ngoại giao tổ chức hội nghị chuyên đề về ${topic}, với sự tham dự của đại diện các bộ, ngành và địa phương.`,
    '',
    `Phát biểu khai mạc, Thứ trưởng nhấn mạnh công tác ${topic} cần được triển khai đồng bộ, lấy người dân và doanh nghiệp làm trung tâm.`,
    '',
    `Các đại biểu đã trao đổi nhiều ${phrase}, đồng thời kiến nghị những giải pháp cụ thể để nâng cao hiệu quả trong thời gian tới.`,
    '',
  ].join('\n');
  return { title, text, phrase };
}

/** A multipart/form-data body of files, built by the platform's FormData. */
export async function multipartBody(files: { name: string; content: string | Uint8Array; type?: string }[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([typeof f.content === 'string' ? f.content : Buffer.from(f.content)], { type: f.type ?? 'text/plain' }), f.name);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

/** The audit log's lines. */
export async function auditLines(dataDir: string): Promise<Record<string, unknown>[]> {
  const raw = await fs.readFile(path.join(dataDir, 'audit.jsonl'), 'utf8').catch(() => '');
  return raw
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
