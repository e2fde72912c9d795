import { describe, expect, it } from 'vitest';
import { endsTruncated, truncatedFlags } from '../../ingest/extract/truncation.ts';

describe('truncated excerpts at the end of a source', () => {
  it('flags a last passage cut mid-word: "… có Ủy vi"', () => {
    expect(truncatedFlags([
      { text: 'Hội nghị khai mạc sáng nay tại Hà Nội.', kind: 'paragraph' },
      { text: 'Về phía Bộ Ngoại giao, có Ủy vi', kind: 'paragraph' },
    ])).toEqual([false, true]);
  });

  it('flags an ellipsis, a trailing comma and a colon that announces what is missing', () => {
    expect(endsTruncated('Các đại biểu đã góp ý kiến trong khuôn khổ Hội nghị lần này...', 'paragraph')).toBe(true);
    expect(endsTruncated('song phương, đa phương, ngoại giao chính trị,', 'paragraph')).toBe(true);
    expect(endsTruncated('Thủ tướng phát biểu tại Hội nghị sơ kết của Bộ Ngoại giao:', 'paragraph')).toBe(true);
  });

  it('keeps a whole last sentence, one ending in a closing quote, and a short sign-off unflagged', () => {
    expect(endsTruncated('Ngoại giao phải đi trước mở đường.', 'paragraph')).toBe(false);
    expect(endsTruncated('Bác Hồ dạy: “Dĩ bất biến ứng vạn biến”.', 'paragraph')).toBe(false);
    expect(endsTruncated('Ông nói: “Chúng ta phải làm tốt hơn.”', 'quote')).toBe(false);
    expect(endsTruncated('Vietnam', 'paragraph')).toBe(false);
  });

  it('lets a list item end bare but not on a comma, and looks only at the last passage of running text', () => {
    expect(endsTruncated('Thứ sáu, phát huy bản sắc ngành Ngoại giao', 'list-item')).toBe(false);
    expect(endsTruncated('Tăng cường hợp tác quốc tế về biển;', 'list-item')).toBe(true);
    expect(truncatedFlags([
      { text: 'Đoạn giữa bị cắt ở giữa câu và không có dấu', kind: 'paragraph' },
      { text: 'Đoạn cuối kết thúc trọn vẹn câu văn.', kind: 'paragraph' },
      { text: 'Ảnh: TTXVN', kind: 'caption' },
    ])).toEqual([false, false, false]);
  });
});
