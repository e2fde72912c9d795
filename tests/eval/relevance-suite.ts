/**
 * One relevance regression over a labelled query file: the real corpus indexed in the real engine,
 * each query run through the `/api/search` code path, MRR@10 held at or above a floor.
 * Used by `relevance.test.ts` (the general set) and `leader-relevance.test.ts` (issue 11's leaders).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { searchLikeApi } from '../../bench/api-search.ts';
import { indexCorpus } from '../../bench/corpus-index.ts';
import { evaluate, weakQueries, type EvalReport } from '../../bench/evaluate.ts';
import { judgeQueries, parseQueryFile, type JudgedQuery } from '../../bench/query-set.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Registers the suite: `queries` relative to the repository root, `indexPrefix` of its own. */
export function describeRelevance(opts: { title: string; queries: string; indexPrefix: string; minMrr10: number }): void {
  let report: EvalReport;
  let judged: JudgedQuery[];

  beforeAll(async () => {
    const { url, masterKey } = inject('meili');
    const { service, docs } = await indexCorpus({
      url,
      masterKey,
      indexPrefix: opts.indexPrefix,
      corpusDir: path.join(root, 'corpus/raw'),
      kbDir: path.join(root, 'corpus/kb'),
    });
    judged = judgeQueries(parseQueryFile(await fs.readFile(path.join(root, opts.queries), 'utf8'), opts.queries), docs);
    report = await evaluate(judged, {
      ours: async (q) => (await searchLikeApi(service, q.q, q.searchFilters, 10)).map((h) => h.passage.text),
    });
  }, 300_000);

  describe(opts.title, () => {
    it('finds at least one passage in the index for every labelled query', () => {
      expect(judged.filter((q) => q.totalRelevant === 0).map((q) => q.q)).toEqual([]);
    });

    it(`keeps MRR@10 at or above ${opts.minMrr10}`, () => {
      const failing = weakQueries(report, 'ours').map((o) => `${o.scores.ours!.rank ?? '–'}: ${o.q}`);
      expect({ mrr10: Number(report.summary.ours!.mrr10.toFixed(3)) >= opts.minMrr10 ? 'ok' : report.summary.ours!.mrr10, failing })
        .toMatchObject({ mrr10: 'ok' });
    });
  });
}
