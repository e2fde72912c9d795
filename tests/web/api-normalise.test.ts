import { describe, expect, it } from 'vitest';
import { termCountsFromComparison, toCitations, toEventPage, toPassageView, type CompareResult } from '../../web/src/api.ts';
import { citationMetaEntries, renderCitationMetaTags } from '../../web/src/citation-meta.ts';

describe('reading API answers in the web UI', () => {
  it('keeps a hit speaker with the role held on the article date', () => {
    const view = toPassageView({ id: 'p1', articleId: 'a1', text: 'x', speaker: { id: 'bui-thanh-son', name: 'Bùi Thanh Sơn', role: 'Bộ trưởng Ngoại giao' }, highlighted: '<mark>x</mark>', snippet: '<mark>x</mark>' });
    expect(view.speaker).toEqual({ id: 'bui-thanh-son', name: 'Bùi Thanh Sơn', role: 'Bộ trưởng Ngoại giao' });
    expect(view.snippet).toBe('<mark>x</mark>');
  });

  it('lists every citation format, with CSL-JSON pretty-printed', () => {
    const cites = toCitations({ vi: 'Nhân Dân (2023)…', apa: 'APA…', cslJson: { type: 'article-newspaper', title: 'T' } });
    expect(cites.map((c) => c.label)).toEqual(['Tiếng Việt', 'APA', 'CSL-JSON']);
    expect(JSON.parse(cites[2]!.text)).toEqual({ type: 'article-newspaper', title: 'T' });
  });

  it('prefers the verbatim themes quoted in articles over the knowledge base themes', () => {
    const page = toEventPage({ event: { id: 'hnng-32', name: 'HNNG 32', date: '2023-12-19', themes: ['kb theme'] }, themes: [{ text: 'verbatim theme', passage: { id: 'p9' } }], speakers: [], articles: [], keyPoints: [] });
    expect(page.themes).toEqual([{ text: 'verbatim theme', passageId: 'p9', eventId: null }]);
  });

  it('charts a distinctive term of two events from its own and the other count', () => {
    const cmp: CompareResult = {
      columns: [
        { ...toEventPage({ id: 'hnng-31', name: '31' }), terms: [{ term: 'tiên phong', count: 7, otherCount: 2, score: 5, passageIds: [] }], tokenCount: 100 },
        { ...toEventPage({ id: 'hnng-32', name: '32' }), terms: [], tokenCount: 100 },
      ],
      shared: [],
      passages: new Map(),
    };
    expect(termCountsFromComparison(cmp, 'tiên phong')).toEqual({ 'hnng-31': 7, 'hnng-32': 2 });
    expect(termCountsFromComparison(cmp, 'không có')).toBeNull();
  });
});

describe('citation meta tags for reference managers', () => {
  const meta = {
    title: 'Khai mạc Hội nghị Ngoại giao lần thứ 32',
    date: '2023-12-19',
    publisher: 'Báo Thế giới & Việt Nam',
    author: null,
    url: 'https://baoquocte.vn/a?x=1&y="2"',
    language: 'vi',
    pageUrl: 'http://localhost:3000/passages/a-1-2',
    description: 'Đoạn <b>văn</b>',
  };

  it('gives Zotero the title, a Highwire date, the outlet and the original URL', () => {
    const entries = citationMetaEntries(meta);
    const get = (key: string) => entries.find((e) => e[1] === key)?.[2];
    expect(get('citation_title')).toBe('Khai mạc Hội nghị Ngoại giao lần thứ 32');
    expect(get('citation_date')).toBe('2023/12/19');
    expect(get('citation_publisher')).toBe('Báo Thế giới & Việt Nam');
    expect(get('citation_public_url')).toBe('https://baoquocte.vn/a?x=1&y="2"');
    expect(get('citation_author')).toBeUndefined();
  });

  it('escapes every value when rendered as HTML for the server', () => {
    const html = renderCitationMetaTags(meta);
    expect(html).toContain('<meta name="citation_publisher" content="Báo Thế giới &amp; Việt Nam" data-citation-meta>');
    expect(html).toContain('content="https://baoquocte.vn/a?x=1&amp;y=&quot;2&quot;"');
    expect(html).toContain('content="Đoạn &lt;b&gt;văn&lt;/b&gt;"');
  });
});
