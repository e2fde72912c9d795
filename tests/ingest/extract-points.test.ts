import { describe, expect, it } from 'vitest';
import { findPointRuns, pointLabel } from '../../ingest/extract/points.ts';

describe('numbered points', () => {
  it('reads "Thứ nhất," to "Thứ sáu," and "Một là,"', () => {
    expect(pointLabel('Thứ nhất, hoàn thiện thể chế.')).toEqual({ label: 'Thứ nhất', ordinal: 1 });
    expect(pointLabel('Thứ sáu, phát huy bản sắc.')).toEqual({ label: 'Thứ sáu', ordinal: 6 });
    expect(pointLabel('Một là, giữ vững môi trường hòa bình.')).toEqual({ label: 'Một là', ordinal: 1 });
  });

  it('finds two runs when the numbering starts again', () => {
    const texts = ['Thứ nhất, a.', 'Thứ hai, b.', 'Giữa hai phần.', 'Thứ nhất, c.', 'Thứ hai, d.', 'Thứ ba, e.'];
    expect(findPointRuns(texts).map((r) => r.indexes)).toEqual([[0, 1], [3, 4, 5]]);
  });

  it('lets paragraphs and captions sit inside a run', () => {
    expect(findPointRuns(['Thứ nhất, a.', 'Về ngoại giao kinh tế, …', null, 'Thứ hai, b.'])[0]?.indexes).toEqual([0, 3]);
  });

  it('does not take a weekday or a stray ordinal for a point', () => {
    expect(findPointRuns(['Thứ năm, ngày 15/12, Bộ họp.', 'Thứ ba, tuần sau.'])).toEqual([]);
  });
});
