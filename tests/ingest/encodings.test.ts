/**
 * Files in the encodings people actually have, through the real pipeline (read → … → records):
 * UTF-16 with a BOM, legacy code pages, mojibake and legacy-font text. The expected text is
 * written here by hand; the garbled inputs are made from it the way the accident happens
 * (iconv-lite plays the old software), so a repair is checked against what the author wrote.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { runIngest, type IngestResult } from '../../ingest/pipeline.ts';
import { REPO } from './helpers.ts';

/** A short article whose every sentence differs by `place` and `topic`, so no two files are duplicates. */
function article(place: string, topic: string): { title: string; lead: string; text: string } {
  const title = `Bộ Ngoại giao tổ chức hội nghị về ${topic} tại ${place}`;
  const lead = `Ngày 12/8/2025, tại ${place}, Bộ Ngoại giao tổ chức hội nghị chuyên đề về ${topic}, với sự tham dự của đại diện các bộ, ngành và địa phương.`;
  const body = [
    `Phát biểu khai mạc, Thứ trưởng nhấn mạnh công tác ${topic} cần được triển khai đồng bộ, lấy người dân và doanh nghiệp làm trung tâm.`,
    `Các đại biểu đã trao đổi nhiều kinh nghiệm thực tiễn của ${place}, đồng thời kiến nghị những giải pháp cụ thể để nâng cao hiệu quả trong thời gian tới.`,
  ];
  return { title, lead, text: [title, '', lead, '', ...body, ''].join('\n') };
}

const A = {
  utf16le: article('Đà Nẵng', 'ngoại giao kinh tế'),
  utf16be: article('Cần Thơ', 'bảo hộ công dân'),
  cp1258: article('Huế', 'ngoại giao văn hóa'),
  tcvnBytes: article('Quảng Ninh', 'hợp tác biên giới'),
  mojibake: article('Hải Phòng', 'thu hút đầu tư'),
  tcvn3Font: article('Nghệ An', 'người Việt Nam ở nước ngoài'),
  vniFont: article('Lào Cai', 'thông tin đối ngoại'),
  vniBytes: article('Bắc Ninh', 'đối ngoại địa phương'),
  partial: article('Thái Nguyên', 'hợp tác đầu tư'),
};

/** Windows-1258 keeps â ê ô ơ ư ă precomposed and writes the tone as a combining mark after them. */
function toCp1258(text: string): Buffer {
  const form = [...text.normalize('NFC')]
    .map((ch) => {
      const nfd = ch.normalize('NFD');
      const tone = nfd.match(/[\u0300\u0301\u0303\u0309\u0323]/u)?.[0] ?? '';
      return nfd.replace(tone, '').normalize('NFC') + tone;
    })
    .join('');
  return iconv.encode(form, 'windows1258');
}

/** UTF-8 bytes shown as Windows-1252 (its five undefined bytes as C1 controls, as Windows does) and saved as UTF-8. */
function mojibake(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (b >= 0x80 && b < 0xa0 && iconv.decode(Buffer.from([b]), 'windows1252') === '\uFFFD' ? String.fromCharCode(b) : iconv.decode(Buffer.from([b]), 'windows1252'))).join('');
}

/** A text typed with a TCVN3 (.VnTime) font: its bytes shown as Windows-1252, saved as UTF-8. */
function tcvn3Font(text: string): string {
  return iconv.decode(iconv.encode(text, 'tcvn'), 'windows1252');
}

/** VNI-Times letters: base letter + a Windows-1252 mark character (hand-checked against the VNI chart). */
const VNI: Record<string, string> = {
  'ộ': 'oä', 'ổ': 'oå', 'ị': 'ò', 'ề': 'eà', 'à': 'aø', 'ố': 'oá', 'ở': 'ôû', 'ớ': 'ôù',
  'đ': 'ñ', 'Đ': 'Ñ', 'ư': 'ö', 'ơ': 'ô', 'ấ': 'aá', 'ả': 'aû', 'ă': 'aê', 'á': 'aù', 'ê': 'eâ', 'ế': 'eá',
  'ệ': 'eä', 'ể': 'eå', 'ờ': 'ôø', 'ợ': 'ôï', 'ữ': 'öõ', 'ự': 'öï', 'ừ': 'öø', 'ủ': 'uû', 'ụ': 'uï', 'ú': 'uù',
  'ó': 'où', 'ò': 'oø', 'ỏ': 'oû', 'ọ': 'oï', 'ồ': 'oà', 'ỗ': 'oã', 'ô': 'oâ', 'â': 'aâ', 'ậ': 'aä', 'ầ': 'aà',
  'ẩ': 'aå', 'í': 'í', 'ì': 'ì', 'ỉ': 'æ', 'ĩ': 'ó', 'é': 'eù', 'è': 'eø', 'ắ': 'aé', 'ặ': 'aë', 'ằ': 'aè',
  'ý': 'yù', 'ỳ': 'yø', 'ỹ': 'yõ', 'ỵ': 'î', 'ễ': 'eã', 'ũ': 'uõ', 'ù': 'uø', 'ử': 'öû', 'ẫ': 'aã', 'ẽ': 'eõ', 'ã': 'aõ', 'ạ': 'aï', 'õ': 'oõ', 'ỡ': 'ôõ', 'ứ': 'öù',
  'Ả': 'AÛ', 'Á': 'AÙ', 'Ô': 'OÂ', 'Ấ': 'AÁ', 'Ệ': 'EÄ', 'Ộ': 'OÄ', 'Ở': 'ÔÛ', 'Ư': 'Ö', 'Ơ': 'Ô', 'Â': 'AÂ',
};
function vniFont(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const v = VNI[ch];
      if (v) return v;
      if (/[^\u0000-\u007f]/u.test(ch)) throw new Error(`test table lacks VNI for ${ch}`);
      return ch;
    })
    .join('');
}

let dir: string;
let result: IngestResult;
const byFile = (file: string) => result.articles.find((a) => a.sourceFile === file);
const bodyOf = (file: string) =>
  result.passages
    .filter((p) => p.articleId === byFile(file)?.id)
    .map((p) => p.text)
    .join('\n');
const rejection = (file: string) => result.rejected.find((r) => r.file === file)?.reason;
const warning = (file: string) => result.warnings.find((w) => w.file === file && w.rule.startsWith('encoding'));

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-encodings-'));
  const w = (name: string, data: string | Uint8Array) => fs.writeFile(path.join(dir, name), data);
  const be = Buffer.from(A.utf16be.text, 'utf16le').swap16();
  await w('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(A.utf16le.text, 'utf16le')]));
  await w('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  await w('cp1258.txt', toCp1258(A.cp1258.text));
  await w('tcvn3-bytes.txt', iconv.encode(A.tcvnBytes.text, 'tcvn'));
  await w('mojibake.txt', mojibake(A.mojibake.text));
  await w('tcvn3-font.txt', tcvn3Font(A.tcvn3Font.text));
  await w('vni-font.txt', vniFont(A.vniFont.text));
  await w('vni-bytes.txt', iconv.encode(vniFont(A.vniBytes.text), 'windows1252'));
  // One paragraph pasted in as mojibake into an otherwise good file: that paragraph is repaired.
  const lines = A.partial.text.split('\n');
  lines[4] = mojibake(lines[4]!);
  await w('mojibake-partial.txt', lines.join('\n'));
  // Mojibake whose undefined byte 0x9D ("ờ" = E1 BB 9D) was lost as "?": no exact repair exists.
  await w('mojibake-lost.txt', mojibake(article('Vĩnh Phúc', 'người lao động').text).replace(/\u009D/g, '?'));
  // Half VNI, half Unicode: the VNI part decodes, but the round trip does not give the file back.
  await w('vni-mixed.txt', vniFont(article('Sơn La', 'hợp tác quốc tế').text) + '\nHội nghị được đánh giá thành công tốt đẹp.\n');
  // An earlier conversion already put U+FFFD where letters were.
  await w('lost.txt', article('Gia Lai', 'phân giới cắm mốc').text.replace(/ộ/g, '\uFFFD'));
  const kb = await loadKnowledgeBase(path.join(REPO, 'corpus/kb'));
  result = await runIngest({ inputDir: dir, kb });
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('files in other encodings are decoded, and the report says so', () => {
  it.each([
    ['utf16le.txt', A.utf16le, /UTF-16LE \(byte-order mark\)/],
    ['utf16be.txt', A.utf16be, /UTF-16BE \(byte-order mark\)/],
    ['cp1258.txt', A.cp1258, /converted from windows-1258/],
    ['tcvn3-bytes.txt', A.tcvnBytes, /converted from tcvn/],
  ])('%s becomes the article as written', (file, expected, note) => {
    const a = byFile(file);
    expect(a?.title).toBe(expected.title);
    expect(bodyOf(file)).toContain(expected.lead);
    expect(warning(file)?.message).toMatch(note);
  });
});

describe('garbled Vietnamese is repaired when the repair is exact', () => {
  it.each([
    ['mojibake.txt', A.mojibake, /repaired mojibake .*round trip exact/],
    ['tcvn3-font.txt', A.tcvn3Font, /repaired TCVN3/],
    ['vni-font.txt', A.vniFont, /repaired VNI font text/],
    ['vni-bytes.txt', A.vniBytes, /repaired VNI font text/],
  ])('%s is indexed as the words the author wrote', (file, expected, note) => {
    expect(byFile(file)?.title).toBe(expected.title);
    expect(bodyOf(file)).toContain(expected.lead);
    expect(warning(file)?.rule).toBe('encoding-repaired');
    expect(warning(file)?.message).toMatch(note);
  });

  it('repairs a single mojibake paragraph inside an otherwise good file', () => {
    const [, , , , fifth] = A.partial.text.split('\n');
    expect(fifth).toMatch(/^Phát biểu khai mạc/);
    expect(bodyOf('mojibake-partial.txt')).toContain(fifth);
    expect(warning('mojibake-partial.txt')?.rule).toBe('encoding-repaired');
  });

  it('repairs the example of the issue, "Bá»™ Ngoáº¡i giao tá»• chá»©c", to "Bộ Ngoại giao tổ chức"', () => {
    expect(mojibake('Bộ Ngoại giao tổ chức')).toBe('Bá»™ Ngoáº¡i giao tá»• chá»©c');
    expect(byFile('mojibake.txt')?.title).toMatch(/^Bộ Ngoại giao tổ chức /);
  });
});

describe('garbled text without an exact repair is refused, never indexed', () => {
  it('refuses mojibake that lost a byte, naming the file and the line', () => {
    expect(rejection('mojibake-lost.txt')).toMatch(/^garbled text: mojibake \(UTF-8 read as Windows-1252 and saved again\) that cannot be repaired exactly \(line \d+: "[^"]*\?[^"]*"\)/);
    expect(byFile('mojibake-lost.txt')).toBeUndefined();
  });

  it('refuses VNI text mixed with Unicode text', () => {
    expect(rejection('vni-mixed.txt')).toMatch(/^garbled text: VNI font text that cannot be repaired exactly/);
  });

  it('refuses text where an earlier conversion left U+FFFD', () => {
    expect(rejection('lost.txt')).toMatch(/^garbled text: \d+ replacement character\(s\) U\+FFFD \(first on line 1\)/);
  });

  it('indexes no passage with mojibake, legacy-font symbols or replacement characters', () => {
    for (const p of result.passages) expect(p.text).not.toMatch(/á»|Ã|[¹¸µ¶·»¼½¾Þ\uFFFD]|oä|aï/u);
    expect(result.articles).toHaveLength(9);
  });
});
