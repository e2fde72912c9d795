/**
 * Placement of articles on shards (rendezvous hashing of the article id over the shard names):
 * stable, order-free, even, and moving only what a new shard wins.
 */
import { describe, expect, it } from 'vitest';
import { articleId } from '../../ingest/extract/ids.ts';
import { shardOf } from '../../search/shards.ts';
import { createHash } from 'node:crypto';

const ids = Array.from({ length: 6000 }, (_, i) => articleId(createHash('sha256').update(`article ${i}`).digest('hex')));

describe('shardOf', () => {
  it('gives an id the same shard forever, whatever the order of the names', () => {
    // Fixed expectations: a change of the hash would move the articles of every running deployment.
    const sample = ['a-000000000031', 'a-000000000032', 'a-533db64f1fd5', 'a-6737621507c8'];
    expect(sample.map((id) => shardOf(id, ['local', 'shard-b', 'shard-c']))).toEqual(['local', 'local', 'shard-b', 'shard-b']);
    expect(sample.map((id) => shardOf(id, ['shard-c', 'local', 'shard-b']))).toEqual(['local', 'local', 'shard-b', 'shard-b']);
    for (const id of ids.slice(0, 500)) expect(shardOf(id, ['x', 'y', 'z'])).toBe(shardOf(id, ['z', 'x', 'y']));
    expect(shardOf('a-000000000031', ['only'])).toBe('only');
  });

  it('spreads articles evenly over three shards (each within 5 % of a third)', () => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(shardOf(id, ['meili-0', 'meili-1', 'meili-2']), (counts.get(shardOf(id, ['meili-0', 'meili-1', 'meili-2'])) ?? 0) + 1);
    for (const n of counts.values()) expect(Math.abs(n - ids.length / 3)).toBeLessThan(ids.length * 0.05);
  });

  it('moves only the articles a new shard wins when one is added, and none between the old ones', () => {
    const before = ids.map((id) => shardOf(id, ['meili-0', 'meili-1', 'meili-2']));
    const after = ids.map((id) => shardOf(id, ['meili-0', 'meili-1', 'meili-2', 'meili-3']));
    const moved = after.filter((s, i) => s !== before[i]);
    expect(moved.every((s) => s === 'meili-3')).toBe(true);
    expect(Math.abs(moved.length - ids.length / 4)).toBeLessThan(ids.length * 0.05);
  });
});
