/**
 * The cue table of ingest/extract/attribution.ts, one class per test, on sentences written for
 * these tests (no corpus outlet): who a reader would say speaks in each passage.
 */
import { describe, expect, it } from 'vitest';
import { SPEECH_CUES } from '../../ingest/extract/attribution.ts';
import { extractArticle } from '../../ingest/extract/index.ts';
import { makeDoc, realKb, type BlockSpec } from './extract-doc.ts';

async function speakers(blocks: BlockSpec[], extra: Parameters<typeof makeDoc>[2] = {}, title = 'Tiêu đề') {
  const out = extractArticle(makeDoc(title, blocks, extra), await realKb());
  return out.passages.map((p) => p.speakerId);
}

describe('the cue table', () => {
  it('documents every shape with an example', () => {
    expect(new Set(SPEECH_CUES.map((c) => c.shape))).toEqual(new Set(['agent-verb', 'verb-agent', 'source', 'question', 'answer', 'continuation', 'salutation']));
    for (const c of SPEECH_CUES) expect(c.example.length).toBeGreaterThan(5);
  });
});

describe('Vietnamese cues', () => {
  it('"Phát biểu tại hội nghị, Thủ tướng cho rằng …" then "Theo Thủ tướng, …": both the Prime Minister\'s', async () => {
    expect(await speakers(['Thủ tướng Phạm Minh Chính dự hội nghị.', 'Phát biểu tại hội nghị, Thủ tướng cho rằng ngành cần đổi mới.', 'Theo Thủ tướng, ngoại giao phải đi trước.'])).toEqual([
      null,
      'pham-minh-chinh',
      'pham-minh-chinh',
    ]);
  });

  it('takes the agent named after the words: "…, Bộ trưởng nói." and "… phát biểu như trên"', async () => {
    expect(
      await speakers([
        'Bộ trưởng Bùi Thanh Sơn tới dự.',
        '“Chúng ta phải chủ động hơn nữa trong mọi tình huống”, Bộ trưởng nói.',
        'Ngoại giao phải phục vụ phát triển, Bộ trưởng Bùi Thanh Sơn phát biểu như trên tại buổi làm việc.',
      ]),
    ).toEqual([null, 'bui-thanh-son', 'bui-thanh-son']);
  });

  it('keeps "Ông cũng đề nghị …" with the speaker and stops at a narrative paragraph naming someone else', async () => {
    expect(
      await speakers([
        'Thứ trưởng Nguyễn Minh Vũ cho biết ngành đạt nhiều kết quả.',
        'Ông cũng đề nghị các đơn vị tăng cường phối hợp.',
        'Buổi lễ có sự tham dự của Đại sứ Đặng Minh Khôi.',
        'Ông cho rằng quan hệ hai nước đang phát triển tốt.',
      ]),
    ).toEqual(['nguyen-minh-vu', 'nguyen-minh-vu', null, null]);
  });

  it('never gives a bare title to someone whose title differs ("Chủ tịch Hội đồng Thi đua" is not "Chủ tịch Hồ Chí Minh")', async () => {
    const out = await speakers([
      'Chủ tịch Hồ Chí Minh từng nói: “Thi đua là yêu nước, yêu nước thì phải thi đua”.',
      'Đồng chí Trần Văn Bảy, Chủ tịch Hội đồng Thi đua Bộ Ngoại giao, biểu dương các tập thể tiêu biểu.',
    ]);
    expect(out[1]).toBe('tran-van-bay');
  });

  it('resolves a bare title to the KB holder of that office on the article\'s date, and leaves it null without a date', async () => {
    expect(await speakers(['Phát biểu tại hội nghị, Thủ tướng nhấn mạnh vai trò của ngành.'], { date: '2019-05-02' })).toEqual(['nguyen-xuan-phuc']);
    expect(await speakers(['Phát biểu tại hội nghị, Thủ tướng nhấn mạnh vai trò của ngành.'])).toEqual([null]);
  });

  it('leaves the traps null: attendee lists, flowers, awards, chairing, a conference\'s own conclusions', async () => {
    expect(
      await speakers([
        'Tham dự hội nghị có Thủ tướng Phạm Minh Chính, Phó Thủ tướng Trần Lưu Quang.',
        'Thủ tướng Phạm Minh Chính tặng hoa chúc mừng các đại biểu.',
        'Bộ trưởng Bùi Thanh Sơn trao Huân chương Lao động hạng Nhất cho các tập thể.',
        'Thủ tướng Phạm Minh Chính chủ trì hội nghị.',
        'Hội nghị thống nhất các nhiệm vụ trọng tâm năm 2024.',
        'Thủ tướng Chính phủ Phạm Minh Chính dự và chỉ đạo Hội nghị.',
      ]),
    ).toEqual([null, null, null, null, null, null]);
  });
});

describe('English cues (an unseen wire story)', () => {
  it('"Addressing the event, Prime Minister Pham Minh Chinh highlighted …" then "He said …": both pham-minh-chinh', async () => {
    expect(
      await speakers(['Addressing the event, Prime Minister Pham Minh Chinh highlighted the role of diplomacy.', 'He said the sector should take the lead in new areas.']),
    ).toEqual(['pham-minh-chinh', 'pham-minh-chinh']);
  });

  it('"the PM said", "he added", "according to …", an inverted "said Deputy Minister …"', async () => {
    expect(
      await speakers([
        'Prime Minister Pham Minh Chinh met the diplomats in Hanoi on Tuesday.',
        'Vietnam will keep its independent foreign policy, the PM said.',
        '"We must be faster and bolder," he added.',
        'The country signed 20 agreements last year, according to Foreign Minister Bui Thanh Son.',
        '"Economic diplomacy is a priority," said Deputy Minister Nguyen Van Long.',
      ]),
    ).toEqual([null, 'pham-minh-chinh', 'pham-minh-chinh', 'bui-thanh-son', 'nguyen-van-long']);
  });

  it('"the Government leader urged" resolves to the PM named earlier', async () => {
    expect(await speakers(['Prime Minister Pham Minh Chinh chaired the meeting.', 'The Government leader urged ministries to cut red tape.'])).toEqual([null, 'pham-minh-chinh']);
  });
});

describe('interviews', () => {
  it('"PV: …" is nobody\'s; "Thứ trưởng Nguyễn Văn An: Trước hết, …" and what follows until the next question is his', async () => {
    expect(
      await speakers([
        'PV: Xin ông cho biết những kết quả nổi bật của năm qua?',
        'Thứ trưởng Nguyễn Văn An: Trước hết, năm qua ngành đã hoàn thành toàn diện các nhiệm vụ.',
        'Chúng tôi đã tổ chức thành công nhiều chuyến thăm cấp cao.',
        'PV: Năm tới ngành sẽ ưu tiên điều gì?',
        'Ngoại giao kinh tế sẽ tiếp tục là trọng tâm.',
      ]),
    ).toEqual([null, 'nguyen-van-an', 'nguyen-van-an', null, 'nguyen-van-an']);
  });

  it('an English Q/A with the interviewee named in the lead', async () => {
    expect(
      await speakers(['Deputy Minister Do Hung Viet gave an interview to the press on the year ahead.', 'Q: What are the priorities?', 'A: Our priority is to deepen partnerships.']),
    ).toEqual([null, null, 'do-hung-viet']);
  });
});

describe('an op-ed by an official', () => {
  it('gives the body to the titled author in the byline, except a paragraph that is only another person\'s quotation', async () => {
    const out = await speakers(
      [
        'Năm 2025 đánh dấu 80 năm thành lập ngành Ngoại giao Việt Nam.',
        'Ngành đã trưởng thành vượt bậc, góp phần bảo vệ Tổ quốc từ sớm, từ xa.',
        '“Dĩ bất biến, ứng vạn biến”, Chủ tịch Hồ Chí Minh căn dặn.',
      ],
      { byline: 'Bùi Thanh Sơn, Bộ trưởng Bộ Ngoại giao' },
    );
    expect(out).toEqual(['bui-thanh-son', 'bui-thanh-son', 'ho-chi-minh']);
  });
});

describe('runs of points', () => {
  it('gives "1.", "2." and "Firstly, Secondly" items to the speaker who announces them', async () => {
    expect(
      await speakers(['Deputy Minister Do Hung Viet outlined the tasks.', 'Firstly, deepen relations with partners.', 'Secondly, boost economic diplomacy.', 'The meeting ended at noon.']),
    ).toEqual(['do-hung-viet', 'do-hung-viet', 'do-hung-viet', null]);
    expect(
      await speakers(['Thủ tướng Phạm Minh Chính đề nghị ngành tập trung:', '1. Hoàn thiện thể chế.', '2. Đổi mới tư duy.'], {}),
    ).toEqual(['pham-minh-chinh', 'pham-minh-chinh', 'pham-minh-chinh']);
  });
});

describe('provisional people', () => {
  it('lists a titled unknown name as a provisional person with a slug id and the title as printed', async () => {
    const out = extractArticle(makeDoc('T', ['Thứ trưởng Bộ Công Thương Nguyễn Sinh Nhật Tân cho biết xuất khẩu tăng mạnh.']), await realKb());
    expect(out.passages[0]?.speakerId).toBe('nguyen-sinh-nhat-tan');
    expect(out.people).toEqual([{ id: 'nguyen-sinh-nhat-tan', name: 'Nguyễn Sinh Nhật Tân', aliases: [], roles: [{ title: 'Thứ trưởng Bộ Công Thương', from: null, to: null }], provisional: true }]);
    expect(out.article.mentionIds).toContain('nguyen-sinh-nhat-tan');
  });

  it('resolves a name without diacritics in English text to the KB person', async () => {
    const out = extractArticle(makeDoc('T', ['Foreign Minister Bui Thanh Son said Vietnam values the partnership.']), await realKb());
    expect(out.passages[0]?.speakerId).toBe('bui-thanh-son');
    expect(out.people).toEqual([]);
  });
});

describe('captions in their real shapes', () => {
  it('reads "Photo: VNA", "(Ảnh: TTXVN)", "(Photo: VNA)" and "Trong ảnh: …" lines as captions, drops the alt-text line, never attributes them', async () => {
    const { cleanDocument } = await import('../../ingest/clean/index.ts');
    const { parseDocument } = await import('../../ingest/parse/index.ts');
    const { decodeSource } = await import('../../ingest/read.ts');
    const text = [
      'Bộ Ngoại giao họp báo thường kỳ', '',
      'Chiều 5/3, Bộ Ngoại giao tổ chức họp báo thường kỳ với sự tham dự của đông đảo phóng viên trong và ngoài nước.', '',
      'Toàn cảnh phiên họp. Photo: VNA', '',
      'Người phát ngôn Phạm Thu Hằng trả lời câu hỏi của phóng viên về tình hình Biển Đông và các vấn đề khác.', '',
      'Toàn cảnh họp báo - ảnh 1', 'Người phát ngôn Phạm Thu Hằng chủ trì họp báo. (Ảnh: TTXVN)', '',
      'Trong ảnh: Người phát ngôn tại họp báo.', '',
      'Deputy Minister Do Hung Viet at the meeting. (Photo: VNA)', '',
      'Bà Hằng cho biết Việt Nam kiên quyết bảo vệ chủ quyền.',
    ].join('\n');
    const doc = cleanDocument(parseDocument(decodeSource('t/cap.txt', 'txt', Buffer.from(text))));
    const out = extractArticle(doc, await realKb());
    const caps = out.passages.filter((p) => p.kind === 'caption').map((p) => [p.text, p.credit, p.speakerId]);
    expect(caps).toEqual([
      ['Toàn cảnh phiên họp.', 'VNA', null],
      ['Người phát ngôn Phạm Thu Hằng chủ trì họp báo.', 'TTXVN', null],
      ['Trong ảnh: Người phát ngôn tại họp báo.', null, null],
      ['Deputy Minister Do Hung Viet at the meeting.', 'VNA', null],
    ]);
    expect(out.passages.some((p) => p.text.includes('ảnh 1'))).toBe(false);
    expect(out.passages.at(-1)?.speakerId).toBe('pham-thu-hang');
  });
});
