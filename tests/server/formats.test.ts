import { describe, expect, it } from 'vitest';
import { escapeBibtex, formatCitations } from '../../server/citations.ts';
import { csvCell, defuseFormula } from '../../server/export-format.ts';
import { countTerms, distinctiveTerms, isCandidateTerm, logLikelihood, syllableRuns } from '../../server/keyness.ts';

const citation = {
  passageId: 'a-000000000001-00000001',
  text: 'Ngoại giao phải “đi trước mở đường”, tăng trưởng 7% & bền vững.',
  title: 'Ngoại giao đi trước mở đường',
  date: '2023-12-19',
  source: 'Nhân Dân',
  author: null,
  url: 'https://nhandan.vn/bai-viet',
  permalink: 'http://localhost:3000/passages/a-000000000001-00000001',
};

describe('citations', () => {
  it('quotes the passage verbatim in the Vietnamese, APA, Chicago and RIS formats and in CSL-JSON', () => {
    const c = formatCitations(citation);
    for (const s of [c.vi, c.apa, c.chicago, c.ris, String(c.cslJson.note)]) expect(s).toContain(citation.text);
  });

  it('writes the Vietnamese style as outlet (year), “title”, outlet, day/month/year, url, then the quotation', () => {
    expect(formatCitations(citation).vi.split('\n').slice(0, 2)).toEqual([
      'Nhân Dân (2023), “Ngoại giao đi trước mở đường”, Nhân Dân, ngày 19/12/2023, https://nhandan.vn/bai-viet.',
      'Trích: “Ngoại giao phải “đi trước mở đường”, tăng trưởng 7% & bền vững.”',
    ]);
  });

  it('escapes TeX specials in BibTeX so the quotation survives: 7% → 7\\%, & → \\&', () => {
    const bib = formatCitations(citation).bibtex;
    expect(bib).toContain(escapeBibtex(citation.text));
    expect(bib).toContain('7\\% \\& bền vững');
    expect(bib).toMatch(/^@article\{ngkb-a-000000000001-00000001,/);
  });

  it('says n.d. in APA when the date is unknown', () => {
    expect(formatCitations({ ...citation, date: null }).apa).toContain('(n.d.)');
  });
});

describe('CSV cells', () => {
  it('prefixes = + - @ with an apostrophe', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)'].map(defuseFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)"]);
  });

  it('quotes a cell holding a comma or a quote and doubles the quotes', () => {
    expect(csvCell('Hà Nội, “thủ đô” "x"')).toBe('"Hà Nội, “thủ đô” ""x"""');
    expect(csvCell(['hnng-31', 'hnng-32'])).toBe('hnng-31;hnng-32');
    expect(csvCell(null)).toBe('');
  });
});

describe('keyness', () => {
  it('never joins syllables across punctuation', () => {
    expect(syllableRuns('Ngoại giao, kinh tế (số).')).toEqual([['ngoại', 'giao'], ['kinh', 'tế'], ['số']]);
  });

  it('skips terms containing a function syllable or made only of digits', () => {
    expect(isCandidateTerm(['của', 'các'])).toBe(false);
    expect(isCandidateTerm(['hợp', 'tác', 'và'])).toBe(false);
    expect(isCandidateTerm(['2023', '2024'])).toBe(false);
    expect(isCandidateTerm(['lần', 'thứ', '32'])).toBe(false);
    expect(isCandidateTerm(['lần', 'thứ'])).toBe(false);
    expect(isCandidateTerm(['đại', 'hội', 'xiii'])).toBe(false);
    expect(isCandidateTerm(['ngoại', 'giao', 'kinh'])).toBe(true);
  });

  it('computes Dunning G² (0 for equal rates, larger for a stronger contrast)', () => {
    expect(logLikelihood(10, 10, 100, 100)).toBeCloseTo(0);
    expect(logLikelihood(20, 2, 100, 100)).toBeGreaterThan(logLikelihood(12, 8, 100, 100));
    expect(logLikelihood(10, 0, 100, 100)).toBeCloseTo(2 * 10 * Math.log(2));
  });

  it('ranks a term frequent here and absent there first', () => {
    const here = countTerms([
      { id: 'p1', text: 'Ngoại giao kinh tế. Kinh tế số.' },
      { id: 'p2', text: 'Kinh tế xanh, ngoại giao.' },
    ]);
    const there = countTerms([{ id: 'q1', text: 'Ngoại giao văn hóa. Ngoại giao nhân dân.' }]);
    const top = distinctiveTerms(here, there, { limit: 3 });
    expect(top[0]).toMatchObject({ term: 'kinh tế', count: 3, otherCount: 0, passageIds: ['p1', 'p2'] });
    expect(top.map((t) => t.term)).not.toContain('ngoại giao');
  });
});

describe('terms that cut a word', () => {
  it('drops a pair always followed by the same syllable and keeps the trigram it belongs to', () => {
    const here = countTerms([
      { id: 'p1', text: 'Phó Thủ tướng phát biểu.' },
      { id: 'p2', text: 'Phó Thủ tướng dự họp.' },
    ]);
    const there = countTerms([{ id: 'q1', text: 'Bộ trưởng dự họp.' }]);
    const terms = distinctiveTerms(here, there, { limit: 10 }).map((t) => t.term);
    expect(terms).toContain('phó thủ tướng');
    expect(terms).not.toContain('phó thủ');
  });
});
