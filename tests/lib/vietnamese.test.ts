import { describe, expect, it } from 'vitest';
import { foldDiacritics, hasDiacritics, normalizeSpace, slugify, splitSyllables, toTelex } from '../../lib/vietnamese.ts';

describe('Vietnamese text primitives', () => {
  it('keeps the tone in the Telex key, so "bạn" and "bàn" stay apart', () => {
    expect(toTelex('bạn bè')).toBe('banj bef');
    expect(toTelex('bàn bản bằng bắn')).toBe('banf banr bawngf bawns');
  });

  it('gives old and new tone placement the same key: "hoà" = "hòa", "thuỷ" = "thủy"', () => {
    expect(toTelex('hoà bình')).toBe(toTelex('hòa bình'));
    expect(toTelex('thuỷ chung')).toBe(toTelex('thủy chung'));
  });

  it('tells "Thủ tướng" from "Thứ trưởng"', () => {
    expect(toTelex('Thủ tướng')).toBe('thur tuwowngs');
    expect(toTelex('Thứ trưởng')).toBe('thuws truwowngr');
  });

  it('encodes đ and the vowel shapes â ă ê ô ơ ư', () => {
    expect(toTelex('Đại hội người Việt')).toBe('ddaij hooij nguwowif vieetj');
    expect(toTelex('ăn ơn ưu')).toBe('awn own uwu');
  });

  it('folds every diacritic, đ included, for slugs and accent-free matching', () => {
    expect(foldDiacritics('Đại hội Thi đua')).toBe('Dai hoi Thi dua');
    expect(slugify('Phạm Minh Chính')).toBe('pham-minh-chinh');
    expect(slugify('Lê Hoài Trung')).toBe('le-hoai-trung');
  });

  it('detects diacritics, including a lone đ', () => {
    expect(hasDiacritics('ngoai giao')).toBe(false);
    expect(hasDiacritics('dđ')).toBe(true);
    expect(hasDiacritics('ngoại giao')).toBe(true);
  });

  it('splits syllables with offsets that slice back to the original text', () => {
    const text = '“Ngoại giao” Việt Nam, 2021-2025';
    const syllables = splitSyllables(text);
    expect(syllables.map((s) => s.text)).toEqual(['Ngoại', 'giao', 'Việt', 'Nam', '2021', '2025']);
    for (const s of syllables) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('keeps a decomposed (NFD) syllable whole', () => {
    const nfd = 'Ngoại'.normalize('NFD');
    expect(splitSyllables(nfd)).toHaveLength(1);
  });

  it('normalises whitespace and drops invisible characters inside words', () => {
    expect(normalizeSpace('  Bộ\u00A0Ngoại\u200B giao \n\t ')).toBe('Bộ Ngoại giao');
    expect(normalizeSpace('ngo\u00ADại')).toBe('ngoại');
  });
});
