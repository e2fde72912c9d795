/**
 * Readability as the body locator of pages that mark no body container: it chooses among the
 * parser's own blocks (spans and text stay verbatim); pages with `<article>`/`<main>` keep the
 * parser's rules alone. Figures: BENCHMARKS.md "Readability as the body locator".
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../ingest/clean/index.ts';
import { parseHtml } from '../../ingest/parse/html.ts';
import { REPO, loadSource } from './helpers.ts';

const src = (rel: string) => loadSource(path.join(REPO, 'tests/fixtures'), rel);

describe('a page without <article>/<main>', () => {
  const page = 'html-no-landmarks/input.html';

  it('takes the headline, not the site logo in the first <h1>, as the title', () => {
    expect(cleanDocument(parseHtml(src(page))).title?.text).toBe('Thứ trưởng Ngoại giao làm việc với Ủy ban nhân dân tỉnh Lào Cai');
  });

  it('drops the sidebar headlines, menu and footer as outside-body, counted, and keeps the four body paragraphs', () => {
    const doc = cleanDocument(parseHtml(src(page)));
    expect(doc.blocks.map((b) => b.text.slice(0, 30))).toEqual(['Chiều 9/10, tại thành phố Lào ', 'Báo cáo tại buổi làm việc, lãn', 'Thứ trưởng đề nghị tỉnh tiếp t', 'Hai bên cũng trao đổi về việc ']);
    const outside = doc.dropped.filter((d) => d.rule === 'outside-body').map((d) => d.text);
    expect(outside).toContain('Tuần tra song phương trên tuyến biên giới đất liền quý III');
    expect(outside).toContain('Giá nông sản tại chợ biên giới tăng nhẹ cuối tuần');
    expect(outside).toHaveLength(7);
  });

  it('is read worse by the parser rules alone (the logo as title, the headline as a body heading): what the locator is for', () => {
    const doc = cleanDocument(parseHtml(src(page), { bodyLocator: 'rules' }));
    expect(doc.title?.text).toBe('Tin Biên Giới');
    expect(doc.blocks[0]!.text).toBe('Biên giới');
  });

  it("keeps the article's own <header> (section, dateline) when Readability reads it as part of the article", () => {
    const doc = cleanDocument(parseHtml(src('html-no-landmarks/input.html')));
    expect(doc.meta.date).toBe('2024-10-10');
  });
});

describe('a page with a body container', () => {
  it('is parsed by the rules alone: the same blocks whichever locator is asked for', () => {
    for (const rel of ['html-news-page/input.html', 'saved-pages/01-vnexpress-mo-lai-duong-bay-quoc-te.html']) {
      const a = parseHtml(src(rel));
      const b = parseHtml(src(rel), { bodyLocator: 'rules' });
      expect(a.blocks).toEqual(b.blocks);
    }
  });
});
