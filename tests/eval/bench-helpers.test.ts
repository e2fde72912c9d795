import { describe, expect, it } from 'vitest';
import { baselineFilter, quoteFilterValue } from '../../bench/baseline-index.ts';
import { apiSearchPath, buildLoadQueries } from '../../bench/load-queries.ts';
import { sentencesOf } from '../../bench/synthetic.ts';

describe('baseline filters', () => {
  it('keeps a value with a double quote inside one string', () => {
    expect(quoteFilterValue('Báo "X" OR kind = paragraph')).toBe('"Báo \\"X\\" OR kind = paragraph"');
  });

  it('ORs the values of one filter and ANDs different filters', () => {
    expect(baselineFilter({ speaker: ['pham-minh-chinh', 'to-lam'], year: [2025] })).toEqual([
      'speakerId IN ["pham-minh-chinh", "to-lam"]',
      'year IN [2025]',
    ]);
  });
});

describe('load query mix', () => {
  const texts = ['Thủ tướng Phạm Minh Chính phát biểu chỉ đạo Hội nghị Ngoại giao lần thứ 31 tại Hà Nội.'];

  it('reaches the requested size with queries both with and without diacritics', () => {
    const mix = buildLoadQueries([{ q: 'ngoại giao kinh tế', filters: {} }], texts, 20);
    expect(mix.length).toBeGreaterThanOrEqual(10);
    expect(mix.some((m) => m.q === 'ngoai giao kinh te')).toBe(true);
    expect(mix.some((m) => m.q === 'ngoại giao kinh tế')).toBe(true);
  });

  it('gives the same mix for the same seed', () => {
    expect(buildLoadQueries([], texts, 10, 3)).toEqual(buildLoadQueries([], texts, 10, 3));
  });

  it('writes several values of one filter as repeated parameters, as the API reads them', () => {
    expect(apiSearchPath({ q: 'HNNG 32', filters: { speaker: ['a', 'b'], year: [2023] } })).toBe('/api/search?q=HNNG+32&speaker=a&speaker=b&year=2023');
  });
});

describe('synthetic corpus sentences', () => {
  it('splits paragraphs at sentence ends before a capital letter and drops fragments', () => {
    expect(sentencesOf(['Bộ Ngoại giao tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2023. Ảnh: TTXVN']))
      .toEqual(['Bộ Ngoại giao tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2023.']);
  });
});
