/**
 * Relevance metrics for the labelled query set: pure functions on hit texts and relevance pieces.
 *
 * A passage is relevant to a query when its text contains one of the query's pieces (verbatim
 * fragments of relevant article text) after NFC and whitespace normalisation. Relevance is
 * binary per passage. The number of relevant passages in the whole indexed set (after the
 * query's filters) is counted by the caller, so Recall and the ideal DCG do not depend on what
 * the engine happened to return.
 */
import { normalizeSpace, toNfc } from '../lib/vietnamese.ts';

/** NFC + whitespace normalisation, the one form in which pieces and passages are compared. */
export function normalizeForMatch(text: string): string {
  return normalizeSpace(toNfc(text));
}

/** True when `text` contains one of the (already normalised) pieces. */
export function isRelevant(text: string, normalizedPieces: readonly string[]): boolean {
  const t = normalizeForMatch(text);
  return normalizedPieces.some((p) => p.length > 0 && t.includes(p));
}

/** 1-based rank of the first relevant hit within the first `k`, or null when none. */
export function firstRelevantRank(relevance: readonly boolean[], k = 10): number | null {
  const i = relevance.slice(0, k).findIndex(Boolean);
  return i === -1 ? null : i + 1;
}

/** Reciprocal rank at `k`: 1/rank of the first relevant hit, 0 when none in the first `k`. */
export function reciprocalRank(relevance: readonly boolean[], k = 10): number {
  const rank = firstRelevantRank(relevance, k);
  return rank === null ? 0 : 1 / rank;
}

/**
 * Recall at `k`, capped: relevant hits in the first `k` divided by min(k, relevant passages in
 * the index). Capping keeps a query with 30 relevant passages from scoring at most 5/30 (the
 * "capped recall" of BEIR); 0 when nothing in the index is relevant.
 */
export function recallAtK(relevance: readonly boolean[], totalRelevant: number, k = 5): number {
  const denominator = Math.min(k, totalRelevant);
  if (denominator === 0) return 0;
  return relevance.slice(0, k).filter(Boolean).length / denominator;
}

/** Discounted cumulative gain with binary gains: sum of 1/log2(rank + 1) over relevant ranks. */
export function dcg(relevance: readonly boolean[], k: number): number {
  return relevance.slice(0, k).reduce((sum, rel, i) => sum + (rel ? 1 / Math.log2(i + 2) : 0), 0);
}

/** nDCG at `k`: DCG of the ranking over the DCG of `totalRelevant` relevant passages ranked first. */
export function ndcgAtK(relevance: readonly boolean[], totalRelevant: number, k = 10): number {
  const ideal = dcg(Array.from({ length: Math.min(k, totalRelevant) }, () => true), k);
  return ideal === 0 ? 0 : dcg(relevance, k) / ideal;
}

/** The scores of one query. */
export interface QueryScore {
  /** 1-based rank of the first relevant hit in the top 10; null when none. */
  rank: number | null;
  rr: number;
  recall5: number;
  ndcg10: number;
}

/** Scores one ranked list, given which hits are relevant and how many relevant passages exist. */
export function scoreRanking(relevance: readonly boolean[], totalRelevant: number): QueryScore {
  return {
    rank: firstRelevantRank(relevance, 10),
    rr: reciprocalRank(relevance, 10),
    recall5: recallAtK(relevance, totalRelevant, 5),
    ndcg10: ndcgAtK(relevance, totalRelevant, 10),
  };
}

/** Means over a query set. */
export interface Summary {
  queries: number;
  mrr10: number;
  recall5: number;
  ndcg10: number;
}

/** Arithmetic means of the per-query scores (all zeros for an empty set). */
export function summarize(scores: readonly QueryScore[]): Summary {
  const n = scores.length;
  const mean = (f: (s: QueryScore) => number) => (n === 0 ? 0 : scores.reduce((a, s) => a + f(s), 0) / n);
  return { queries: n, mrr10: mean((s) => s.rr), recall5: mean((s) => s.recall5), ndcg10: mean((s) => s.ndcg10) };
}

/** Nearest-rank percentile of numbers sorted ascending (for latency summaries); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Median of numbers (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
