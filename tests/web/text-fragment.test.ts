import { describe, expect, it } from 'vitest';
import { encodeTextDirectiveTerm, sourceUrlWithTextFragment, textDirectiveFor } from '../../web/src/text-fragment.ts';

describe('text fragments to the original page', () => {
  it('links a short passage whole, percent-encoded', () => {
    expect(textDirectiveFor('Ngoại giao tiên phong')).toBe('Ngo%E1%BA%A1i%20giao%20ti%C3%AAn%20phong');
  });

  it('encodes the characters the directive syntax reserves: dash, comma, ampersand', () => {
    expect(encodeTextDirectiveTerm('Việt - Mỹ, A&B')).toBe('Vi%E1%BB%87t%20%2D%20M%E1%BB%B9%2C%20A%26B');
  });

  it('links a long passage by its first and last five syllables (textStart,textEnd)', () => {
    const text = 'Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn nhấn mạnh ngoại giao phải đi trước mở đường cho phát triển.';
    const directive = textDirectiveFor(text);
    const [start, end] = directive.split(',').map(decodeURIComponent);
    expect(start).toBe('Phó Thủ tướng, Bộ trưởng');
    expect(end).toBe('mở đường cho phát triển.');
    expect(directive.split(',')).toHaveLength(2);
  });

  it('appends the directive after the source URL and keeps an existing fragment', () => {
    expect(sourceUrlWithTextFragment('https://baoquocte.vn/bai-viet.html', 'Hội nghị Ngoại giao 32')).toBe(
      'https://baoquocte.vn/bai-viet.html#:~:text=H%E1%BB%99i%20ngh%E1%BB%8B%20Ngo%E1%BA%A1i%20giao%2032',
    );
    expect(sourceUrlWithTextFragment('https://example.vn/a#top', 'xin chào')).toBe('https://example.vn/a#top:~:text=xin%20ch%C3%A0o');
  });

  it('gives no link for a missing or non-web source URL', () => {
    expect(sourceUrlWithTextFragment(null, 'x')).toBeNull();
    expect(sourceUrlWithTextFragment('javascript:alert(1)', 'x')).toBeNull();
  });
});

describe('text fragments of truncated passages', () => {
  it('leaves out the cut last word, so the directive is built on whole words', () => {
    expect(textDirectiveFor('Về phía Bộ Ngoại giao, có Ủy vi', true)).toBe(encodeTextDirectiveTerm('Về phía Bộ Ngoại giao, có Ủy'));
    const long = 'Dịp này, Thủ tướng đã trao các phần thưởng cao quý của Đảng, Nhà nước cho tập thể và cá nhân, Nhà n';
    expect(textDirectiveFor(long, true).split(',')[1]).toBe(encodeTextDirectiveTerm('thể và cá nhân, Nhà'));
  });
});
