import { describe, expect, it } from 'vitest';
import { decodeTypedSyllable } from '../../lib/vietnamese-query.ts';
import { AliasMatcher, buildAliasGroups } from '../../search/aliases.ts';
import { chunkParts, normalizeQuotes, parseQuery, relaxedQueryText, renderQuery } from '../../search/query.ts';
import { kb } from './fixtures.ts';

describe('query parsing', () => {
  it('turns curly, single and guillemet quotes into straight ones but keeps apostrophes inside words', () => {
    expect(normalizeQuotes('“hòa bình” ‘hợp tác’ «đối tác»')).toBe('"hòa bình" "hợp tác" "đối tác"');
    expect(normalizeQuotes('Vietnam’s diplomacy')).toBe('Vietnam’s diplomacy');
  });

  it('sends a diacritic query as Telex keys and a plain one folded', () => {
    const exact = parseQuery('Thủ tướng');
    expect(exact.mode).toBe('exact');
    expect(renderQuery(exact.parts, 'exact')).toBe('thur tuwowngs');
    expect(renderQuery(parseQuery('Thu tuong').parts, 'folded')).toBe('thu tuong');
  });

  it('makes a KB form inside a query a phrase: HNNG 31 chủ đề → "hnng 31" chủ đề', () => {
    const parsed = parseQuery('HNNG 31 chủ đề', new AliasMatcher(buildAliasGroups(kb)));
    expect(parsed.namesKnownForm).toBe(true);
    expect(renderQuery(parsed.parts, 'exact')).toBe('"hnng 31" chur ddeef');
  });

  it('splits a 25-syllable quote into chunks of at most 10 engine words', () => {
    // Distinct words without digits (a word running letters into digits is two units: "từ1" = "từ 1").
    const parsed = parseQuery(Array.from({ length: 25 }, (_, i) => `từ${String.fromCharCode(97 + i)}`).join(' '));
    const chunks = chunkParts(parsed.parts);
    expect(chunks.map((c) => c.length)).toEqual([9, 9, 7]);
  });

  it('decodes Telex and VNI typed without an input method, and leaves plain words and acronyms alone', () => {
    expect(decodeTypedSyllable('ngoaij')).toBe('ngoại');
    expect(decodeTypedSyllable('ngoa5i')).toBe('ngoại');
    expect(decodeTypedSyllable('dduwowngf')).toBe('đường');
    expect(decodeTypedSyllable('Vieetj')).toBe('Việt');
    for (const word of ['giao', 'WTO', 'HNNG', 'G20', 'U23', 'news', 'covid', '31']) expect(decodeTypedSyllable(word)).toBeNull();
  });

  it('keeps an exclusion an exclusion in the query offered without diacritics', () => {
    expect(relaxedQueryText(parseQuery('Lào -Thái'))).toBe('Lao -Thai');
    expect(relaxedQueryText(parseQuery('"Bộ Ngoại giao" -"Liên hợp quốc"'))).toBe('"Bo Ngoai giao" -"Lien hop quoc"');
  });
});
