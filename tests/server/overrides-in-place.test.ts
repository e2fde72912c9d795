/**
 * A curator's speaker correction (`KB_DIR/overrides.json`) is applied in place at the next start,
 * never by a full rebuild: it changes only the records of its own article. Real pipeline, real
 * engine, the start-up check (`ensureIndex`) as `npm start` runs it, on a copy of two articles and
 * of the knowledge base.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { saveSpeakerOverrides } from '../../ingest/overrides.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import type { Config } from '../../lib/config.ts';
import { createSearchService, type SearchService } from '../../search/index.ts';
import { buildKeyFor, createCorpusSync } from '../../server/corpus-sync.ts';
import { ensureIndex } from '../../server/main.ts';
import { ROOT, testConfig } from './helpers.ts';

const FILES = ['03-vietbao-hnng31-thu-tuong-loi-ich-quoc-gia.txt', '14-thoibaotaichinh-tong-ket-2025-nguyen-minh-vu.txt'];
const log = pino({ level: 'silent' });

let root: string;
let config: Config;
let search: SearchService;
let rebuilds = 0;

/** `npm start`'s check with the KB as it is on disk now; counts full rebuilds. */
async function start(): Promise<boolean> {
  const kb = await loadKnowledgeBase(config.kbDir);
  const sync = createCorpusSync({ config, search, kb, log });
  const counting = { health: () => search.health(), reindex: (...args: Parameters<SearchService['reindex']>) => (rebuilds++, search.reindex(...args)) };
  return ensureIndex(config, counting, log, { kb, sync });
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-overrides-'));
  const corpusDir = path.join(root, 'corpus');
  const kbDir = path.join(root, 'kb');
  await fs.mkdir(corpusDir);
  await fs.mkdir(kbDir);
  for (const f of FILES) await fs.copyFile(path.join(ROOT, 'corpus/raw/extra', f), path.join(corpusDir, f));
  for (const f of await fs.readdir(path.join(ROOT, 'corpus/kb'))) {
    if (f.endsWith('.json') && f !== 'overrides.json') await fs.copyFile(path.join(ROOT, 'corpus/kb', f), path.join(kbDir, f));
  }
  config = testConfig(inject('meili'), 't_overrides_in_place_', { CORPUS_DIR: corpusDir, KB_DIR: kbDir, DATA_DIR: path.join(root, 'data') });
  search = createSearchService({ url: config.meili!.url, masterKey: config.meili!.masterKey, indexPrefix: config.indexPrefix });
  const kb = await loadKnowledgeBase(kbDir);
  const result = await runIngest({ inputDir: corpusDir, kb });
  await search.reindex(result, { fingerprint: result.fingerprint, kb, buildKey: buildKeyFor(kb) });
}, 120_000);
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('speaker corrections at start-up', () => {
  let passageId = '';
  let articleId = '';
  let was: string | null = null;

  it('serves the index as it is when nothing changed', async () => {
    expect(await start()).toBe(false);
    expect(rebuilds).toBe(0);
  });

  it('applies a correction written to overrides.json in place: that passage changes, no rebuild', async () => {
    // A statement the pipeline gives to Deputy Minister Nguyễn Minh Vũ, corrected to Bùi Thanh Sơn.
    const own = await search.search({ q: '', filters: { speaker: ['nguyen-minh-vu'] }, sort: 'date-asc', page: 1, perPage: 1 });
    const target = own.hits[0]!.passage;
    ({ id: passageId, articleId } = target);
    was = target.speakerId;
    const before = await search.health();
    await saveSpeakerOverrides(config.kbDir, [{ passageId, articleId, speakerId: 'bui-thanh-son', was, at: new Date().toISOString() }]);

    expect(await start()).toBe(true);
    expect(rebuilds).toBe(0);
    const after = await search.getPassage(passageId);
    expect(after?.speakerId).toBe('bui-thanh-son');
    expect(after?.speakerName).toBe('Bùi Thanh Sơn');
    expect((await search.health()).counts.passages).toBe(before.counts.passages);
    // The next start finds the index current.
    expect(await start()).toBe(false);
  });

  it('undoes a correction removed from overrides.json in place, again without a rebuild', async () => {
    await saveSpeakerOverrides(config.kbDir, []);
    expect(await start()).toBe(true);
    expect(rebuilds).toBe(0);
    expect((await search.getPassage(passageId))?.speakerId).toBe(was);
    expect(await start()).toBe(false);
  });

  it('still rebuilds fully when the knowledge base itself changes', async () => {
    const file = path.join(config.kbDir, 'terms.json');
    const terms = JSON.parse(await fs.readFile(file, 'utf8')) as { term: string; aliases: string[] }[];
    await fs.writeFile(file, JSON.stringify([...terms, { term: 'NGKT', aliases: ['ngoại giao kinh tế'] }], null, 2));
    expect(await start()).toBe(true);
    expect(rebuilds).toBe(1);
  });
});
