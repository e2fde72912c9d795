/**
 * Characters injected inside words by spam mirrors: removed from the passage text and reported
 * (file, passage, characters, code points); legitimate text of any language is never touched.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../ingest/clean/index.ts';
import { findInjected, removeInjected } from '../../ingest/clean/injected.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import { processSource } from '../../ingest/pipeline.ts';
import { decodeSource } from '../../ingest/read.ts';
import { REPO, loadSource } from './helpers.ts';
import { realKb } from './extract-doc.ts';

const txt = (text: string) => decodeSource('mirror.txt', 'txt', Buffer.from(text, 'utf8'));
const clean = (text: string) => cleanDocument(parseDocument(txt(text)));
const TITLE = 'Bộ Ngoại giao tổ chức Hội nghị tổng kết công tác năm 2024\n';

describe('characters injected inside words are removed from the passage text', () => {
  it('removes an emoji between two letters of a Vietnamese word ("hợp t😀ác")', () => {
    expect(removeInjected('Bộ trưởng nhấn mạnh hợp t😀ác toàn diện.').text).toBe('Bộ trưởng nhấn mạnh hợp tác toàn diện.');
  });

  it('removes a flag or emoji between two digits of a number ("lần thứ 3😀2")', () => {
    expect(removeInjected('Hội nghị Ngoại giao lần thứ 3😀2 và Bộ Ngoại gia🇻🇳o.').text).toBe('Hội nghị Ngoại giao lần thứ 32 và Bộ Ngoại giao.');
  });

  it('removes a letter of another script glued to or inside a Latin word ("thường 外niên", "Ngoạжi")', () => {
    expect(removeInjected('Phiên họp thường 外niên của Bộ Ngoạжi giao.').text).toBe('Phiên họp thường niên của Bộ Ngoại giao.');
  });

  it('removes an extra mathematical or look-alike letter whose removal leaves the syllable ("ngoạ𝐱i", "Viіệt")', () => {
    expect(removeInjected('Thúc đẩy ngoạ𝐱i giao của Viіệt Nam.').text).toBe('Thúc đẩy ngoại giao của Việt Nam.');
  });

  it('keeps a look-alike that stands for a letter ("Vіệt" with Cyrillic і): removing it would rewrite the word', () => {
    const r = removeInjected('Quốc hội Vіệt Nam.');
    expect(r.text).toBe('Quốc hội Vіệt Nam.');
    expect(r.kept.map((k) => k.text)).toEqual(['і']);
  });

  it('records each removal as an injected-char drop and keeps the block verbatim once the drops are put back', () => {
    const doc = clean(TITLE + 'Sáng 6/1, Bộ trưởng nhấn mạnh hợp t😀ác toàn diện và Phiên họp thường 外niên của hai Bộ.\n');
    expect(doc.blocks[0]!.text).toBe('Sáng 6/1, Bộ trưởng nhấn mạnh hợp tác toàn diện và Phiên họp thường niên của hai Bộ.');
    expect(doc.blocks[0]!.removed).toEqual([
      { at: 35, text: '😀' },
      { at: 70, text: '外' },
    ]);
    expect(doc.dropped.filter((d) => d.rule === 'injected-char').map((d) => d.text)).toEqual(['😀', '外']);
  });

  it('names the file, the passage, the characters and their code points in the report warnings', async () => {
    const out = processSource(txt(TITLE + 'Sáng 6/1, Bộ trưởng nhấn mạnh hợp t😀ác toàn diện giữa hai Bộ.\n'), await realKb());
    const p = out.passages[0]!;
    expect(p.text).toBe('Sáng 6/1, Bộ trưởng nhấn mạnh hợp tác toàn diện giữa hai Bộ.');
    expect(out.warnings.filter((w) => w.rule === 'injected-char')).toEqual([
      { file: 'mirror.txt', rule: 'injected-char', message: `passage ${p.id} (#0): removed "😀" (U+1F600) from "t😀ác"` },
    ]);
  });

  it('removes them from the title too, and reports them as the title\'s', async () => {
    const out = processSource(txt('Bộ Ngoại giao tổ chức Hội ngh😀ị tổng kết công tác năm 2024\nSáng 6/1, Bộ Ngoại giao tổ chức hội nghị tổng kết công tác năm 2024 tại Hà Nội.\n'), await realKb());
    expect(out.article.title).toBe('Bộ Ngoại giao tổ chức Hội nghị tổng kết công tác năm 2024');
    expect(out.warnings.filter((w) => w.rule === 'injected-char').map((w) => w.message)).toEqual(['title: removed "😀" (U+1F600) from "ngh😀ị"']);
  });

  it('removes the injected characters of a spam-mirror HTML page and counts them', () => {
    const doc = cleanDocument(parseDocument(loadSource(path.join(REPO, 'tests/fixtures'), 'html-injected-chars/input.html')));
    expect(doc.blocks.map((b) => b.text).join(' ')).not.toMatch(/𝐱|✨/u);
    expect(doc.blocks.map((b) => b.text).join(' ')).toContain('biến đổi khí hậu 🌏 trong khu vực');
    expect(doc.dropped.filter((d) => d.rule === 'injected-char').map((d) => d.text)).toEqual(['𝐱', '✨']);
  });
});

describe('legitimate text is never touched', () => {
  const LEGIT = [
    'Sau đại dịch COVID-19, nhóm G7 và cơ chế ASEAN+3 đã họp tại Hà Nội.',
    'Trong bối cảnh hậu Covid\u201119, hai nước nối lại các đường bay.',
    'Ông O’Brien và bà D’Souza gặp đại diện của N’Djamena; nhiệt độ 25°C; Samsung™ và Apple®.',
    'Chúc mừng năm mới 🎉 và chúc hai nước hợp tác thành công 🇻🇳 🇯🇵.',
    'Thúc đẩy 𝐧𝐠𝐨𝐚̣𝐢 𝐠𝐢𝐚𝐨 đa phương trong khu vực.',
    'Bộ trưởng dẫn lời Lão Tử “外交” và tên gọi Москва của thủ đô Nga.',
    'Le Premier ministre a souligné que la diplomatie économique de l’État doit s’ouvrir, dit-il à Hanoï.',
    'The Prime Minister’s remarks at the G20 summit in Rio de Janeiro — “we can’t wait” — drew applause.',
  ];
  for (const text of LEGIT) {
    it(`keeps "${text.slice(0, 50)}…" as printed`, () => {
      expect(findInjected(text)).toEqual([]);
      expect(removeInjected(text).text).toBe(text);
    });
  }

  it('keeps every Han character of a Chinese article, Latin words inside it included ("iPhone手机", "A股")', () => {
    const zh = '2023年12月19日，越南第三十二届外交会议在河内开幕，iPhone手机和A股市场也受到关注。';
    expect(removeInjected(zh).text).toBe(zh);
    const doc = cleanDocument(parseDocument(loadSource(path.join(REPO, 'tests/fixtures'), 'unseen/zh-article.txt')));
    expect(doc.dropped.filter((d) => d.rule === 'injected-char')).toEqual([]);
  });

  it('keeps the French and English articles untouched', () => {
    for (const rel of ['unseen/fr-article.txt', 'unseen/en-wire-pm.txt']) {
      const doc = cleanDocument(parseDocument(loadSource(path.join(REPO, 'tests/fixtures'), rel)));
      expect(doc.dropped.filter((d) => d.rule === 'injected-char'), rel).toEqual([]);
      expect(doc.blocks.every((b) => !b.removed), rel).toBe(true);
    }
  });
});
