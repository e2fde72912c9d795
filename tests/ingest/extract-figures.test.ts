import { describe, expect, it } from 'vitest';
import { findFigures, parseVietnameseNumber } from '../../ingest/extract/figures.ts';

describe('figures', () => {
  it('finds "khoảng 115 cơ quan đại diện" and "150 cơ quan"', () => {
    const f = findFigures('đến năm 2030 có khoảng 115 cơ quan đại diện và đến năm 2045 là 150 cơ quan trên toàn thế giới.');
    expect(f).toEqual([
      { text: 'khoảng 115 cơ quan đại diện', value: 115 },
      { text: '150 cơ quan', value: 150 },
    ]);
  });

  it('finds percentages and ranges', () => {
    expect(findFigures('phấn đấu mỗi năm mua 2-3 trụ sở. Đến năm 2045, 100% cơ quan đại diện tại địa bàn trọng điểm')).toEqual([
      { text: '2-3 trụ sở', value: 2 },
      { text: '100% cơ quan đại diện', value: 100 },
    ]);
  });

  it('skips years, dates, ordinals and durations', () => {
    expect(findFigures('Ngày 15/12/2021, Hội nghị lần thứ 31 trong giai đoạn 2021-2025, kỷ niệm 75 năm, 6 tháng đầu năm.')).toEqual([]);
  });

  it('skips the number of a named event', () => {
    expect(findFigures('HNNG 31 diễn ra vào thời điểm quan trọng', [{ start: 0, end: 7 }])).toEqual([]);
  });

  it('reads Vietnamese thousands and decimals', () => {
    expect(parseVietnameseNumber('1.100')).toBe(1100);
    expect(parseVietnameseNumber('28,22')).toBe(28.22);
  });
});
