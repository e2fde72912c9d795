/**
 * The query reading as a plain value (search/interpret.ts), on the curated knowledge base: no
 * engine needed, the API tests (tests/server/query-reading.test.ts) cover the searches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { interpretQuery, readingKbOf, type ReadingKb } from '../../search/interpret.ts';
import { readKb } from '../server/helpers.ts';

let kb: ReadingKb;
beforeAll(async () => {
  const base = await readKb();
  // Statements as the corpus has them: Chính, Sơn, Quang, Phúc have some; Lê Hoài Trung none.
  const said = (speakerId: string) => ({ speakerId }) as never;
  kb = readingKbOf({ passages: ['pham-minh-chinh', 'bui-thanh-son', 'tran-luu-quang', 'nguyen-xuan-phuc', 'nguyen-phu-trong', 'to-lam'].map(said), people: [], events: [] }, base);
});

describe('interpretQuery', () => {
  it('reads a full name with a topic as the speaker, the rest as topic', () => {
    const r = interpretQuery('Phạm Minh Chính ngoại giao kinh tế', kb);
    expect(r.interpretation.speaker).toMatchObject({ id: 'pham-minh-chinh', via: 'name', matched: 'Phạm Minh Chính' });
    expect(r.q).toBe('ngoại giao kinh tế');
    expect(r.filters.speaker).toEqual(['pham-minh-chinh']);
  });

  it('leaves a name alone, or a title and a name alone, as typed', () => {
    for (const q of ['pham minh chinh', 'Thủ tướng Phạm Minh Chính', 'General Secretary Nguyen Phu Trong', 'Bộ trưởng Sơn']) {
      expect(interpretQuery(q, kb).changed, q).toBe(false);
    }
  });

  it('never reads a person without statements as a speaker', () => {
    expect(interpretQuery('Lê Hoài Trung ngoại giao', kb).interpretation.speaker).toBeNull();
  });

  it('does not read a speaker out of a pasted sentence longer than the engine reads', () => {
    expect(interpretQuery('Thủ tướng Phạm Minh Chính nhấn mạnh cạnh tranh chiến lược tại khu vực đang gia tăng', kb).changed).toBe(false);
  });

  it('resolves a title alone to each holder for the dates they held it', () => {
    const r = interpretQuery('Thủ tướng vắc-xin', kb);
    expect(r.interpretation.title?.text).toBe('Thủ tướng');
    expect(r.filters.speakerSpans).toEqual(
      expect.arrayContaining([
        { speakerId: 'pham-minh-chinh', from: 20210405, to: null },
        expect.objectContaining({ speakerId: 'nguyen-xuan-phuc' }),
      ]),
    );
    // Bùi Thanh Sơn was Phó Thủ tướng, never Thủ tướng.
    expect(r.filters.speakerSpans!.some((s) => s.speakerId === 'bui-thanh-son')).toBe(false);
  });

  it('reads operators and keeps phrases and exclusions for the planner', () => {
    const r = interpretQuery('speaker:"bui thanh son" event:hnng-31 year:2021 from:2021-01 to:2021-12 "ngoại giao vắc-xin" -Covid OR x', kb);
    expect(r.interpretation.speaker?.id).toBe('bui-thanh-son');
    expect(r.interpretation.event?.id).toBe('hnng-31');
    expect(r.filters).toMatchObject({ speaker: ['bui-thanh-son'], event: ['hnng-31'], year: [2021], from: '2021-01', to: '2021-12' });
    expect(r.q).toBe('"ngoại giao vắc-xin" x -Covid');
    expect(r.interpretation.notes).toEqual(['OR is not supported yet: every word is required']);
    expect(r.strict).toBe(true);
  });

  it('refuses an operator value it cannot read, naming it', () => {
    expect(() => interpretQuery('speaker:Nobody x', kb)).toThrow('unknown speaker "Nobody" in the query (speaker:)');
    expect(() => interpretQuery('from:2021-13 x', kb)).toThrow(/invalid from "2021-13"/);
    expect(() => interpretQuery('year:21 x', kb)).toThrow(/invalid year "21"/);
  });
});
