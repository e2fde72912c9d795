import { describe, expect, it } from 'vitest';
import { datelineDate, extractDate, isoDate, statedDate } from '../../ingest/extract/date.ts';
import { makeDoc, realKb } from './extract-doc.ts';

describe('datelines', () => {
  it.each([
    ['Thứ 4, 15/12/2021 | 11:12:45', '2021-12-15'],
    ['(Cập nhật: 07/01/2025)', '2025-01-07'],
    ['01/02/2023 18:18', '2023-02-01'],
    ['August 11, 2018 | 20:17 (GMT+7)', '2018-08-11'],
    ['Chủ nhật, 10/11/2024, 10:05[GMT+7]', '2024-11-10'],
    ['Hà Nội, ngày 23 tháng 9 năm 2025 |', '2025-09-23'],
  ])('reads "%s" as %s', (line, iso) => {
    expect(datelineDate(line)).toBe(iso);
  });

  it('does not read a sentence that mentions a date as a dateline', () => {
    expect(datelineDate('Hội nghị Đối ngoại toàn quốc diễn ra sáng 14/12/2021 tại Hà Nội.')).toBeNull();
  });

  it('rejects impossible days', () => {
    expect(isoDate(2023, 2, 30)).toBeNull();
  });
});

describe('publication date', () => {
  it('takes a "date YYYY-MM-DD" header line as the header date', async () => {
    const doc = makeDoc('T', ['Ngày 10/11, Bộ Ngoại giao họp.'], { raw: 'url: x\n---\n date 2025-11-11 HOTLINE\nT' });
    expect(extractDate(doc, 'Ngày 10/11, Bộ Ngoại giao họp.', '', null)).toEqual({ date: '2025-11-11', source: 'header' });
  });

  it('prefers, of two datelines, the one whose year the article uses', () => {
    const doc = makeDoc('T', ['Hội nghị diễn ra sáng 14/12/2021.'], { dropped: ['Chủ nhật, 10/11/2024, 10:05[GMT+7]', 'Thứ 4, 15/12/2021 | 11:12:45'] });
    expect(extractDate(doc, null, 'Hội nghị diễn ra sáng 14/12/2021.', null)).toEqual({ date: '2021-12-15', source: 'dateline' });
  });

  it('never completes "Ngày 15/12" with the year of another date in the text', () => {
    const lead = 'Ngày 15/12, ngay sau Hội nghị đối ngoại toàn quốc (14/12), Bộ Ngoại giao khai mạc.';
    const doc = makeDoc('T', [lead, 'Kết quả của Hội nghị ngày 14/12/2021.']);
    expect(extractDate(doc, lead, `${lead}\nKết quả của Hội nghị ngày 14/12/2021.`, null)).toEqual({ date: null, source: null });
  });

  it('never completes a day and month with the main event\'s year from the knowledge base', async () => {
    const kb = await realKb();
    const lead = 'Sáng 19/12, tại Hà Nội, Hội nghị Ngoại giao lần thứ 32 khai mạc.';
    const event = kb.events.find((e) => e.id === 'hnng-32') ?? null;
    expect(extractDate(makeDoc('T', [lead]), lead, lead, event)).toEqual({ date: null, source: null });
  });

  it('takes a full date opening the lead', () => {
    const lead = 'Ngày 15/12/2021, Bộ Ngoại giao khai mạc Hội nghị.';
    expect(extractDate(makeDoc('T', [lead]), lead, lead, null)).toEqual({ date: '2021-12-15', source: 'text' });
  });

  it('never takes a page\'s render date ("THỨ BẢY, NGÀY 7 THÁNG 12 NĂM 2024" above a copied article)', () => {
    const lead = 'Ngày 15/8, Bộ Ngoại giao tổ chức lễ kỷ niệm.';
    const doc = makeDoc('T', [lead], { dropped: ['THỨ BẢY, NGÀY 7 THÁNG 12 NĂM 2024'] });
    expect(extractDate(doc, lead, lead, null)).toEqual({ date: null, source: null });
  });

  it('takes the page metadata (article:published_time, JSON-LD datePublished) as dateSource "meta"', () => {
    const doc = makeDoc('T', ['Bộ Ngoại giao họp.']);
    doc.meta.date = '2022-02-13';
    doc.meta.dateFrom = 'meta';
    expect(extractDate(doc, null, '', null)).toEqual({ date: '2022-02-13', source: 'meta' });
  });

  it('returns null rather than guessing a year', () => {
    const lead = 'Sáng 27/8, tại Hà Nội, lễ kỷ niệm diễn ra.';
    expect(extractDate(makeDoc('T', [lead]), lead, lead, null)).toEqual({ date: null, source: null });
  });
});

describe('two datelines on an unseen page', () => {
  it('prefers the dateline whose day and month open the lead over the page header date', () => {
    const lead = 'Chiều 15/12, tại Hạ Long, Thứ trưởng Ngoại giao đã làm việc với lãnh đạo tỉnh về công tác năm 2022.';
    const doc = makeDoc('T', [lead], { dropped: ['THỨ SÁU, NGÀY 22 THÁNG 11 NĂM 2024', '15/12/2021 - 14:32'] });
    expect(extractDate(doc, lead, lead, null)).toEqual({ date: '2021-12-15', source: 'dateline' });
  });
});

describe('the date of what a passage reports (eventDate)', () => {
  it.each([
    ['Ngày 14/12/2021, Hội nghị đối ngoại toàn quốc diễn ra tại Hà Nội.', '2021-12-14'],
    ['Sáng 19/12/2023, tại Hà Nội, Hội nghị Ngoại giao lần thứ 32 khai mạc.', '2023-12-19'],
    ['LTS: Sáng nay, 19.12.2023, Bộ Ngoại giao khai mạc Hội nghị.', '2023-12-19'],
    ['Chiều thứ Ba, ngày 14 tháng 12 năm 2021, Tổng Bí thư phát biểu.', '2021-12-14'],
    ['On Tuesday, December 14, 2021, the Party chief addressed the conference.', '2021-12-14'],
  ])('takes the full date "%s" opens with', (text, iso) => {
    expect(statedDate(text)).toBe(iso);
  });

  it.each([
    ['Sáng 27/8, tại Hà Nội, Thủ tướng dự Lễ kỷ niệm 75 năm Ngày thành lập ngành Ngoại giao (28/8/1945 - 28/8/2020).'],
    ['Thực hiện Nghị quyết số 292/NQ-CP ngày 24/11/2021 của Chính phủ, Bộ Ngoại giao đã ban hành kế hoạch.'],
    ['The sector was founded on August 28, 1945, the minister recalled.'],
  ])('leaves a date further in the text to what it dates: "%s"', (text) => {
    expect(statedDate(text)).toBeNull();
  });
});
