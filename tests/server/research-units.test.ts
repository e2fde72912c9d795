import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtom } from '../../server/atom.ts';
import { buildStopTerms, countTerms, maskNames, personNamesIn } from '../../server/keyness.ts';
import { familyNameSet } from '../../server/citation-names.ts';
import { kwicSpans, leftKey } from '../../server/kwic.ts';

describe('keyword in context lines', () => {
  it('widens a mark to whole syllables and takes whole words of context', () => {
    const text = 'Thủ tướng nói: “ngoại giao kinh tế là động lực”, rồi kết thúc.';
    const [line] = kwicSpans(text, 'Thủ tướng nói: “ngoại giao kinh <mark>t</mark>ế là động lực”, rồi kết thúc.', 3);
    expect(line).toMatchObject({ match: 'tế', left: '“ngoại giao kinh', right: 'là động lực”,' });
  });

  it('gives one line per marked run, and none when the marked text is not the passage', () => {
    const text = 'ngoại giao văn hóa và ngoại giao kinh tế';
    const lines = kwicSpans(text, '<mark>ngoại giao</mark> văn hóa và <mark>ngoại giao</mark> kinh tế', 2);
    expect(lines.map((l) => [l.left, l.match, l.right])).toEqual([
      ['', 'ngoại giao', 'văn hóa'],
      ['hóa và', 'ngoại giao', 'kinh tế'],
    ]);
    expect(kwicSpans(text, '<mark>khác</mark>', 2)).toEqual([]);
  });

  it('sorts the left context from the word nearest the match', () => {
    expect(leftKey('Bộ trưởng nói')).toBe('nói trưởng bộ');
  });
});

describe('stop lists from the knowledge base and the texts', () => {
  it('finds people’s names the KB does not know by a family name and capitals', () => {
    const families = familyNameSet([]);
    expect(personNamesIn('Tổng Bí thư Nguyễn Phú Trọng dự và phát biểu; Thủ tướng Phạm Minh Chính nói.', families)).toEqual(['Nguyễn Phú Trọng', 'Phạm Minh Chính']);
  });

  it('never counts a term across or inside a name, an event name’s fragment, a number or an ordinal', () => {
    const stop = buildStopTerms({ eventNames: ['Hội nghị Ngoại giao lần thứ 31'], peopleNames: ['Phạm Minh Chính'], roleTitles: ['Phó Thủ tướng'], texts: ['Tổng Bí thư Nguyễn Phú Trọng dự hội nghị.'] });
    expect(maskNames('Tổng Bí thư Nguyễn Phú Trọng dự hội nghị.', stop.names)).toBe('Tổng Bí thư  |  dự hội nghị.');
    const counts = countTerms([{ id: 'p', text: 'Tổng Bí thư Nguyễn Phú Trọng dự Hội nghị Ngoại giao lần thứ 31 ngày 18 tháng 12; Phó Thủ tướng nói về kinh tế số.' }], [2, 3], stop);
    const terms = [...counts.counts.keys()];
    expect(terms).toContain('kinh tế');
    for (const t of ['phú trọng', 'trọng dự', 'hội nghị', 'nghị ngoại', 'lần thứ', 'ngày 18', 'thủ tướng', 'phó thủ tướng']) expect(terms).not.toContain(t);
  });
});

describe('Atom', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml('a < b & "c" \u0001')).toBe('a &lt; b &amp; &quot;c&quot; ');
  });

  it('gives an undated entry the feed’s date, as every Atom entry needs one', () => {
    const xml = renderAtom({ selfUrl: 'http://x/api/feed', pageUrl: 'http://x/', title: 't', subtitle: 's', author: 'a', entries: [
      { permalink: 'http://x/passages/1', title: 'A', date: '2025-01-02', text: 'x', author: null, categories: [], sourceUrl: null, source: null },
      { permalink: 'http://x/passages/2', title: 'B', date: null, text: 'y', author: null, categories: [], sourceUrl: null, source: null },
    ] }, '2026-01-01T00:00:00Z');
    expect(xml.match(/<updated>2025-01-02T00:00:00Z<\/updated>/g)).toHaveLength(3);
  });
});
