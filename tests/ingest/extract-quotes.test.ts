import { describe, expect, it } from 'vitest';
import { findQuoteSpans, isQuoteParagraph } from '../../ingest/extract/quotes.ts';
import { passageKind } from '../../ingest/extract/passages.ts';

describe('quotation marks', () => {
  it('pairs curly quotes', () => {
    expect(findQuoteSpans('lời dạy của Bác: “Thi đua là tinh thần quốc tế”; “Thi đua là yêu nước”.').map((q) => q.text)).toEqual([
      'Thi đua là tinh thần quốc tế',
      'Thi đua là yêu nước',
    ]);
  });

  it('closes a curly opening with the last straight mark when no closing curly follows, keeping the inner quote', () => {
    const text = '“Đất nước đã ở thế và lực khác, cho nên người làm đối ngoại cũng phải "giỏi hơn, mạnh hơn"", Phó Thủ tướng nhấn mạnh.';
    expect(findQuoteSpans(text).map((q) => q.text)).toEqual(['Đất nước đã ở thế và lực khác, cho nên người làm đối ngoại cũng phải "giỏi hơn, mạnh hơn"']);
  });

  it('pairs straight quotes around a curly one', () => {
    const text = 'sự ủng hộ và "4 đồng" như Chủ tịch Hồ Chí Minh từng nêu “đồng tình, đồng lòng, đồng sức, đồng minh".';
    expect(findQuoteSpans(text).map((q) => q.text)).toEqual(['4 đồng', 'đồng tình, đồng lòng, đồng sức, đồng minh']);
  });

  it('calls a paragraph that is a quotation with a short attribution a quote', () => {
    expect(isQuoteParagraph('"Ta bảo vệ lợi ích chính đáng của người khác, lúc cần họ mới bảo vệ ta"')).toBe(true);
    expect(passageKind({ kind: 'paragraph', text: '“Chúng ta phải giỏi hơn, mạnh hơn nữa”, Thủ tướng nói.', span: { start: 0, end: 1 } })).toBe('quote');
  });

  it('does not call a paragraph that merely opens with a quoted term a quote', () => {
    expect(isQuoteParagraph('“Làm tốt” hơn nữa vai trò kết nối: tăng cường đối ngoại song phương để kết nối trong nước và quốc tế; kết nối kinh tế.')).toBe(false);
  });
});
