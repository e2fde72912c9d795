import { describe, expect, it } from 'vitest';
import { parseDateline } from '../../ingest/clean/index.ts';
import { SECTION_END_LABELS, labelKey } from '../../ingest/clean/patterns.ts';
import { cleanCorpusFile, corpusFiles } from './helpers.ts';

const docs = corpusFiles().map((rel) => [rel, cleanCorpusFile(rel)] as const);

/** Boilerplate, described as classes of line, never tied to one file. */
const BOILERPLATE: readonly [string, RegExp][] = [
  ['section label', new RegExp(`^(?:${SECTION_END_LABELS.map((l) => labelKey(l)).join('|')})$`)],
  ['follow-us line', /^theo doi .* tren$/],
  ['empty image markup', /!\[\]\(/],
  ['table pipe', /^\||\|$/],
  ['view counter', /\d luot xem$/],
  ['hotline / subscription', /hotline|dat mua bao/],
  ['contact box', /^(?:• )?(?:email|dien thoai|don vi truc thuoc):?$|@[a-z.]+\.vn$/],
  ['image alt "- Ảnh 1."', / - anh \d+$/],
];

describe('cleaning the corpus', () => {
  for (const [rel, doc] of docs) {
    it(`leaves no boilerplate line in ${rel}`, () => {
      for (const b of doc.blocks) {
        const key = labelKey(b.text);
        for (const [name, re] of BOILERPLATE) {
          const raw = name === 'empty image markup' || name === 'table pipe' ? b.text : key;
          expect(re.test(raw), `${name}: "${b.text.slice(0, 80)}"`).toBe(false);
        }
        expect(parseDateline(b.text), `a date-only line survived: "${b.text}"`).toBeNull();
      }
    });

    it(`prints no paragraph twice in a row in ${rel} (teasers and duplicate captions are gone)`, () => {
      for (let i = 1; i < doc.blocks.length; i++) expect(doc.blocks[i]!.text).not.toBe(doc.blocks[i - 1]!.text);
    });
  }

  it('drops the lists of unrelated headlines under "Đọc thêm" and "Xem nhiều" (seed 003)', () => {
    const doc = docs.find(([rel]) => rel.startsWith('seeds/003'))![1];
    const text = doc.blocks.map((b) => b.text).join('\n');
    expect(text).not.toContain('Miss Charm');
    expect(text).not.toContain('Capaya Rodriguez');
    expect(doc.dropped.filter((d) => d.rule === 'teaser').map((d) => d.text)).toContain('Bộ trưởng Bùi Thanh Sơn tiếp xã giao Thứ trưởng Ngoại giao Venezuela Capaya Rodriguez');
  });

  it('drops the boxed related blurbs above "Tin bài liên quan" (seed 000)', () => {
    const doc = docs.find(([rel]) => rel.startsWith('seeds/000'))![1];
    expect(doc.blocks.at(-1)!.text).toMatch(/^Thứ trưởng Nguyễn Minh Vũ cũng cho biết/);
    expect(doc.dropped.filter((d) => d.rule === 'related')).toHaveLength(2);
  });

  it('drops the site contact box above the title (extra 13)', () => {
    const doc = docs.find(([rel]) => rel.startsWith('extra/13'))![1];
    expect(doc.title?.text).toBe('Hội nghị tổng kết ngành Ngoại giao năm 2024 và phương hướng, nhiệm vụ năm 2025');
    expect(doc.dropped.filter((d) => d.rule === 'contact')).toHaveLength(7);
  });
});
