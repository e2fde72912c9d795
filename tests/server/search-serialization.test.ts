/**
 * `/api/search` is written with JSON.stringify instead of the schema's serializer (speed, see
 * server/routes/search.ts): the answer must still be exactly what the documented schema lets
 * through — no undocumented field, nothing dropped — for ordinary, read, OR, relaxed and empty answers.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastJsonStringify from 'fast-json-stringify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import { SearchResponse } from '../../server/schemas.ts';
import { ROOT, buildTestApp, readKb, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_search_serial_'));
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  await built.search.reindex(result, { fingerprint: result.fingerprint, kb });
});
afterAll(() => app?.close());

const bySchema = fastJsonStringify(SearchResponse as never);

describe('the search answer as written', () => {
  for (const q of ['ngoại giao kinh tế', 'Phạm Minh Chính ngoại giao kinh tế', 'vắc-xin OR thủy chung', 'Lào', '', 'xyzzyq']) {
    it(`is what the schema lets through for ${JSON.stringify(q)}`, async () => {
      const res = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode).toBe(200);
      const sent = JSON.parse(res.body);
      expect(JSON.parse(bySchema(sent))).toEqual(sent);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });
  }
});
