import { beforeAll, describe, expect, it } from 'vitest';
import { highlightText, snippetText } from '../../search/highlight.ts';
import type { SearchService } from '../../search/types.ts';
import { indexedService, pid, query } from './fixtures.ts';

let service: SearchService;
beforeAll(async () => {
  service = await indexedService('t_search_highlight_');
});

describe('highlighting', () => {
  it('marks whole syllables only: "ban" never yields "<mark>Bằn</mark>g"', async () => {
    const res = await service.search(query('ban'));
    const bang = await service.search(query('bang'));
    for (const hit of [...res.hits, ...bang.hits]) {
      expect(hit.highlighted).not.toMatch(/<\/mark>\p{L}|\p{L}<mark>/u);
    }
    expect(bang.hits.find((h) => h.passage.id === pid('bang'))?.highlighted).toContain('<mark>Bằng</mark>');
  });

  it('marks the exact syllables of a diacritic query and not their look-alikes', () => {
    const html = highlightText('bạn bè ngồi vào bàn', { mode: 'exact', sequences: [['banj'], ['bef']], foldedSequences: [] });
    expect(html).toBe('<mark>bạn bè</mark> ngồi vào bàn');
  });

  it('returns a passage containing HTML as text, with the marks added after escaping', async () => {
    const res = await service.search(query('bạn bè'));
    const hit = res.hits.find((h) => h.passage.id === pid('xss'))!;
    expect(hit.highlighted).toBe(
      'Thử chèn mã &#60;img src=x onerror=alert(1)&#62; vào nội dung &#34;<mark>bạn bè</mark>&#34; &#38; kiểm tra.',
    );
    expect(hit.snippet).not.toContain('<img');
  });

  it('cuts a snippet to about 30 syllables around the match with "…" at the cut ends', () => {
    // Distinct words without digits (a word running letters into digits is two units: "từ1" = "từ 1").
    const word = (i: number) => `từ${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
    const words = Array.from({ length: 80 }, (_, i) => word(i));
    words[50] = 'hòa';
    const snippet = snippetText(words.join(' '), { mode: 'folded', sequences: [['hoa']], foldedSequences: [] });
    expect(snippet.startsWith(`…${word(45)} `)).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>hòa</mark>');
    expect(snippet.split(' ').length).toBe(30);
  });

  it('marks every form of a KB entity the query names: "HNNG 31" marks "Hội nghị Ngoại giao lần thứ 31"', async () => {
    const res = await service.search(query('HNNG 31'));
    const hit = res.hits.find((h) => h.passage.id === pid('hnng31'))!;
    expect(hit.highlighted).toContain('<mark>Hội nghị Ngoại giao lần thứ 31</mark>');
  });
});
