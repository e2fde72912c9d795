import { describe, expect, it } from 'vitest';
import { cleanCorpusFile } from './helpers.ts';

const file = (prefix: string) => cleanCorpusFile(prefix);

describe('captions', () => {
  it('splits the credit off a table-wrapped caption: "| … (Ảnh: TTXVN) |"', () => {
    const doc = file('seeds/000_bc4cdb849a784ab4.txt');
    expect(doc.blocks[0]).toMatchObject({ kind: 'caption', text: 'Phó Thủ tướng Trần Lưu Quang phát biểu.', credit: 'TTXVN' });
  });

  it('collapses a caption printed twice in a row into one (extra 04)', () => {
    const doc = file('extra/04-nhandan-khai-mac-hnng32.txt');
    const captions = doc.blocks.filter((b) => b.kind === 'caption');
    expect(captions.map((c) => [c.text, c.credit])).toEqual([
      ['Quang cảnh phiên khai mạc Hội nghị Ngoại giao lần thứ 32.', 'THỦY NGUYÊN'],
      ['Tổng Bí thư Nguyễn Phú Trọng dự Hội nghị.', 'THỦY NGUYÊN'],
    ]);
  });

  it('collapses near-duplicate captions that differ by a word (seed 003)', () => {
    const doc = file('seeds/003_2cf4194526cfe468.txt');
    const vu = doc.blocks.filter((b) => b.kind === 'caption' && b.text.startsWith('Thứ trưởng Thường trực Bộ Ngoại giao Nguyễn Minh Vũ và'));
    expect(vu).toHaveLength(1);
  });

  it.each([
    ['extra/16-biengioilanhtho-tran-luu-quang-lam-viec-bo-ngoai-giao.txt', 'Phó Thủ tướng Trần Lưu Quang làm việc với Bộ Ngoại giao', 'VGP/Hải Minh'],
    ['extra/10-nld-dai-hoi-thi-dua-2025-5-tu-khoa.txt', 'Thủ tướng Phạm Minh Chính trao Huân chương Lao động hạng nhất; hạng ba và Cờ Thi đua của Chính phủ cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua yêu nước.', 'NHẬT BẮC'],
    ['extra/12-chinhsachcuocsong-so-ket-6-thang-2023.txt', 'Quang cảnh Hội nghị.', 'Bộ Ngoại giao'],
    ['extra/15-vnexpress-to-lam-80-nam-nganh-ngoai-giao.txt', 'Tổng Bí thư Tô Lâm phát biểu tại lễ kỷ niệm 80 năm thành lập ngành ngoại giao Việt Nam ngày 25/8.', 'Giang Huy'],
    ['extra/08-bacninh-en-toan-van-tbt-doi-ngoai-toan-quoc.txt', 'General Secretary of the Communist Party of Vietnam Nguyen Phu Trong', 'VNA'],
  ])('reads the caption and credit of %s', (rel, text, credit) => {
    const caption = file(rel).blocks.find((b) => b.kind === 'caption');
    expect(caption).toMatchObject({ text, credit });
  });

  it('keeps a caption whose credit is empty ("Photo: |") without a credit', () => {
    const caption = file('extra/01-qdnd-en-hnng30-preview.txt').blocks.find((b) => b.kind === 'caption');
    expect(caption).toEqual(expect.objectContaining({ text: 'At the 29th Diplomatic Conference.' }));
    expect(caption?.credit).toBeUndefined();
  });

  it('recognises uncredited captions set apart by blank lines in a line-by-line article (seed 002)', () => {
    const captions = file('seeds/002_5d03adc93472d6dd.txt').blocks.filter((b) => b.kind === 'caption').map((b) => b.text);
    expect(captions).toEqual([
      'Thủ tướng Phạm Minh Chính phát biểu tại Đại hội.',
      'Đại hội Thu đua yêu nước Bộ Ngoại giao diễn ra sáng 10/11 tại Hà Nội.',
      'Bộ trưởng Bộ Ngoại giao Lê Hoài Trung phát biểu tại Đại hội.',
    ]);
  });
});

describe('paragraphs', () => {
  it('rejoins the seed 001 paragraph broken after "Bộ trưởng"', () => {
    const doc = file('seeds/001_2e8d82e9d27cdd4e.txt');
    const joined = doc.blocks.find((b) => b.text.includes('Về phía ngành Ngoại giao có Bộ trưởng Ngoại giao Bùi Thanh Sơn, các đồng chí lãnh đạo'));
    expect(joined?.kind).toBe('paragraph');
    expect(doc.blocks.some((b) => b.text.startsWith('Ngoại giao Bùi Thanh Sơn, các đồng chí'))).toBe(false);
  });

  it('does not join a lead printed without a full stop to the dated paragraph after it (extra 10)', () => {
    const doc = file('extra/10-nld-dai-hoi-thi-dua-2025-5-tu-khoa.txt');
    expect(doc.blocks[0]!.text).toBe('Thủ tướng đã trao các phần thưởng cao quý của Đảng, Nhà nước, Chính phủ tặng các tập thể, cá nhân của Bộ Ngoại giao có thành tích xuất sắc');
    expect(doc.blocks[1]!.text).toMatch(/^Ngày 10-11, Thủ tướng Phạm Minh Chính/);
  });

  it('keeps a short sub-heading apart from the paragraph it introduces (extra 09)', () => {
    const doc = file('extra/09-vov-dai-hoi-thi-dua-2020-75-nam.txt');
    const i = doc.blocks.findIndex((b) => b.text === 'Nhiều thành tựu đáng tự hào');
    expect(doc.blocks[i]!.kind).toBe('heading');
    expect(doc.blocks[i + 1]!.text).toMatch(/^Thủ tướng Nguyễn Xuân Phúc nêu rõ/);
  });

  it('cuts the agency tag before the lead: "(TBTCO) - Chiều ngày 29/12, …"', () => {
    const doc = file('extra/14-thoibaotaichinh-tong-ket-2025-nguyen-minh-vu.txt');
    expect(doc.blocks[0]!.text).toMatch(/^Chiều ngày 29\/12, Bộ Ngoại giao tổ chức/);
  });
});

describe('titles and bylines', () => {
  it.each([
    ['seeds/001_2e8d82e9d27cdd4e.txt', 'Phục vụ phát triển đất nước là nhiệm vụ trọng tâm của ngành ngoại giao trong giai đoạn mới', 'Bảo Chi'],
    ['seeds/003_2cf4194526cfe468.txt', 'Bộ trưởng Bùi Thanh Sơn: Ngành Ngoại giao cần chủ động ứng phó với các khó khăn, thách thức', 'Anh Sơn'],
    ['extra/10-nld-dai-hoi-thi-dua-2025-5-tu-khoa.txt', 'Ngoại giao phát huy vai trò tiên phong', 'D.Ngọc - M.Chiến'],
    ['extra/12-chinhsachcuocsong-so-ket-6-thang-2023.txt', 'Bộ Ngoại giao tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2023', null],
  ])('reads the title and byline of %s', (rel, title, byline) => {
    const doc = file(rel);
    expect(doc.title?.text).toBe(title);
    expect(doc.byline?.text ?? null).toBe(byline);
  });

  it('prefers the full title over a truncated copy above it (extra 05)', () => {
    expect(file('extra/05-daibieunhandan-toan-van-tbt-hnng32.txt').title?.text).toBe(
      'Tiếp tục đổi mới, xây dựng và phát triển nền đối ngoại, ngoại giao Việt Nam hiện đại, vững mạnh toàn diện, mang đậm bản sắc "cây tre Việt Nam"',
    );
  });

  it('turns the line between the title and its repetition into a caption (extra 13)', () => {
    const doc = file('extra/13-congthuongbentre-tong-ket-2024.txt');
    expect(doc.blocks[0]).toMatchObject({ kind: 'caption', text: 'Thủ tướng Chính phủ Phạm Minh Chính phát biểu chỉ đạo tại Hội nghị' });
    expect(doc.blocks.filter((b) => b.text === doc.title!.text)).toHaveLength(0);
  });

  it('leaves the title null when the file starts with its lead (seed 004, extra 03)', () => {
    expect(file('seeds/004_710aeb7dca7f122c.txt').title).toBeNull();
    expect(file('extra/03-vietbao-hnng31-thu-tuong-loi-ich-quoc-gia.txt').title).toBeNull();
  });
});

describe('dates', () => {
  it('takes the article dateline after the title, not the page date above it (extra 07)', () => {
    const doc = file('extra/07-baothaibinh-doi-ngoai-toan-quoc.txt');
    expect(doc.meta.date).toBe('2021-12-15');
    expect(doc.dropped).toContainEqual({ text: 'Chủ nhật, 10/11/2024, 10:05[GMT+7]', rule: 'page-date' });
  });

  it.each([
    ['seeds/004_710aeb7dca7f122c.txt', '2025-09-25'],
    ['extra/01-qdnd-en-hnng30-preview.txt', '2018-08-11'],
    ['extra/16-biengioilanhtho-tran-luu-quang-lam-viec-bo-ngoai-giao.txt', '2023-02-01'],
    ['extra/13-congthuongbentre-tong-ket-2024.txt', '2025-01-07'],
    ['extra/11-nhansu-van-ban-nghi-quyet-292.txt', '2025-09-23'],
    ['extra/02-plo-hnng30-thu-tuong-nang-cao-vi-the.txt', undefined],
  ])('reads the date of %s as %s', (rel, date) => {
    expect(file(rel).meta.date).toBe(date);
  });

  it('keeps the url header of the extras as metadata, not text', () => {
    const doc = file('extra/02-plo-hnng30-thu-tuong-nang-cao-vi-the.txt');
    expect(doc.meta.url).toBe('https://plo.vn/thoi-su/nganh-ngoai-giao-phai-nang-cao-vi-the-quoc-gia-787796.html');
    expect(doc.blocks.some((b) => b.text.startsWith('url:') || b.text === '---')).toBe(false);
  });
});
