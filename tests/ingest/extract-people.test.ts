import { describe, expect, it } from 'vitest';
import { findCandidateNames, findPersonMentions, findTitleReferences } from '../../ingest/extract/people.ts';
import { realKb } from './extract-doc.ts';

describe('people named in text', () => {
  it('finds a person with the title printed before the name', async () => {
    const [m] = findPersonMentions('Phát biểu chỉ đạo Hội nghị, Phó Thủ tướng Chính phủ Trần Lưu Quang ghi nhận', await realKb());
    expect(m).toMatchObject({ id: 'tran-luu-quang', title: 'Phó Thủ tướng' });
  });

  it('tells "Phó Thủ tướng Thường trực" from "Thủ tướng"', async () => {
    const ms = findPersonMentions('Thủ tướng Chính phủ Phạm Minh Chính và Phó Thủ tướng Thường trực Phạm Bình Minh', await realKb());
    expect(ms.map((m) => [m.id, m.title])).toEqual([
      ['pham-minh-chinh', 'Thủ tướng'],
      ['pham-binh-minh', 'Phó Thủ tướng Thường trực'],
    ]);
  });

  it('matches the English spelling case-sensitively', async () => {
    const kb = await realKb();
    expect(findPersonMentions('General Secretary Nguyen Phu Trong delivered a speech', kb).map((m) => m.id)).toEqual(['nguyen-phu-trong']);
    expect(findPersonMentions('yếu tố làm nên thành công', kb)).toEqual([]);
  });

  it('does not take Thành phố Hồ Chí Minh for the person', async () => {
    const kb = await realKb();
    expect(findPersonMentions('Bí thư Thành ủy Thành phố Hồ Chí Minh', kb)).toEqual([]);
    expect(findPersonMentions('như Chủ tịch Hồ Chí Minh từng nêu', kb).map((m) => m.id)).toEqual(['ho-chi-minh']);
  });

  it('reports a title followed by an unknown name as a candidate', async () => {
    const text = 'Tại điểm cầu tỉnh Bến Tre có Phó Chủ tịch Thường trực UBND tỉnh – Trưởng Đoàn đại biểu Quốc hội tỉnh Nguyễn Trúc Sơn, đại diện lãnh đạo';
    const cands = findCandidateNames(text, findPersonMentions(text, await realKb()));
    expect(cands.map((c) => [c.title, c.name])).toEqual([['Phó Chủ tịch', 'Nguyễn Trúc Sơn']]);
  });

  it('does not report known people or places as candidates', async () => {
    const text = 'Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn làm việc tại Hà Nội; Bí thư Thành ủy Hà Nội dự.';
    expect(findCandidateNames(text, findPersonMentions(text, await realKb()))).toEqual([]);
  });

  it('finds a bare title standing for someone named earlier, but not a title introducing a name', async () => {
    const text = 'Phó Thủ tướng Trần Lưu Quang phát biểu. Phó Thủ tướng nhấn mạnh.';
    const refs = findTitleReferences(text, findPersonMentions(text, await realKb()));
    expect(refs.map((r) => [r.title, r.start])).toEqual([['Phó Thủ tướng', text.lastIndexOf('Phó Thủ tướng')]]);
  });
});

describe('tone placement', () => {
  it('finds "Nguyễn Hoà Bình" written with the old tone placement', async () => {
    const kb = await realKb();
    expect(findPersonMentions('Phó Thủ tướng Thường trực Chính phủ Nguyễn Hoà Bình kiểm tra', kb).map((m) => m.id)).toEqual(['nguyen-hoa-binh']);
    expect(findPersonMentions('Phó Thủ tướng Thường trực Chính phủ Nguyễn Hòa Bình kiểm tra', kb).map((m) => m.id)).toEqual(['nguyen-hoa-binh']);
  });
});
