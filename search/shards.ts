/**
 * Shards: where an article lives when the passages and articles indexes are spread over several
 * Meilisearch engines (MEILI_REMOTES), and how the coordinating engine is told about the others
 * (Meilisearch's `network` experimental feature, which remote federated search needs).
 *
 * Placement is rendezvous (highest-random-weight) hashing of the article id over the shard names:
 * each shard scores `SHA-256(name + "\u0000" + articleId)` (first 8 bytes, big-endian, unsigned),
 * and the article goes to the highest score (a tie, which needs a 64-bit collision, to the smaller
 * name). The same id always lands on the same shard for a given set of names, whatever their
 * order; adding a shard moves only the articles the new shard wins (about 1/N of them), and
 * removing one moves only that shard's articles. An article's passages go with it (a passage is
 * placed by its `articleId`), so one article is one shard's business: its writes, its stale
 * passages, its removal.
 * @see https://en.wikipedia.org/wiki/Rendezvous_hashing
 * @see https://www.meilisearch.com/docs/reference/api/network
 */
import { createHash } from 'node:crypto';

/** The placement score of an article on a shard: 64 bits of SHA-256 over `name NUL articleId`. */
function score(name: string, articleId: string): bigint {
  return createHash('sha256').update(`${name}\u0000${articleId}`, 'utf8').digest().readBigUInt64BE(0);
}

/**
 * The shard an article lives on: the name with the highest rendezvous score. Throws on an empty
 * list (there is always the own engine).
 */
export function shardOf(articleId: string, names: readonly string[]): string {
  if (names.length === 0) throw new Error('shardOf: no shard');
  if (names.length === 1) return names[0]!;
  let best = names[0]!;
  let bestScore = score(best, articleId);
  for (const name of names.slice(1)) {
    const s = score(name, articleId);
    if (s > bestScore || (s === bestScore && name < best)) {
      best = name;
      bestScore = s;
    }
  }
  return best;
}

/** Splits records by the shard of their article (`articleOf`), in input order within each shard. */
export function groupByShard<T>(items: readonly T[], articleOf: (item: T) => string, names: readonly string[]): Map<string, T[]> {
  const out = new Map<string, T[]>(names.map((n) => [n, []]));
  for (const item of items) out.get(shardOf(articleOf(item), names))!.push(item);
  return out;
}

/** The name of the API key the app creates on a shard for the coordinator's federated searches. */
export function federationKeyName(indexPrefix: string): string {
  return `ngkb federation search (${indexPrefix || 'no prefix'})`;
}

/**
 * The first line of a remote error the coordinating engine reports in `remoteErrors`, with the
 * remote's own error code when its answer carries one (`index_not_found`, `feature_not_enabled`…).
 */
export function describeRemoteError(err: { message?: string; code?: string } | undefined): string {
  const message = err?.message ?? '';
  const inner = /"code":"([a-z_]+)"/.exec(message)?.[1];
  return [err?.code, inner].filter(Boolean).join(': ') || 'no answer';
}
