/**
 * The query mix for the load benchmark: real queries, with and without diacritics. Pure and
 * deterministic (seeded), so two runs send the same requests in the same order.
 *
 * Sources: the labelled eval queries (as typed, and folded to plain ASCII), then syllable n-grams
 * (1 to 4 syllables) cut from random positions of the indexed passages, half of them folded.
 */
import { foldDiacritics, splitSyllables } from '../lib/vietnamese.ts';
import type { SearchFilters } from '../search/types.ts';

/** One request of the mix. */
export interface LoadQuery {
  q: string;
  filters: SearchFilters;
}

/** Mulberry32: a tiny seeded PRNG, so the mix is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Syllable n-grams of 1–4 syllables from random passages; every other one folded (no diacritics). */
export function ngramQueries(texts: readonly string[], count: number, seed = 42): string[] {
  const rand = seededRandom(seed);
  const out: string[] = [];
  const seen = new Set<string>();
  for (let attempts = 0; out.length < count && attempts < count * 20 && texts.length > 0; attempts++) {
    const syllables = splitSyllables(texts[Math.floor(rand() * texts.length)]!).map((s) => s.text);
    if (syllables.length === 0) continue;
    const n = 1 + Math.floor(rand() * 4);
    const start = Math.floor(rand() * Math.max(1, syllables.length - n));
    let q = syllables.slice(start, start + n).join(' ');
    // Single syllables of one or two letters ("và", "là") are not what anyone searches for alone.
    if (n === 1 && q.length < 3) continue;
    if (out.length % 2 === 1) q = foldDiacritics(q);
    if (seen.has(q)) continue;
    seen.add(q);
    out.push(q);
  }
  return out;
}

/** The benchmark mix: eval queries as typed and folded, then n-grams up to `total` queries. */
export function buildLoadQueries(evalQueries: readonly LoadQuery[], passageTexts: readonly string[], total = 300, seed = 42): LoadQuery[] {
  const mix: LoadQuery[] = [];
  for (const e of evalQueries) {
    mix.push(e);
    const folded = foldDiacritics(e.q);
    if (folded !== e.q) mix.push({ q: folded, filters: e.filters });
  }
  const rest = Math.max(0, total - mix.length);
  for (const q of ngramQueries(passageTexts, rest, seed)) mix.push({ q, filters: {} });
  // Interleave deterministically so each connection sees a spread of kinds.
  const rand = seededRandom(seed + 1);
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  return mix;
}

/** The `/api/search` path for a query: the API's query-string form (`speaker=a&speaker=b`). */
export function apiSearchPath(q: LoadQuery): string {
  const params = new URLSearchParams({ q: q.q });
  for (const v of q.filters.speaker ?? []) params.append('speaker', v);
  for (const v of q.filters.event ?? []) params.append('event', v);
  for (const v of q.filters.year ?? []) params.append('year', String(v));
  for (const v of q.filters.kind ?? []) params.append('kind', v);
  for (const v of q.filters.source ?? []) params.append('source', v);
  return `/api/search?${params.toString()}`;
}
