/**
 * References as a reference manager and a reader see them: Vietnamese names family first,
 * pen names whole, two reporters as two authors, English articles cited in English, the
 * archive permalink where the source has no URL, and never a "Không rõ nguồn" placeholder.
 */
import { describe, expect, it } from 'vitest';
import { parseByline } from '../../server/citation-names.ts';
import { formatCitations, formatReferences, type CitationInput } from '../../server/citations.ts';

const base: CitationInput = {
  passageId: 'a-000000000001-00000001',
  text: 'Ngoại giao phải đi trước mở đường.',
  title: 'Ngoại giao đi trước mở đường',
  date: '2023-12-19',
  source: 'Nhân Dân',
  author: 'Nguyễn Thu Hà',
  url: 'https://nhandan.vn/bai-viet',
  permalink: 'http://localhost:3000/passages/a-000000000001-00000001',
  language: 'vi',
  accessed: '2026-12-04',
};

describe('Vietnamese personal names in references', () => {
  it('reads "Nguyễn Thu Hà" as family "Nguyễn", given "Thu Hà" in every format', () => {
    const c = formatCitations(base);
    expect(c.cslJson.author).toEqual([{ family: 'Nguyễn', given: 'Thu Hà' }]);
    expect(c.bibtex).toContain('author = {Nguyễn, Thu Hà}');
    expect(c.ris).toContain('AU  - Nguyễn, Thu Hà');
    expect(c.apa).toContain('Nguyễn, T. H. (2023, December 19).');
  });

  it('reads a name typed without diacritics the same way', () => {
    expect(parseByline('Nguyen Thu Ha')).toEqual([{ family: 'Nguyen', given: 'Thu Ha' }]);
  });

  it('keeps a pen name with no family name ("Bảo Chi") as one literal name', () => {
    const c = formatCitations({ ...base, author: 'Bảo Chi' });
    expect(c.cslJson.author).toEqual([{ literal: 'Bảo Chi' }]);
    expect(c.bibtex).toContain('author = {{Bảo Chi}}');
    expect(c.ris).toContain('AU  - Bảo Chi');
    expect(c.apa).toContain('Bảo Chi. (2023, December 19).');
  });

  it('makes two reporters two authors: "D.Ngọc - M.Chiến" and "Văn A và Thị B"', () => {
    expect(parseByline('D.Ngọc - M.Chiến')).toEqual([{ literal: 'D.Ngọc' }, { literal: 'M.Chiến' }]);
    expect(parseByline('Văn A và Thị B')).toEqual([{ literal: 'Văn A' }, { literal: 'Thị B' }]);
    const c = formatCitations({ ...base, author: 'D.Ngọc - M.Chiến' });
    expect(c.ris.match(/^AU {2}- .+$/gm)).toEqual(['AU  - D.Ngọc', 'AU  - M.Chiến']);
    expect(c.bibtex).toContain('author = {{D.Ngọc} and {M.Chiến}}');
  });

  it('reads a Western name in an English article given name first', () => {
    expect(parseByline('John Smith', { language: 'en' })).toEqual([{ family: 'Smith', given: 'John' }]);
  });
});

describe('citations that always resolve', () => {
  const noUrl: CitationInput = { ...base, url: null, source: null, author: null, date: null };

  it('points to the archive permalink when the source has no URL, and says so with the access date', () => {
    const c = formatCitations(noUrl);
    for (const s of [c.vi, c.apa, c.chicago, c.bibtex, c.ris, JSON.stringify(c.cslJson)]) expect(s).toContain(noUrl.permalink);
    expect(c.cslJson.URL).toBe(noUrl.permalink);
    expect(c.cslJson.accessed).toEqual({ 'date-parts': [[2026, 12, 4]] });
    expect(c.ris).toContain('Y2  - 2026/12/04');
    expect(c.bibtex).toContain('urldate = {2026-12-04}');
    expect(c.vi).toContain('nguồn không có địa chỉ trực tuyến');
  });

  it('names the archive copy as the source where the outlet is unknown, never a placeholder', () => {
    const c = formatCitations(noUrl);
    const all = [c.vi, c.apa, c.chicago, c.bibtex, c.ris, JSON.stringify(c.cslJson)].join('\n');
    expect(all).not.toMatch(/Không rõ nguồn|Unknown source/i);
    expect(c.cslJson['container-title']).toBe('Tư liệu Ngoại giao Việt Nam');
    expect(c.ris).toContain('DB  - Tư liệu Ngoại giao Việt Nam');
  });

  it('writes Chicago with "n.d." and a period after the author', () => {
    const c = formatCitations({ ...base, date: null });
    expect(c.chicago).toContain('Nguyễn Thu Hà. “Ngoại giao đi trước mở đường.” Nhân Dân, n.d. Accessed December 4, 2026. https://nhandan.vn/bai-viet.');
  });

  it('carries the speaker and the event in every format', () => {
    const c = formatCitations({ ...base, speaker: { name: 'Phạm Minh Chính', role: 'Thủ tướng Chính phủ' }, events: ['Hội nghị Ngoại giao lần thứ 32'] });
    for (const s of [c.vi, c.apa, c.chicago, c.bibtex, c.ris, String(c.cslJson.note)]) {
      expect(s).toContain('Phạm Minh Chính');
      expect(s).toContain('Hội nghị Ngoại giao lần thứ 32');
    }
  });

  it('cites an English article in English: no “Trích:”, langid english, LA en', () => {
    const c = formatCitations({ ...base, language: 'en', author: null, title: 'Diplomacy paves the way', text: 'Diplomacy must pave the way.' });
    const all = [c.vi, c.apa, c.chicago, c.bibtex, c.ris, String(c.cslJson.note)].join('\n');
    expect(all).not.toContain('Trích');
    expect(c.bibtex).toContain('langid = {english}');
    expect(c.ris).toContain('LA  - en');
    expect(c.cslJson.language).toBe('en');
  });

  it('cites a truncated passage as an excerpt with “[…]”', () => {
    const c = formatCitations({ ...base, text: 'Về phía Bộ Ngoại giao, có Ủy vi', truncated: true });
    expect(c.vi).toContain('Trích đoạn');
    expect(c.vi).toContain('“Về phía Bộ Ngoại giao, có Ủy vi […]”');
    expect(c.cslJson.dimensions).toBe('trích đoạn');
  });

  it('writes many references into one BibTeX, RIS or CSL-JSON file', () => {
    const two = [base, { ...base, passageId: 'a-000000000001-00000002' }];
    expect(formatReferences(two, 'bibtex').match(/^@article\{/gm)).toHaveLength(2);
    expect(formatReferences(two, 'ris').match(/^ER {2}-$/gm)).toHaveLength(2);
    expect(JSON.parse(formatReferences(two, 'csl-json'))).toHaveLength(2);
  });
});
