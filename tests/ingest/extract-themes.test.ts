import { describe, expect, it } from 'vitest';
import { findThemes } from '../../ingest/extract/themes.ts';
import { realKb } from './extract-doc.ts';

describe('conference themes', () => {
  it('reads "HNNG 31 lấy chủ đề “…”" and assigns it to the event before it', async () => {
    const t = findThemes('Trên tinh thần đó, HNNG 31 lấy chủ đề “Ngoại giao Việt Nam tiên phong, toàn diện, hiện đại” và tập trung đánh giá', await realKb(), null);
    expect(t.map((x) => [x.eventId, x.text])).toEqual([['hnng-31', 'Ngoại giao Việt Nam tiên phong, toàn diện, hiện đại']]);
  });

  it('reads "chủ đề của Hội nghị … là “…”" with the event between', async () => {
    const t = findThemes('Dẫn chủ đề của Hội nghị Ngoại giao lần thứ 32 là “Phát huy vai trò tiên phong, xây dựng nền ngoại giao toàn diện”, Phó Thủ tướng phân tích', await realKb(), null);
    expect(t[0]?.eventId).toBe('hnng-32');
  });

  it('reads "Với chủ đề “…”, Hội nghị Ngoại vụ 21 diễn ra" with the event after it', async () => {
    const t = findThemes('Với chủ đề “Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững của địa phương”, Hội nghị Ngoại vụ 21 diễn ra vào ngày 18/12.', await realKb(), 'hnng-32');
    expect(t.map((x) => x.eventId)).toEqual(['ngoai-vu-21']);
  });

  it('reads straight quotes after "có chủ đề:"', async () => {
    const t = findThemes('dự Đại hội Thi đua yêu nước Bộ Ngoại giao giai đoạn 2025 - 2030 có chủ đề: "Xây dựng ngành ngoại giao Việt Nam bản lĩnh, kỷ cương".', await realKb(), null);
    expect(t.map((x) => [x.eventId, x.text])).toEqual([['dai-hoi-thi-dua-2025', 'Xây dựng ngành ngoại giao Việt Nam bản lĩnh, kỷ cương']]);
  });

  it('ignores "chủ đề" without a quoted theme', async () => {
    expect(findThemes('các đại biểu đánh giá cao chủ đề, nội dung thảo luận tại HNNG 31.', await realKb(), 'hnng-31')).toEqual([]);
  });
});
