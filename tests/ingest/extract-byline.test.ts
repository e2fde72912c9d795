import { describe, expect, it } from 'vitest';
import { detectLanguage, extractByline, extractOutlet, hostOf, looksLikeByline } from '../../ingest/extract/byline.ts';
import { makeDoc, realKb } from './extract-doc.ts';

describe('byline, outlet and language', () => {
  it.each(['Bảo Chi', 'Anh Sơn', 'D.Ngọc - M.Chiến'])('reads "%s" as a byline', (text) => {
    expect(looksLikeByline(text)).toBe(true);
  });

  it.each(['Thời sự', 'Hội nhập', 'Hà Nội', 'Ngày 15/12, Bộ Ngoại giao đã tổ chức'])('does not read "%s" as a byline', (text) => {
    expect(looksLikeByline(text)).toBe(false);
  });

  it('takes the cleaner\'s byline, else a byline-shaped line before the lead', () => {
    expect(extractByline(makeDoc('T', ['x'], { byline: 'Bảo Chi' })).author).toBe('Bảo Chi');
    const doc = makeDoc('T', ['D.Ngọc - M.Chiến', `Ngày 10-11, Thủ tướng dự Đại hội. ${'Nội dung. '.repeat(10)}`]);
    expect(extractByline(doc)).toEqual({ author: 'D.Ngọc - M.Chiến', blockIndex: 0 });
  });

  it('strips www., wwww. and amp. from hosts', () => {
    expect(hostOf('https://wwww.baothaibinh.com.vn/tin-tuc/1')).toBe('baothaibinh.com.vn');
    expect(hostOf('https://amp.vov.vn/chinh-tri/x')).toBe('vov.vn');
  });

  it('names the outlet from the url host, including a sub-domain', async () => {
    const kb = await realKb();
    expect(extractOutlet(makeDoc('T', ['x'], { url: 'https://en.qdnd.vn/politics/x' }), kb)).toBe('Quân đội Nhân dân');
    expect(extractOutlet(makeDoc('T', ['x'], { url: 'https://baoquocte.vn/x' }), kb)).toBe('Báo Thế giới & Việt Nam');
  });

  it('names the outlet from a dropped "Theo dõi Baoquocte.vn trên" line when there is no url', async () => {
    expect(extractOutlet(makeDoc('T', ['x'], { dropped: ['Theo dõi Baoquocte.vn trên'] }), await realKb())).toBe('Báo Thế giới & Việt Nam');
  });

  it('does not take a photo credit for the outlet', async () => {
    expect(extractOutlet(makeDoc('T', [['caption', 'Quang cảnh hội nghị. (Ảnh: TTXVN)']]), await realKb())).toBeNull();
  });

  it('tells English from Vietnamese', () => {
    expect(detectLanguage('The 30th Diplomatic Conference will take place in Hanoi from August 12-17.')).toBe('en');
    expect(detectLanguage('Hội nghị Ngoại giao lần thứ 30 diễn ra tại Hà Nội.')).toBe('vi');
  });
});
