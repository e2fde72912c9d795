import { describe, expect, it } from 'vitest';
import { deriveTitle, firstSentence } from '../../ingest/extract/title.ts';

describe('derived titles', () => {
  it('uses the first sentence of the lead and drops a trailing ellipsis', () => {
    expect(deriveTitle('Chính phủ ban hành Nghị quyết 292/NQ-CP về ngành Ngoại giao... ')).toBe('Chính phủ ban hành Nghị quyết 292/NQ-CP về ngành Ngoại giao');
  });

  it('drops a leading "date YYYY-MM-DD" header', () => {
    expect(deriveTitle(' date 2025-09-25 Chính phủ đã ban hành Nghị quyết. Theo đó …')).toBe('Chính phủ đã ban hành Nghị quyết');
  });

  it('drops the dateline opener "Chiều ngày 29/12, " and an outlet tag', () => {
    expect(deriveTitle('(TBTCO) - Chiều ngày 29/12, Bộ Ngoại giao tổ chức Hội nghị tổng kết công tác ngành Ngoại giao năm 2025.')).toBe(
      'Bộ Ngoại giao tổ chức Hội nghị tổng kết công tác ngành Ngoại giao năm 2025',
    );
  });

  it('cuts a long sentence before a subordinate clause rather than mid-word', () => {
    const lead = `Hội nghị Ngoại giao lần thứ 32 và Hội nghị Ngoại vụ lần thứ 21 năm nay diễn ra từ ngày 18-23/12 là dịp để ngành Ngoại giao nhìn lại ${'các dấu ấn đối ngoại '.repeat(10)}.`;
    expect(deriveTitle(lead)).toBe('Hội nghị Ngoại giao lần thứ 32 và Hội nghị Ngoại vụ lần thứ 21 năm nay diễn ra từ ngày 18-23/12');
  });

  it('never cuts inside a quoted theme', () => {
    const lead = 'Sáng 15/12, Hội nghị Ngoại giao lần thứ 31 diễn ra tại Hà Nội với chủ đề "Ngoại giao Việt Nam tiên phong, toàn diện, hiện đại, chủ động thích ứng, thực hiện thắng lợi nghị quyết Đại hội XIII của Đảng". Thủ tướng dự.';
    expect(deriveTitle(lead)).toBe('Hội nghị Ngoại giao lần thứ 31 diễn ra tại Hà Nội');
  });

  it('ends the first sentence at a full stop followed by a capital', () => {
    expect(firstSentence('Ngày 8/7, Bộ họp. Các đại biểu thảo luận.')).toBe('Ngày 8/7, Bộ họp');
  });
});
