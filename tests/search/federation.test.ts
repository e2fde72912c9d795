/**
 * Two engines on loopback as two shards (MEILI_REMOTES): the test run's engine coordinates and
 * holds its share, a second engine started here the same way (`startLocalEngine`) holds the
 * rest. The real corpus is indexed sharded and, beside it, on one engine; a researcher must not
 * be able to tell them apart: same hits (titles, ids, order), totals and facet counts, passages
 * and articles opening by id wherever they live, a changed article moving to its new shard and
 * leaving the old, a removal gone from both.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { articleId, passageHash } from '../../ingest/extract/ids.ts';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import { EngineClient } from '../../search/engine-client.ts';
import { createSearchService } from '../../search/index.ts';
import { startLocalEngine, type EngineHandle } from '../../search/engine.ts';
import { shardOf } from '../../search/shards.ts';
import type { RecordSet, SearchQuery, SearchResult, SearchService } from '../../search/types.ts';
import { buildApp } from '../../server/app.ts';
import { ROOT, testConfig } from '../server/helpers.ts';

const meili = inject('meili');
const SHARDED = 't_fed_s_';
const SINGLE = 't_fed_u_';
const REMOTE = 'shard-b';
const NAMES = ['local', REMOTE];

let remoteDir: string;
let remote: EngineHandle;
let sharded: SearchService;
let single: SearchService;
let records: RecordSet;
let kb: KnowledgeBase;
let app: FastifyInstance;
let remotesEnv: string;

/** The ids of an index of this app on the remote engine, read over its REST API. */
async function remoteIds(index: 'passages' | 'articles'): Promise<Set<string>> {
  const res = await fetch(`${remote.url}/indexes/${SHARDED}${index}/documents?fields=id&limit=10000`, {
    headers: { Authorization: `Bearer ${remote.masterKey}` },
  });
  expect(res.status).toBe(200);
  return new Set(((await res.json()) as { results: { id: string }[] }).results.map((d) => d.id));
}

function q(text: string, rest: Partial<SearchQuery> = {}): SearchQuery {
  return { q: text, filters: {}, sort: 'relevance', page: 1, perPage: 20, ...rest };
}

/** What a researcher sees of a result page: the passages (id, title, date), the total, the facets, how it was read. */
function seen(r: SearchResult) {
  return {
    hits: r.hits.map((h) => [h.passage.id, h.passage.title, h.passage.date, h.snippet]),
    total: r.total,
    facets: r.facets,
    matchMode: r.matchMode,
    answeredBy: r.answeredBy,
    relaxed: r.relaxed,
  };
}

beforeAll(async () => {
  remoteDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-shard-b-'));
  remote = await startLocalEngine({ dataDir: remoteDir });
  // No searchApiKey: the app creates a search-only key on the remote with its master key.
  remotesEnv = JSON.stringify({ [REMOTE]: { url: remote.url, writeApiKey: remote.masterKey } });
  const config = testConfig(meili, SHARDED, { MEILI_REMOTES: remotesEnv });
  kb = await loadKnowledgeBase(path.join(ROOT, 'corpus/kb'));
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  records = { articles: result.articles, passages: result.passages, people: result.people, events: result.events };
  sharded = createSearchService({ url: meili.url, masterKey: meili.masterKey, indexPrefix: SHARDED, remotes: config.remotes, shardSelf: config.shardSelf });
  single = createSearchService({ url: meili.url, masterKey: meili.masterKey, indexPrefix: SINGLE });
  await sharded.reindex(records, { fingerprint: result.fingerprint, kb });
  await single.reindex(records, { fingerprint: result.fingerprint, kb });
  app = await buildApp({ config, search: sharded, webRoot: path.join(ROOT, 'tests/server/no-web') });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await remote?.stop();
  if (remoteDir) await fs.rm(remoteDir, { recursive: true, force: true });
});

describe('sharded over two engines by a hash of the article id', () => {
  it('puts each article and all its passages on the one shard its id hashes to, and both shards get a share', async () => {
    const [articlesB, passagesB] = await Promise.all([remoteIds('articles'), remoteIds('passages')]);
    const onB = records.articles.filter((a) => shardOf(a.id, NAMES) === REMOTE).map((a) => a.id);
    expect(onB.length).toBeGreaterThan(0);
    expect(onB.length).toBeLessThan(records.articles.length);
    expect([...articlesB].sort()).toEqual([...onB].sort());
    const passagesOnB = records.passages.filter((p) => onB.includes(p.articleId)).map((p) => p.id);
    expect([...passagesB].sort()).toEqual(passagesOnB.sort());
  });

  it('reports each shard and what it holds in /api/health, and never the remote key', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const onB = records.articles.filter((a) => shardOf(a.id, NAMES) === REMOTE);
    expect(body.shards).toEqual([
      { name: 'local', local: true, ok: true, passages: records.passages.length - records.passages.filter((p) => onB.some((a) => a.id === p.articleId)).length, articles: records.articles.length - onB.length },
      { name: REMOTE, local: false, ok: true, passages: records.passages.filter((p) => onB.some((a) => a.id === p.articleId)).length, articles: onB.length },
    ]);
    expect(body.counts.passages).toBe(records.passages.length);
    expect(body.counts.articles).toBe(records.articles.length);
    expect(res.body).not.toContain(remote.masterKey);
    expect(res.body).not.toContain(remote.url);
  });
});

describe('one federated search answers as one engine would', () => {
  const cases: [string, SearchQuery][] = [
    ['a title, exact', q('Thủ tướng')],
    ['a name without diacritics', q('pham minh chinh')],
    ['an abbreviation through KB aliases', q('HNNG 31')],
    ['words', q('ngoại giao kinh tế')],
    ['a phrase with a negation', q('"hợp tác" -Mỹ')],
    ['a typed mistake offered without diacritics', q('Lào')],
    ['everything, newest first, page 2', q('', { sort: 'date-desc', page: 2, perPage: 7 })],
    ['by date, oldest first, page 3', q('ngoại giao', { sort: 'date-asc', page: 3, perPage: 5 })],
    ['a filtered facet (disjunctive counts)', q('ngoại giao', { filters: { year: [2025] } })],
    ['a leader with a topic', q('Phạm Minh Chính ngoại giao kinh tế')],
  ];
  for (const [what, query] of cases) {
    it(`${what}: ${JSON.stringify(query.q)}`, async () => {
      const [a, b] = await Promise.all([sharded.search(query), single.search(query)]);
      expect(seen(a)).toEqual(seen(b));
    });
  }

  it('finds a pasted sentence from a passage on the remote shard, first, as one engine does', async () => {
    const onB = records.passages.find((p) => shardOf(p.articleId, NAMES) === REMOTE && p.text.split(/\s+/).length > 30)!;
    const quote = onB.text.split(/\s+/).slice(3, 27).join(' ');
    const [a, b] = await Promise.all([sharded.search(q(quote)), single.search(q(quote))]);
    expect(a.matchMode).toBe('quote');
    expect(a.hits[0]!.passage.id).toBe(onB.id);
    expect(seen(a)).toEqual(seen(b));
  });

  it('merges the alternatives of one federated search (OR) over the shards as over one engine', async () => {
    const alternatives = [
      { q: 'vaccine', attributesToSearchOn: ['textFolded'] },
      { q: 'kinh te so', attributesToSearchOn: ['textFolded'] },
    ];
    const federation = { limit: 1000, facets: ['year', 'speakerId'] };
    const config = testConfig(meili, SHARDED, { MEILI_REMOTES: remotesEnv });
    const a = await new EngineClient({ url: meili.url, masterKey: meili.masterKey, indexPrefix: SHARDED, remotes: config.remotes }).federatedSearchPassages('searching', alternatives, federation);
    const b = await new EngineClient({ url: meili.url, masterKey: meili.masterKey, indexPrefix: SINGLE }).federatedSearchPassages('searching', alternatives, federation);
    const remoteHits = a.hits.filter((h) => (h._federation as { remote?: string } | undefined)?.remote === REMOTE);
    expect(remoteHits.length).toBeGreaterThan(0);
    expect(a.estimatedTotalHits).toBe(b.estimatedTotalHits);
    expect(a.facetDistribution).toEqual(b.facetDistribution);
    expect(a.hits.map((h) => h.id).sort()).toEqual(b.hits.map((h) => h.id).sort());
  });

  it('exports every passage of a search, in order, across the shards', async () => {
    const collect = async (s: SearchService) => {
      const out: string[] = [];
      for await (const p of s.exportPassages({ q: 'ngoại giao', filters: {}, sort: 'date-desc' })) out.push(p.id);
      return out;
    };
    const [a, b] = await Promise.all([collect(sharded), collect(single)]);
    expect(a.length).toBeGreaterThan(20);
    expect(a).toEqual(b);
  });
});

describe('lookups find documents wherever they live', () => {
  it('opens a passage and its article on the remote shard by id', async () => {
    const p = records.passages.find((x) => shardOf(x.articleId, NAMES) === REMOTE)!;
    const passage = await sharded.getPassage(p.id);
    expect(passage?.text).toBe(p.text);
    expect(passage).toEqual(await single.getPassage(p.id));
    const article = await sharded.getArticle(p.articleId);
    expect(article?.title).toBe(records.articles.find((a) => a.id === p.articleId)!.title);
    expect(await sharded.getPassage('a-000000000000-deadbeef')).toBeNull();
  });

  it('lists every article, and an event\u2019s passages in article order, from both shards', async () => {
    expect((await sharded.listArticles()).map((a) => a.id)).toEqual((await single.listArticles()).map((a) => a.id));
    const event = records.passages.find((p) => p.eventIds.length > 0)!.eventIds[0]!;
    const [a, b] = await Promise.all([sharded.findPassages({ event: [event] }), single.findPassages({ event: [event] })]);
    expect(a.length).toBeGreaterThan(0);
    expect(a.map((p) => p.id)).toEqual(b.map((p) => p.id));
  });
});

describe('incremental updates across shards', { timeout: 120_000 }, () => {
  const ADDED = 'Đoạn bổ sung: hai bên nhất trí thúc đẩy hợp tác kinh tế số xuyên biên giới.';

  /** The next version of an article, as ingest would give it (its id hashes the new file), on the wanted shard. */
  function changedVersion(original: RecordSet['articles'][number], wanted: string) {
    for (let n = 0; ; n++) {
      const sha = passageHash(`${original.id}/${n}`).repeat(8);
      const id = articleId(sha);
      if (shardOf(id, NAMES) !== wanted) continue;
      const passages = records.passages
        .filter((p) => p.articleId === original.id)
        .map((p, i, all) => (i === all.length - 1 ? { ...p, text: `${p.text} ${ADDED}` } : p))
        .map((p) => ({ ...p, articleId: id, id: `${id}-${passageHash(p.text)}` }));
      const article = { ...original, id, sourceSha256: sha };
      return { articles: [article], passages, people: [], events: [] } satisfies RecordSet;
    }
  }

  it('moves a changed article to the shard its new id hashes to, and leaves nothing on the old one', async () => {
    const original = records.articles.find((a) => shardOf(a.id, NAMES) === 'local')!;
    const next = changedVersion(original, REMOTE);
    const [report] = await Promise.all([sharded.applyArticles(next, { kb }), single.applyArticles(next, { kb })]);
    expect(report.replacedArticleIds).toEqual([original.id]);
    const newId = next.articles[0]!.id;
    expect((await remoteIds('articles')).has(newId)).toBe(true);
    expect(await sharded.getArticle(original.id)).toBeNull();
    expect((await sharded.getArticle(newId))?.title).toBe(original.title);
    // Not on two shards: the old passages are gone everywhere, the new ones only on the remote.
    const remotePassages = await remoteIds('passages');
    for (const p of next.passages) expect(remotePassages.has(p.id)).toBe(true);
    const [a, b] = await Promise.all([sharded.search(q('"kinh tế số xuyên biên giới"')), single.search(q('"kinh tế số xuyên biên giới"'))]);
    expect(a.total).toBe(1);
    expect(a.hits[0]!.passage.articleId).toBe(newId);
    expect(seen(a)).toEqual(seen(b));
    const listing = q('', { sort: 'date-desc', perPage: 1000 });
    expect(seen(await sharded.search(listing))).toEqual(seen(await single.search(listing)));
    records = {
      ...records,
      articles: records.articles.map((x) => (x.id === original.id ? next.articles[0]! : x)),
      passages: [...records.passages.filter((p) => p.articleId !== original.id), ...next.passages],
    };
  });

  it('keeps a changed article on its shard when its new id hashes to the same one', async () => {
    const original = records.articles.find((a) => shardOf(a.id, NAMES) === REMOTE)!;
    const next = changedVersion(original, REMOTE);
    await Promise.all([sharded.applyArticles(next, { kb }), single.applyArticles(next, { kb })]);
    const ids = await remoteIds('articles');
    expect(ids.has(next.articles[0]!.id)).toBe(true);
    expect(ids.has(original.id)).toBe(false);
    const listing = q('', { sort: 'date-asc', perPage: 1000 });
    expect(seen(await sharded.search(listing))).toEqual(seen(await single.search(listing)));
    records = {
      ...records,
      articles: records.articles.map((x) => (x.id === original.id ? next.articles[0]! : x)),
      passages: [...records.passages.filter((p) => p.articleId !== original.id), ...next.passages],
    };
  });

  it('removes an article from whichever shard holds it', async () => {
    const gone = records.articles.filter((a) => shardOf(a.id, NAMES) === REMOTE).at(-1)!;
    const before = (await sharded.search(q(''))).total;
    await Promise.all([sharded.removeArticles([gone.id]), single.removeArticles([gone.id])]);
    expect((await remoteIds('articles')).has(gone.id)).toBe(false);
    expect(await sharded.getArticle(gone.id)).toBeNull();
    const after = await sharded.search(q('', { perPage: 1000 }));
    expect(after.total).toBe(before - records.passages.filter((p) => p.articleId === gone.id).length);
    expect(seen(after)).toEqual(seen(await single.search(q('', { perPage: 1000 }))));
  });
});

describe('a shard that does not answer', () => {
  it('fails the search with 503 and names the shard in /api/health, instead of answering with half the corpus', async () => {
    await remote.stop();
    const res = await app.inject({ method: 'GET', url: '/api/search?q=ngo%E1%BA%A1i%20giao' });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain(remote.url);
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    const body = health.json();
    expect(body.shards.find((s: { name: string }) => s.name === REMOTE).ok).toBe(false);
    expect(body.message).toContain(REMOTE);
    expect(health.body).not.toContain(remote.masterKey);
  });
});
