import { describe, expect, it } from 'vitest';
import {
  firstRelevantRank,
  isRelevant,
  median,
  ndcgAtK,
  normalizeForMatch,
  percentile,
  recallAtK,
  reciprocalRank,
  summarize,
  scoreRanking,
} from '../../bench/metrics.ts';
import { judgeQueries, parseQueryFile, passesFilters, toSearchFilters } from '../../bench/query-set.ts';
import type { PassageDoc } from '../../search/types.ts';

describe('relevance of a hit', () => {
  it('matches a piece typed in decomposed Unicode against NFC passage text', () => {
    const piece = normalizeForMatch('ngoa\u0323i giao kinh tê\u0301');
    expect(isRelevant('công tác ngoại giao kinh tế phục vụ phát triển', [piece])).toBe(true);
  });

  it('matches across a line break or double space in the passage', () => {
    expect(isRelevant('Bộ trưởng\n\nNgoại giao  Bùi Thanh Sơn', [normalizeForMatch('Bộ trưởng Ngoại giao Bùi Thanh Sơn')])).toBe(true);
  });

  it('does not treat "Thứ trưởng" as containing "Thủ tướng"', () => {
    expect(isRelevant('Thứ trưởng Nguyễn Minh Vũ', [normalizeForMatch('Thủ tướng')])).toBe(false);
  });
});

describe('ranking metrics', () => {
  it('gives the 1-based rank of the first relevant hit', () => {
    expect(firstRelevantRank([false, false, true, true])).toBe(3);
  });

  it('gives no rank when the first relevant hit is below 10', () => {
    expect(firstRelevantRank([...Array(10).fill(false), true])).toBeNull();
    expect(reciprocalRank([...Array(10).fill(false), true])).toBe(0);
  });

  it('scores reciprocal rank 1/3 for a first relevant hit at rank 3', () => {
    expect(reciprocalRank([false, false, true])).toBeCloseTo(1 / 3);
  });

  it('caps the recall denominator at k', () => {
    expect(recallAtK([true, true, false, true, false], 30, 5)).toBeCloseTo(3 / 5);
    expect(recallAtK([false, true], 2, 5)).toBeCloseTo(1 / 2);
  });

  it('gives nDCG 1 for all relevant passages ranked first', () => {
    expect(ndcgAtK([true, true, false, false], 2)).toBeCloseTo(1);
  });

  it('gives nDCG 1/log2(3) for the only relevant passage at rank 2', () => {
    expect(ndcgAtK([false, true], 1)).toBeCloseTo(1 / Math.log2(3));
  });

  it('gives zeros when nothing in the index is relevant', () => {
    expect(scoreRanking([false, false], 0)).toEqual({ rank: null, rr: 0, recall5: 0, ndcg10: 0 });
  });

  it('averages the per-query scores', () => {
    const s = summarize([scoreRanking([true], 1), scoreRanking([false, true], 1)]);
    expect(s.mrr10).toBeCloseTo(0.75);
    expect(s.recall5).toBeCloseTo(1);
    expect(s.queries).toBe(2);
  });
});

describe('latency summaries', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 50)).toBe(50);
  });

  it('takes the middle of an even number of values as the median', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('query file', () => {
  it('names the line of a query without relevant pieces', () => {
    expect(() => parseQueryFile('{"q":"a","relevant":["x"]}\n{"q":"b","relevant":[]}', 'q.jsonl')).toThrow(/q\.jsonl:2/);
  });

  it('maps one filter value to a one-element list, as the API does', () => {
    expect(toSearchFilters({ speaker: 'pham-minh-chinh', year: [2021, 2023] })).toEqual({ speaker: ['pham-minh-chinh'], year: [2021, 2023] });
  });

  it('counts only passages that pass the filters as relevant', () => {
    const doc = (id: string, text: string, speakerId: string | null): PassageDoc => ({
      id, articleId: 'a-1', ordinal: 0, kind: 'paragraph', text, credit: null, speakerId, eventIds: [],
      span: { start: 0, end: 0 }, title: 't', date: null, year: null, dateSort: 0, source: null, url: null,
      sourceFile: 'x.txt', speakerName: null, speakerRole: null,
    });
    const docs = [doc('1', 'ngoại giao vaccine', 'pham-minh-chinh'), doc('2', 'ngoại giao vaccine', null)];
    const [judged] = judgeQueries([{ q: 'vaccine', filters: { speaker: 'pham-minh-chinh' }, relevant: ['ngoại giao vaccine'] }], docs);
    expect(judged!.totalRelevant).toBe(1);
    expect(passesFilters(docs[1]!, judged!.searchFilters)).toBe(false);
  });
});
