/**
 * The five founding articles, through the whole pipeline (read → parse → clean → extract):
 * exact titles, dates, authors, events, speakers, numbered points and key attributions.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { processSource, readSource } from '../../ingest/pipeline.ts';
import type { ExtractedArticle, KnowledgeBase } from '../../ingest/types.ts';

const ROOT = path.resolve(import.meta.dirname, '../../corpus/raw');
let kb: KnowledgeBase;
const seeds: Record<string, ExtractedArticle> = {};

async function run(rel: string): Promise<ExtractedArticle> {
  return processSource(await readSource(path.join(ROOT, rel), ROOT), kb);
}

beforeAll(async () => {
  kb = await loadKnowledgeBase(path.resolve(import.meta.dirname, '../../corpus/kb'));
  for (const [key, file] of [
    ['000', 'seeds/000_bc4cdb849a784ab4.txt'],
    ['001', 'seeds/001_2e8d82e9d27cdd4e.txt'],
    ['002', 'seeds/002_5d03adc93472d6dd.txt'],
    ['003', 'seeds/003_2cf4194526cfe468.txt'],
    ['004', 'seeds/004_710aeb7dca7f122c.txt'],
  ] as const) {
    seeds[key] = await run(file);
  }
});

const seed = (k: string) => seeds[k] as ExtractedArticle;
const passageWith = (k: string, words: string) => seed(k).passages.find((p) => p.text.includes(words));

describe('seed 000: Phó Thủ tướng Trần Lưu Quang at the 2023 diplomatic conference', () => {
  it('keeps the title line', () => {
    expect(seed('000').article.title).toBe('Ngành Ngoại giao cần tiếp tục chuyển mình mạnh mẽ hơn');
    expect(seed('000').article.titleDerived).toBe(false);
  });

  it('has no date, because the text gives no year for its day', () => {
    expect(seed('000').article.date).toBeNull();
  });

  it('is about HNNG 32 first and Ngoại vụ 21, and only mentions HNNG 31 ("từ Hội nghị Ngoại giao lần thứ 31 (2021) đến nay")', () => {
    expect(seed('000').article.eventIds[0]).toBe('hnng-32');
    expect(seed('000').article.eventIds).toEqual(expect.arrayContaining(['ngoai-vu-21']));
    expect(seed('000').article.eventIds).not.toContain('hnng-31');
    expect(seed('000').article.mentionedEventIds).toEqual(['hnng-31']);
  });

  it('has Trần Lưu Quang as main speaker and Nguyễn Minh Vũ for the report', () => {
    expect(seed('000').article.speakerIds).toEqual(['tran-luu-quang', 'nguyen-minh-vu']);
  });

  it('attributes the "giỏi hơn, mạnh hơn" quotation to Trần Lưu Quang through the bare title "Phó Thủ tướng"', () => {
    const q = seed('000').article.quotes.find((x) => x.text.includes('giỏi hơn, mạnh hơn'));
    expect(q?.speakerId).toBe('tran-luu-quang');
    expect(passageWith('000', 'giỏi hơn, mạnh hơn')?.speakerId).toBe('tran-luu-quang');
  });

  it('gives the quoted assessment to Nguyễn Phú Trọng while the paragraph stays Trần Lưu Quang\'s', () => {
    const q = seed('000').article.quotes.find((x) => x.text.startsWith('Các hoạt động đối ngoại diễn ra hết sức sôi động'));
    expect(q?.speakerId).toBe('nguyen-phu-trong');
    expect(passageWith('000', 'Các hoạt động đối ngoại diễn ra')?.speakerId).toBe('tran-luu-quang');
  });

  it('gives Hồ Chí Minh his "4 đồng" words', () => {
    const q = seed('000').article.quotes.find((x) => x.text.startsWith('đồng tình, đồng lòng'));
    expect(q?.speakerId).toBe('ho-chi-minh');
  });

  it('finds the HNNG 32 theme verbatim and assigns it to hnng-32', () => {
    expect(seed('000').article.themes).toEqual([
      expect.objectContaining({
        text: 'Phát huy vai trò tiên phong, xây dựng nền ngoại giao toàn diện, hiện đại, vững mạnh, thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng',
        eventId: 'hnng-32',
      }),
    ]);
  });

  it('leaves captions without a speaker', () => {
    expect(seed('000').passages.filter((p) => p.kind === 'caption').every((p) => p.speakerId === null)).toBe(true);
  });
});

describe('seed 001: HNNG 31 with Thủ tướng Phạm Minh Chính', () => {
  it('keeps the title, the byline and the outlet named in the dropped "Theo dõi Baoquocte.vn" line', () => {
    const a = seed('001').article;
    expect(a.title).toBe('Phục vụ phát triển đất nước là nhiệm vụ trọng tâm của ngành ngoại giao trong giai đoạn mới');
    expect(a.author).toBe('Bảo Chi');
    expect(a.source).toBe('Báo Thế giới & Việt Nam');
  });

  it('has no publication date ("Ngày 15/12" has no year), and its passages carry the HNNG 31 date as eventDate', () => {
    expect(seed('001').article.date).toBeNull();
    expect(seed('001').article.dateSource).toBeNull();
    expect(seed('001').passages.filter((p) => p.kind !== 'caption').every((p) => p.eventDate === '2021-12-15' || /\d{1,2}\/\d{1,2}\/\d{4}/.test(p.text))).toBe(true);
  });

  it('is about HNNG 31, then the national conference on foreign affairs', () => {
    expect(seed('001').article.eventIds).toEqual(['hnng-31', 'doi-ngoai-toan-quoc-2021']);
  });

  it('counts two runs of five numbered points, all Phạm Minh Chính\'s', () => {
    const points = seed('001').article.points;
    expect(points.map((p) => p.ordinal)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    expect(points[0]?.label).toBe('Thứ nhất');
    expect(new Set(points.map((p) => p.speakerId))).toEqual(new Set(['pham-minh-chinh']));
    const kinds = points.map((p) => seed('001').passages.find((x) => x.id === p.passageId)?.kind);
    expect(new Set(kinds)).toEqual(new Set(['list-item']));
  });

  it('has Phạm Minh Chính as main speaker and Bùi Thanh Sơn for the opening speech', () => {
    expect(seed('001').article.speakerIds).toEqual(['pham-minh-chinh', 'bui-thanh-son']);
    expect(passageWith('001', 'Phát biểu khai mạc Hội nghị, Bộ trưởng Ngoại giao Bùi Thanh Sơn')?.speakerId).toBe('bui-thanh-son');
  });

  it('resolves "Thủ tướng Chính phủ gợi mở" to Phạm Minh Chính, not the deputy Phạm Bình Minh', () => {
    expect(passageWith('001', 'Thủ tướng Chính phủ gợi mở')?.speakerId).toBe('pham-minh-chinh');
  });

  it('leaves the attendee list unattributed', () => {
    expect(passageWith('001', 'Tham dự Hội nghị có Phó Thủ tướng Thường trực')?.speakerId).toBeNull();
  });

  it('finds the HNNG 31 theme', () => {
    expect(seed('001').article.themes.map((t) => [t.eventId, t.text])).toEqual([
      ['hnng-31', 'Ngoại giao Việt Nam tiên phong, toàn diện, hiện đại, chủ động thích ứng, thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng'],
    ]);
  });

  it('puts every passage under hnng-31', () => {
    expect(seed('001').passages.every((p) => p.eventIds[0] === 'hnng-31')).toBe(true);
  });
});

describe('seed 002: the Ministry\'s emulation congress 2025–2030', () => {
  it('keeps the title, has no publication date ("Ngày 10/11" has no year), and dates its passages by the congress', () => {
    expect(seed('002').article.title).toBe('Xây dựng nền ngoại giao toàn diện, hiện đại, chuyên nghiệp, mang đậm bản sắc Việt Nam');
    expect(seed('002').article.date).toBeNull();
    expect(seed('002').passages[0]?.eventDate).toBe('2025-11-10');
  });

  it('is about dai-hoi-thi-dua-2025', () => {
    expect(seed('002').article.eventIds).toEqual(['dai-hoi-thi-dua-2025']);
  });

  it('has only Phạm Minh Chính as speaker: Tô Lâm, Võ Thị Ánh Xuân and the attendees do not speak', () => {
    expect(seed('002').article.speakerIds).toEqual(['pham-minh-chinh']);
    expect(seed('002').article.mentionIds).toEqual(expect.arrayContaining(['to-lam', 'le-hoai-trung', 'bui-thanh-son']));
  });

  it('counts ten numbered points in two runs and the three “Làm tốt” lines, all Phạm Minh Chính\'s', () => {
    const points = seed('002').article.points;
    expect(points.filter((p) => p.label !== 'Làm tốt')).toHaveLength(10);
    expect(points.filter((p) => p.label === 'Làm tốt').map((p) => p.ordinal)).toEqual([1, 2, 3]);
    expect(points.every((p) => p.speakerId === 'pham-minh-chinh')).toBe(true);
    const items = seed('002').passages.filter((p) => p.text.startsWith('“Làm tốt” hơn nữa'));
    expect(items.map((p) => [p.kind, p.speakerId])).toEqual(Array(3).fill(['list-item', 'pham-minh-chinh']));
  });

  it('reports the generals in the attendee list as candidate people', () => {
    expect(seed('002').candidates.map((c) => `${c.title} ${c.name}`)).toEqual(
      expect.arrayContaining(['Thượng tướng Lê Quốc Hùng', 'Thượng tướng Nguyễn Quang Ngọc']),
    );
  });
});

describe('seed 003: the 2022 mid-year review', () => {
  it('keeps title and byline, has no publication date ("chiều ngày 8/7" has no year)', () => {
    const a = seed('003').article;
    expect(a.title).toBe('Bộ trưởng Bùi Thanh Sơn: Ngành Ngoại giao cần chủ động ứng phó với các khó khăn, thách thức');
    expect(a.author).toBe('Anh Sơn');
    expect(a.date).toBeNull();
    expect(seed('003').passages.find((p) => p.kind === 'paragraph')?.eventDate).toBe('2022-07-08');
  });

  it('is about so-ket-2022 first', () => {
    expect(seed('003').article.eventIds[0]).toBe('so-ket-2022');
  });

  it('has Bùi Thanh Sơn as the only speaker, through "Bộ trưởng cho rằng"', () => {
    expect(seed('003').article.speakerIds).toEqual(['bui-thanh-son']);
    expect(passageWith('003', 'Bộ trưởng cho rằng')?.speakerId).toBe('bui-thanh-son');
  });

  it('has no numbered points', () => {
    expect(seed('003').article.points).toEqual([]);
  });
});

describe('seed 004: Resolution 292/NQ-CP', () => {
  it('derives a title from the lead because the file has none', () => {
    const a = seed('004').article;
    expect(a.titleDerived).toBe(true);
    expect(a.title).toBe(
      'Chính phủ đã ban hành Nghị quyết số 292/NQ-CP ngày 23/9/2025 phê duyệt Kế hoạch xây dựng và phát triển ngành Ngoại giao đến năm 2030, tầm nhìn đến năm 2045 với 6 nhiệm vụ trọng tâm',
    );
  });

  it('takes the date from the "date" header', () => {
    expect(seed('004').article.date).toBe('2025-09-25');
    expect(seed('004').article.dateSource).toBe('header');
  });

  it('is about nq-292-2025 and has no speaker and no author', () => {
    expect(seed('004').article.eventIds).toEqual(['nq-292-2025']);
    expect(seed('004').article.speakerIds).toEqual([]);
    expect(seed('004').article.author).toBeNull();
  });

  it('counts six numbered points, Thứ nhất to Thứ sáu', () => {
    expect(seed('004').article.points.map((p) => p.label)).toEqual(['Thứ nhất', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu']);
    expect(seed('004').article.points.every((p) => p.speakerId === null)).toBe(true);
  });

  it('finds the mission targets as figures', () => {
    const figures = seed('004').article.figures.map((f) => [f.text, f.value]);
    expect(figures).toEqual(
      expect.arrayContaining([
        ['khoảng 115 cơ quan đại diện', 115],
        ['150 cơ quan', 150],
        ['100% cơ quan đại diện', 100],
        ['2-3 trụ sở', 2],
      ]),
    );
  });
});

describe('ids', () => {
  it('derives the article id from the file hash and passage ids from passage text', () => {
    const a = seed('001').article;
    expect(a.id).toBe(`a-${a.sourceSha256.slice(0, 12)}`);
    for (const p of seed('001').passages) expect(p.id).toMatch(new RegExp(`^${a.id}-[0-9a-f]{8}(-\\d+)?$`));
    expect(new Set(seed('001').passages.map((p) => p.id)).size).toBe(seed('001').passages.length);
  });

  it('gives the same ids on a second run', async () => {
    const again = await run('seeds/001_2e8d82e9d27cdd4e.txt');
    expect(again.passages.map((p) => p.id)).toEqual(seed('001').passages.map((p) => p.id));
  });
});
