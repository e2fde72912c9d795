import { describe, expect, it } from 'vitest';
import { cleanDocument, spanText } from '../../ingest/clean/index.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import { decodeSource } from '../../ingest/read.ts';

const clean = (text: string, file = 'x.txt') => cleanDocument(parseDocument(decodeSource(file, 'txt', Buffer.from(text, 'utf8'))));

describe('stray characters', () => {
  it('removes invisible and decorative characters inside words, keeping the span verbatim', () => {
    const doc = clean(
      'Bộ Ngoại giao tổ chức Hội nghị tổng kết công tác năm 2024\n' +
        'Sáng 6/1, Bộ Ngo\u200Bại giao tổ chức hội nghị tổng kết; Thủ tướng Phạm Minh Ch\u00ADính dự và phát biểu chỉ đạo\uFE0F hội nghị.\u2060\n',
    );
    expect(doc.blocks[0]!.text).toBe('Sáng 6/1, Bộ Ngoại giao tổ chức hội nghị tổng kết; Thủ tướng Phạm Minh Chính dự và phát biểu chỉ đạo hội nghị.');
    expect(spanText(doc.source, doc.blocks[0]!.span)).toBe(doc.blocks[0]!.text);
  });

  it('treats a line of only spaces as a paragraph break', () => {
    const doc = clean('Tiêu đề bài viết về ngoại giao Việt Nam\n\nĐoạn thứ nhất của bài viết.\n \t \nĐoạn thứ hai của bài viết.\n');
    expect(doc.blocks.map((b) => b.text)).toEqual(['Đoạn thứ nhất của bài viết.', 'Đoạn thứ hai của bài viết.']);
  });

  it('rejoins a line hard-wrapped mid-sentence but not two sentences', () => {
    const doc = clean(
      'Tiêu đề bài viết về ngoại giao Việt Nam\n' +
        'Hội nghị đã thảo luận các biện pháp xây dựng nền ngoại giao toàn diện,\n' +
        'hiện đại theo chủ trương của Đại hội XIII.\n' +
        'Các đại biểu đánh giá cao kết quả đạt được.\n',
    );
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'Hội nghị đã thảo luận các biện pháp xây dựng nền ngoại giao toàn diện, hiện đại theo chủ trương của Đại hội XIII.',
      'Các đại biểu đánh giá cao kết quả đạt được.',
    ]);
  });
});

describe('chrome of outlets the corpus does not have', () => {
  it('drops share buttons, "Ảnh minh họa", an inline "Xem thêm:" link, the reporter line and a "(Chinhphu.vn) - " tag', () => {
    const doc = clean(
      [
        'Phó Thủ tướng tiếp Đại sứ Nhật Bản tại Việt Nam',
        'Chia sẻ Facebook Zalo',
        '(Chinhphu.vn) - Chiều 12/3, tại Trụ sở Chính phủ, Phó Thủ tướng đã tiếp Đại sứ Nhật Bản nhân dịp bắt đầu nhiệm kỳ công tác.',
        'Ảnh minh họa',
        'Xem thêm: Thủ tướng tiếp Chủ tịch Tập đoàn Toyota',
        'Hai bên trao đổi về các biện pháp thúc đẩy hợp tác kinh tế, đầu tư và giao lưu nhân dân trong thời gian tới.',
        'Tin, ảnh: Hồng Nhung',
      ].join('\n'),
    );
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'Chiều 12/3, tại Trụ sở Chính phủ, Phó Thủ tướng đã tiếp Đại sứ Nhật Bản nhân dịp bắt đầu nhiệm kỳ công tác.',
      'Hai bên trao đổi về các biện pháp thúc đẩy hợp tác kinh tế, đầu tư và giao lưu nhân dân trong thời gian tới.',
    ]);
    expect(doc.dropped.map((d) => d.rule)).toEqual(['agency-tag', 'social', 'credit-line', 'related-link', 'reporter-line']);
  });
});
