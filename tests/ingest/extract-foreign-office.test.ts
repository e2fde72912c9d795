import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../ingest/extract/index.ts';
import { foreignQualifiedOffices } from '../../ingest/extract/foreign-office.ts';
import { makeDoc, realKb } from './extract-doc.ts';

async function speakers(title: string, blocks: string[], date: string) {
  const out = extractArticle(makeDoc(title, blocks, { date }), await realKb());
  return out.passages.map((p) => p.speakerId);
}

describe('a bare office title when the article also names another country\'s holder', () => {
  it('resolves "Thủ tướng" to the Vietnamese prime minister on the date when no other country\'s is named (extra 02\'s class)', async () => {
    expect(await speakers('Ngành ngoại giao phải nâng cao vị thế', ['Phát biểu tại Hội nghị Ngoại giao lần thứ 30, Thủ tướng cho rằng ngành ngoại giao cần chủ động.'], '2018-08-15')).toEqual(['nguyen-xuan-phuc']);
  });

  it('never gives "Thủ tướng Nhật Bản cho rằng …" to the Vietnamese prime minister', async () => {
    expect(await speakers('Thủ tướng Nhật Bản thăm Việt Nam', ['Chiều 12/3, Thủ tướng Nhật Bản hội đàm với lãnh đạo Việt Nam tại Hà Nội.', 'Thủ tướng Nhật Bản cho rằng hai nước cần thúc đẩy hợp tác kinh tế.'], '2024-03-12')).toEqual([null, null]);
  });

  it('leaves a bare "Thủ tướng" null after "Thủ tướng Lào …" even though a Vietnamese holder is known for the date', async () => {
    expect(await speakers('Hội đàm cấp cao', ['Thủ tướng Lào Sonexay Siphandone hội đàm tại Hà Nội.', 'Thủ tướng cho rằng hai nước cần thúc đẩy hợp tác kinh tế.'], '2024-03-12')).toEqual([null, null]);
  });

  it('leaves "the Prime Minister said" null in an English story about the Australian or Japanese PM', async () => {
    expect(await speakers('Australian PM visits Hanoi', ['The Australian Prime Minister arrived in Hanoi on Monday.', 'The Prime Minister said the two countries should deepen trade ties.'], '2024-03-12')).toEqual([null, null]);
    expect(await speakers('Talks in Tokyo', ["Prime Minister Pham Minh Chinh met Japan's Prime Minister in Tokyo.", 'The Prime Minister said the two countries should deepen trade ties.'], '2024-03-12')).toEqual([null, null]);
  });

  it('still gives a named prime minister his words when a foreign one is only mentioned', async () => {
    expect(await speakers('Thư gửi Thủ tướng Nhật Bản', ['Thủ tướng Phạm Minh Chính nhấn mạnh hai nước cần thúc đẩy hợp tác, trong thư gửi Thủ tướng Nhật Bản.'], '2024-03-12')).toEqual(['pham-minh-chinh']);
  });

  it('finds offices given to other countries in Vietnamese and English, and not "Phó Thủ tướng" or Vietnam\'s own', () => {
    expect([...foreignQualifiedOffices('Thủ tướng hai nước chứng kiến lễ ký.')]).toEqual(['Thủ tướng']);
    expect([...foreignQualifiedOffices('President of the Philippines Ferdinand Marcos said.')]).toEqual(['Chủ tịch nước']);
    expect([...foreignQualifiedOffices('Thủ tướng Chính phủ Phạm Minh Chính; Phó Thủ tướng Trần Lưu Quang.')]).toEqual([]);
    expect([...foreignQualifiedOffices('the Vietnamese Prime Minister and Deputy Prime Minister')]).toEqual([]);
  });
});
