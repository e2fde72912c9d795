import { describe, expect, it } from 'vitest';
import { articleId, passageHash, passageIds } from '../../ingest/extract/ids.ts';

describe('content-derived ids', () => {
  it('makes the article id from the first 12 hex digits of the file hash', () => {
    expect(articleId('3288dbaf76e01277644b9b60684fb42e4c568c22a36b6eea075ea26b8d18ecb3')).toBe('a-3288dbaf76e0');
  });

  it('makes a passage id from 8 hex digits of the SHA-256 of its text', () => {
    expect(passageHash('Thứ nhất, …')).toMatch(/^[0-9a-f]{8}$/);
    expect(passageIds('a-1', ['Xin chào'])[0]).toBe(`a-1-${passageHash('Xin chào')}`);
  });

  it('numbers repeated texts within one article -2, -3', () => {
    const [a, b, c, d] = passageIds('a-1', ['Toàn cảnh Hội nghị.', 'Khác', 'Toàn cảnh Hội nghị.', 'Toàn cảnh Hội nghị.']);
    expect(c).toBe(`${a}-2`);
    expect(d).toBe(`${a}-3`);
    expect(b).not.toBe(a);
  });

  it('does not depend on which other passages come before', () => {
    expect(passageIds('a-1', ['x', 'y'])[1]).toBe(passageIds('a-1', ['z', 'q', 'y'])[2]);
  });
});
