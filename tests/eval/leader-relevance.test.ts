/**
 * The leader query set (issue 11): a leader named with a topic, in every form a researcher types
 * (full name, without diacritics, title + name, "PM Chinh", "Bộ trưởng Sơn", a title alone).
 * Relevant passages were judged by reading the articles: the leader's own words on the topic,
 * attributed or not by the pipeline — not taken from the system's output.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { searchLikeApi } from '../../bench/api-search.ts';
import { indexCorpus } from '../../bench/corpus-index.ts';
import { evaluate, weakQueries, type EvalReport } from '../../bench/evaluate.ts';
import { judgeQueries, parseQueryFile, type JudgedQuery } from '../../bench/query-set.ts';

const root = path.resolve(import.meta.dirname, '../..');
let report: EvalReport;
let judged: JudgedQuery[];

beforeAll(async () => {
  const { url, masterKey } = inject('meili');
  const { service, docs } = await indexCorpus({
    url,
    masterKey,
    indexPrefix: 't_eval_leaders_',
    corpusDir: path.join(root, 'corpus/raw'),
    kbDir: path.join(root, 'corpus/kb'),
  });
  const file = path.join(root, 'tests/eval/leader-queries.jsonl');
  judged = judgeQueries(parseQueryFile(await fs.readFile(file, 'utf8'), 'tests/eval/leader-queries.jsonl'), docs);
  report = await evaluate(judged, {
    ours: async (q) => (await searchLikeApi(service, q.q, q.searchFilters, 10)).map((h) => h.passage.text),
  });
}, 300_000);

describe('relevance on the leader query set (issue 11)', () => {
  it('finds at least one passage in the index for every labelled query', () => {
    expect(judged.filter((q) => q.totalRelevant === 0).map((q) => q.q)).toEqual([]);
  });

  it('reaches MRR@10 of at least 0.9', () => {
    const failing = weakQueries(report, 'ours').map((o) => `${o.scores.ours!.rank ?? '–'}: ${o.q}`);
    expect({ mrr10: Number(report.summary.ours!.mrr10.toFixed(3)) >= 0.9 ? 'ok' : report.summary.ours!.mrr10, failing })
      .toMatchObject({ mrr10: 'ok' });
  });
});
