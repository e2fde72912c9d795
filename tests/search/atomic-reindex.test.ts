import { inject, describe, expect, it } from 'vitest';
import type { Passage } from '../../ingest/types.ts';
import { createSearchService, EngineTaskError } from '../../search/index.ts';
import { fixtureRecords, kb, query } from './fixtures.ts';

function service(prefix: string) {
  const { url, masterKey } = inject('meili');
  return createSearchService({ url, masterKey, indexPrefix: prefix });
}

async function indexNames(): Promise<string[]> {
  const { url, masterKey } = inject('meili');
  const res = await fetch(`${url}/indexes?limit=1000`, { headers: { Authorization: `Bearer ${masterKey}` } });
  return ((await res.json()) as { results: { uid: string }[] }).results.map((i) => i.uid);
}

function bulk(n: number, word: string, tag: string): Passage[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `p-bulk-${tag}-${i}`,
    articleId: 'a-000000000001',
    ordinal: 1000 + i,
    kind: 'paragraph',
    text: `Đoạn văn số ${i} nói về ${word} và quan hệ đối ngoại của Việt Nam với các đối tác.`,
    credit: null,
    speakerId: null,
    eventIds: [],
    span: { start: 0, end: 10 },
  }));
}

describe('atomic reindex', () => {
  it('creates every index on the first run and leaves no __next index behind', async () => {
    const s = service('t_search_atomic_first_');
    await s.reindex(fixtureRecords(), { fingerprint: 'one', kb });
    const names = (await indexNames()).filter((n) => n.startsWith('t_search_atomic_first_'));
    expect(names.sort()).toEqual(
      ['articles', 'events', 'meta', 'passages', 'people'].map((n) => `t_search_atomic_first_${n}`),
    );
  });

  it('never shows a half-filled index to a search running during a reindex', async () => {
    const s = service('t_search_atomic_live_');
    const before = fixtureRecords({ passages: bulk(500, 'hợp tác', 'old') });
    await s.reindex(before, { fingerprint: 'before', kb });
    const after = fixtureRecords({ passages: [...bulk(500, 'hợp tác', 'old'), ...bulk(3000, 'hợp tác mới', 'new')] });
    const oldTotal = (await s.search(query('hợp tác'))).total;
    const seen = new Set<number>();
    let done = false;
    const reindex = s.reindex(after, { fingerprint: 'after', kb }).finally(() => (done = true));
    while (!done) seen.add((await s.search(query('hợp tác'))).total);
    await reindex;
    const newTotal = (await s.search(query('hợp tác'))).total;
    expect(newTotal).toBe(oldTotal + 3000);
    expect([...seen].every((t) => t === oldTotal || t === newTotal)).toBe(true);
    expect(seen.has(oldTotal)).toBe(true);
    expect((await s.health()).corpusFingerprint).toBe('after');
  }, 180_000);

  it('keeps the old indexes serving when a document is rejected, and names that document', async () => {
    const s = service('t_search_atomic_fail_');
    await s.reindex(fixtureRecords(), { fingerprint: 'good', kb });
    const bad = fixtureRecords({ passages: [{ ...bulk(1, 'x', 'x')[0]!, id: 'bad id with spaces' }] });
    const err = await s.reindex(bad, { fingerprint: 'bad', kb }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineTaskError);
    expect((err as EngineTaskError).documentId).toBe('bad id with spaces');
    expect((err as Error).message).toContain('bad id with spaces');
    const health = await s.health();
    expect(health.corpusFingerprint).toBe('good');
    expect(health.counts.passages).toBe(fixtureRecords().passages.length);
    expect((await indexNames()).filter((n) => n.startsWith('t_search_atomic_fail_') && n.endsWith('__next'))).toEqual([]);
  });

  it('clears __next indexes left by a crashed reindex before building new ones', async () => {
    const { url, masterKey } = inject('meili');
    const headers = { Authorization: `Bearer ${masterKey}`, 'Content-Type': 'application/json' };
    const res = await fetch(`${url}/indexes/t_search_atomic_crash_passages__next/documents`, {
      method: 'POST',
      headers,
      body: JSON.stringify([{ id: 'stale', text: 'dữ liệu cũ' }]),
    });
    const { taskUid } = (await res.json()) as { taskUid: number };
    while (((await (await fetch(`${url}/tasks/${taskUid}`, { headers })).json()) as { status: string }).status !== 'succeeded') {
      await new Promise((r) => setTimeout(r, 50));
    }
    const s = service('t_search_atomic_crash_');
    await s.reindex(fixtureRecords(), { fingerprint: 'after-crash', kb });
    expect(await s.getPassage('stale')).toBeNull();
    expect((await s.health()).counts.passages).toBe(fixtureRecords().passages.length);
    expect((await indexNames()).filter((n) => n.startsWith('t_search_atomic_crash_') && n.endsWith('__next'))).toEqual([]);
  });

  it('refuses two records with one id before touching the engine', async () => {
    const s = service('t_search_atomic_dup_');
    const records = fixtureRecords();
    records.passages.push({ ...records.passages[0]! });
    await expect(s.reindex(records, { fingerprint: 'dup', kb })).rejects.toThrow(/duplicate passages id "p-banbe1"/);
  });

  it('builds the same index from passages streamed in batches, and a streamed duplicate keeps the old indexes serving', async () => {
    const s = service('t_search_atomic_stream_');
    const records = fixtureRecords();
    const batchSizes: number[] = [];
    const streamed = (passages: Passage[]) => ({
      ...records,
      passages: {
        count: passages.length,
        async *batches(size: number) {
          batchSizes.push(size);
          for (let i = 0; i < passages.length; i += 2) yield passages.slice(i, i + 2); // smaller than asked: any batching works
        },
      },
    });
    await s.reindex(streamed(records.passages), { fingerprint: 'streamed', kb });
    expect(batchSizes).toHaveLength(1);
    expect((await s.health()).counts.passages).toBe(records.passages.length);
    const held = service('t_search_atomic_stream_held_');
    await held.reindex(fixtureRecords(), { fingerprint: 'held', kb });
    for (const q of ['bạn bè', 'ban be', 'Hội nghị Ngoại giao']) {
      const [a, b] = [await s.search(query(q)), await held.search(query(q))];
      expect(a.total, q).toBeGreaterThan(0);
      expect(a.hits.map((h) => h.passage.id), q).toEqual(b.hits.map((h) => h.passage.id));
    }
    // A duplicate id in a later batch: the build stops, the streamed index of before keeps serving.
    const dup = [...records.passages, { ...records.passages[0]! }];
    await expect(s.reindex(streamed(dup), { fingerprint: 'dup', kb })).rejects.toThrow(/duplicate passages id "p-banbe1"/);
    expect((await s.health()).counts.passages).toBe(records.passages.length);
    expect((await indexNames()).filter((n) => n.startsWith('t_search_atomic_stream_') && n.endsWith('__next'))).toEqual([]);
  });
});
