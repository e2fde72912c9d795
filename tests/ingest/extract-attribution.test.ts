import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract/index.ts';
import { makeDoc, realKb } from './extract-doc.ts';

async function speakers(blocks: Parameters<typeof makeDoc>[1]) {
  const out = extractArticle(makeDoc('Tiêu đề', blocks), await realKb());
  return out.passages.map((p) => p.speakerId);
}

describe('attribution', () => {
  it('resolves a bare "Phó Thủ tướng" to the deputy prime minister named earlier', async () => {
    expect(await speakers(['Phó Thủ tướng Trần Lưu Quang dự Hội nghị.', '“Chúng ta phải giỏi hơn, mạnh hơn nữa”, Phó Thủ tướng nhấn mạnh.'])).toEqual([null, 'tran-luu-quang']);
  });

  it('leaves a bare "Thủ tướng" null when no prime minister is named in the article', async () => {
    expect(await speakers(['Phát biểu tại hội nghị, Thủ tướng đánh giá cao những nhà ngoại giao.'])).toEqual([null]);
  });

  it('does not attribute an attendee list', async () => {
    expect(await speakers(['Cùng dự có các đồng chí: Tô Lâm, Bộ trưởng Công an; Trần Lưu Quang, Phó Thủ tướng Chính phủ.'])).toEqual([null]);
  });

  it('takes the subject, not the person reported to ("báo cáo với Phó Thủ tướng …")', async () => {
    expect(await speakers(['Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn đã báo cáo với Phó Thủ tướng Trần Lưu Quang kết quả; nhấn mạnh toàn ngành đã nỗ lực.'])).toEqual(['bui-thanh-son']);
  });

  it('looks past an appositive title to the named speaker', async () => {
    expect(await speakers(['Thủ tướng Phạm Minh Chính, Chủ tịch Hội đồng Thi đua - Khen thưởng Trung ương, nhấn mạnh vai trò của ngành.'])).toEqual(['pham-minh-chinh']);
  });

  it('gives a run of numbered points and the paragraphs inside it to the speaker who announces it', async () => {
    expect(
      await speakers([
        'Phát biểu chỉ đạo Hội nghị, Thủ tướng Chính phủ Phạm Minh Chính đưa ra các quan điểm chỉ đạo.',
        'Thứ nhất, triển khai hiệu quả các nhiệm vụ.',
        ['caption', 'Toàn cảnh Hội nghị.'],
        'Về ngoại giao kinh tế, cần góp phần xây dựng thể chế.',
        'Thứ hai, đổi mới tư duy.',
        'Một đoạn khác sau đó.',
      ]),
    ).toEqual(['pham-minh-chinh', 'pham-minh-chinh', null, 'pham-minh-chinh', 'pham-minh-chinh', null]);
  });

  it('continues the previous speaker after a connective opener, skipping captions', async () => {
    expect(await speakers(['Thứ trưởng Nguyễn Minh Vũ cho biết ngành đã đạt nhiều kết quả.', ['caption', 'Quang cảnh.'], 'Theo đó, ngành làm tốt công tác cán bộ.', 'Ngành cũng tổ chức hội thảo.'])).toEqual([
      'nguyen-minh-vu',
      null,
      'nguyen-minh-vu',
      null,
    ]);
  });

  it('gives a full speech to the orator from the salutation on', async () => {
    expect(
      await speakers([
        'Tổng Bí thư Nguyễn Phú Trọng đến dự và có bài phát biểu quan trọng.',
        'Thưa các đồng chí,',
        'Hôm nay, tôi rất vui mừng được đến dự Hội nghị.',
      ]),
    ).toEqual([null, 'nguyen-phu-trong', 'nguyen-phu-trong']);
  });

  it('gives a quoted assessment to the leader it cites, and the paragraph to the one citing it', async () => {
    const out = extractArticle(
      makeDoc('T', ['Phát biểu chỉ đạo Hội nghị, Phó Thủ tướng Chính phủ Trần Lưu Quang ghi nhận kết quả, như đánh giá của Tổng Bí thư Nguyễn Phú Trọng tại Phiên khai mạc: “Các hoạt động đối ngoại diễn ra hết sức sôi động, liên tục”.']),
      await realKb(),
    );
    expect(out.passages[0]?.speakerId).toBe('tran-luu-quang');
    expect(out.article.quotes.map((q) => q.speakerId)).toEqual(['nguyen-phu-trong']);
  });

  it('orders article speakers by the number of passages they speak in', async () => {
    const out = extractArticle(
      makeDoc('T', ['Bộ trưởng Ngoại giao Bùi Thanh Sơn phát biểu khai mạc và nhấn mạnh ý nghĩa.', 'Thủ tướng Phạm Minh Chính nhấn mạnh điều một.', 'Thủ tướng đề nghị điều hai.']),
      await realKb(),
    );
    expect(out.article.speakerIds).toEqual(['pham-minh-chinh', 'bui-thanh-son']);
  });
});

describe('pronouns', () => {
  it('resolves "Ông cho rằng" and "Theo ông," to the person speaking just before', async () => {
    expect(await speakers(['Thứ trưởng Nguyễn Minh Vũ cho biết ngành đạt nhiều kết quả.', 'Ông cho rằng năm tới còn nhiều thách thức.', 'Theo ông, cần đổi mới tư duy.'])).toEqual([
      'nguyen-minh-vu',
      'nguyen-minh-vu',
      'nguyen-minh-vu',
    ]);
  });

  it('leaves "Ông" null when nobody has spoken yet, and ignores "ông" before a name', async () => {
    expect(await speakers(['Ông cho rằng năm tới còn nhiều thách thức.', 'Bộ trưởng trao bằng khen cho ông Phạm Vinh Quang.'])).toEqual([null, null]);
  });
});

describe('reporting verbs', () => {
  it('reads "chỉ đạo" followed by what was directed as reported words', async () => {
    expect(await speakers(['Thủ tướng Phạm Minh Chính chỉ đạo Bộ Ngoại giao tập trung nâng cao chất lượng nghiên cứu.'])).toEqual(['pham-minh-chinh']);
  });

  it('does not read "dự và chỉ đạo hội nghị" or "phát biểu chỉ đạo tại Đại hội" as reported words', async () => {
    expect(
      await speakers(['Thủ tướng Chính phủ Phạm Minh Chính tham dự và trực tiếp chỉ đạo Hội nghị.', 'Thủ tướng Phạm Minh Chính dự và phát biểu chỉ đạo tại Đại hội.']),
    ).toEqual([null, null]);
  });

  it('reads "cho hay" as a reporting verb', async () => {
    expect(await speakers(['Thứ trưởng Nguyễn Minh Vũ cho hay ngành đã hoàn thành nhiệm vụ.'])).toEqual(['nguyen-minh-vu']);
  });
});

describe('people the knowledge base does not know', () => {
  it('gives an unknown titled speaker\'s words to a provisional person, never to the previous speaker', async () => {
    expect(
      await speakers([
        'Thủ tướng Phạm Minh Chính nhấn mạnh vai trò của ngành.',
        'Thứ trưởng Ngoại giao Nguyễn Văn Hải cho biết ngành đã hoàn thành nhiệm vụ.',
        'Đồng thời, ngành sẽ đẩy mạnh ngoại giao kinh tế.',
        'Ông cũng cho rằng cần đổi mới tư duy.',
      ]),
    ).toEqual(['pham-minh-chinh', 'nguyen-van-hai', 'nguyen-van-hai', 'nguyen-van-hai']);
  });

  it('treats "ông + name, title" outside the knowledge base as a provisional speaker, never the previous one', async () => {
    expect(await speakers(['Thủ tướng Phạm Minh Chính nhấn mạnh vai trò của ngành.', 'Ông Trần Văn Bình, Giám đốc Sở Ngoại vụ, cho biết tỉnh đã ký 20 thỏa thuận.'])).toEqual([
      'pham-minh-chinh',
      'tran-van-binh',
    ]);
    // Without a title, "ông + full name" is still someone (a provisional person), never the previous speaker.
    expect(await speakers(['Thủ tướng Phạm Minh Chính nhấn mạnh vai trò của ngành.', 'Ông Trần Văn Bình cho biết tỉnh đã ký 20 thỏa thuận.'])).toEqual(['pham-minh-chinh', 'tran-van-binh']);
    // "ông + a name that is not a Vietnamese full name" resolves to nobody: null, and nothing carries on.
    expect(await speakers(['Thủ tướng Phạm Minh Chính nhấn mạnh vai trò của ngành.', 'Ông John Smith cho biết tỉnh đã ký 20 thỏa thuận.', 'Ông cũng cho rằng cần hợp tác.'])).toEqual(['pham-minh-chinh', null, null]);
  });
});

describe('English reports', () => {
  it('resolves "he said" after a quotation to the person speaking before', async () => {
    expect(
      await speakers(['Prime Minister Pham Minh Chinh stressed the role of economic diplomacy.', '"Vietnam is a friend and a reliable partner of all nations," he said.']),
    ).toEqual(['pham-minh-chinh', 'pham-minh-chinh']);
  });
});

describe('what a colon announces', () => {
  it('gives a quotation paragraph after "X nhấn mạnh:" to X', async () => {
    expect(await speakers(['Thủ tướng Phạm Minh Chính nhấn mạnh:', '“Ngoại giao phải đi trước mở đường, tạo thế và lực cho đất nước.”', 'Hội nghị bế mạc lúc 17 giờ.'])).toEqual([
      'pham-minh-chinh',
      'pham-minh-chinh',
      null,
    ]);
  });

  it('gives the list items after "X đề nghị … sau:" to X, item after item', async () => {
    expect(
      await speakers([
        'Bộ trưởng Ngoại giao Bùi Thanh Sơn đề nghị các bên tập trung vào ba nội dung:',
        ['list-item', 'tăng cường kết nối kinh tế;'],
        ['list-item', 'thúc đẩy chuyển đổi số;'],
        'Hai bên nhất trí tăng cường trao đổi đoàn.',
      ]),
    ).toEqual(['bui-thanh-son', 'bui-thanh-son', 'bui-thanh-son', null]);
  });
});
