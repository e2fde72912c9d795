/** The one key function of search: the same keys at index time, query time and in the highlighter. */
import { describe, expect, it } from 'vitest';
import { keyText, keyUnits } from '../../lib/vietnamese.ts';

const both = (a: string, b: string) => {
  expect(keyText(a, 'exact')).toBe(keyText(b, 'exact'));
  expect(keyText(a, 'folded')).toBe(keyText(b, 'folded'));
};

describe('search keys', () => {
  it('gives spelling variants one key: i/y after a consonant, Ð, old and new tone placement', () => {
    for (const [a, b] of [['kĩ năng', 'kỹ năng'], ['hi vọng', 'hy vọng'], ['lí luận', 'lý luận'], ['Mĩ', 'Mỹ'], ['sĩ quan', 'sỹ quan'], ['Ðại hội', 'Đại hội'], ['hoà', 'hòa'], ['uỷ ban', 'ủy ban'], ['quí', 'quý']]) both(a!, b!);
    // Not a syllable of consonant + i/y: "tuy", "Huy", "may" keep their letters.
    expect(keyText('tuy Huy may', 'folded')).toBe('tuy huy may');
  });

  it('ignores format characters inside words and splits at a ZWSP', () => {
    both('Th\u00ADủ tướng', 'Thủ tướng');
    both('\uFEFFThủ\u200D tướng', 'Thủ tướng');
    both('ngoại\u200Bgiao', 'ngoại giao');
    both('Thủ\u00A0tướng', 'Thủ tướng');
  });

  it('keeps injected characters out of the keys: emoji, look-alikes, other scripts, mathematical letters', () => {
    both('hợp t😀ác', 'hợp tác');
    both('Vіệt Nam', 'Việt Nam');
    both('thường 外niên', 'thường niên');
    both('𝐧𝐠𝐨𝐚̣𝐢 𝐠𝐢𝐚𝐨', 'ngoại giao');
    expect(keyText('Москва', 'folded')).toBe('москва');
  });

  it('keys numbers by value and splits letters from digits', () => {
    both('1.500', '1500');
    both('1 500', '1\u00A0500');
    both('23/09/2025', '23-9-2025');
    both('HNNG31', 'HNNG 31');
    expect(keyText('3,5 triệu', 'folded')).toBe('3 5 trieu');
  });

  it('keeps the verbatim form and offsets of each unit for highlighting', () => {
    const text = 'Hơn 1.500 đại biểu, ngày 23/9/2025';
    expect(keyUnits(text).map((u) => text.slice(u.start, u.end))).toEqual(['Hơn', '1.500', 'đại', 'biểu', 'ngày', '23', '9', '2025']);
  });
});
