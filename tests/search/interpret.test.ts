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
    const r = interpretQuery('speaker:"bui thanh son" event:hnng-31 year:2021 from:2021-01 to:2021-12 "ngoại giao vắc-xin" -Covid x', kb);
    expect(r.interpretation.speaker?.id).toBe('bui-thanh-son');
    expect(r.interpretation.event?.id).toBe('hnng-31');
    expect(r.filters).toMatchObject({ speaker: ['bui-thanh-son'], event: ['hnng-31'], year: [2021], from: '2021-01', to: '2021-12' });
    expect(r.q).toBe('"ngoại giao vắc-xin" x -Covid');
    expect(r.interpretation.notes).toEqual([]);
    expect(r.alternatives).toBeUndefined();
    expect(r.strict).toBe(true);
  });

  it('reads an operator typed with a space before its value, and drops one with no value it can read, saying so', () => {
    const spaced = interpretQuery('speaker: Bùi Thanh Sơn ngoại giao year: 2021', kb);
    expect(spaced.interpretation.speaker).toMatchObject({ id: 'bui-thanh-son', via: 'operator', matched: 'speaker: Bùi Thanh Sơn' });
    expect(spaced.filters).toMatchObject({ speaker: ['bui-thanh-son'], year: [2021] });
    expect(spaced.q).toBe('ngoại giao');
    expect(spaced.interpretation.notes).toEqual([]);
    expect(interpretQuery('speaker: "pham minh chinh" kinh tế', kb).filters.speaker).toEqual(['pham-minh-chinh']);
    expect(interpretQuery('event: HNNG 31 vắc-xin', kb).filters.event).toEqual(['hnng-31']);

    const bare = interpretQuery('ngoại giao speaker:', kb);
    expect(bare.q).toBe('ngoại giao');
    expect(bare.filters.speaker).toBeUndefined();
    expect(bare.interpretation.notes).toEqual(['speaker: without a value was ignored (write speaker:"…" with no space); the words after it are read as usual']);
    // An unknown name after a detached speaker: is searched as words, with the note.
    const unknown = interpretQuery('speaker: Nguyễn Văn Nào hội nhập', kb);
    expect(unknown.q).toBe('Nguyễn Văn Nào hội nhập');
    expect(unknown.interpretation.notes).toHaveLength(1);
  });

  it('splits at OR into whole alternatives; operators and exclusions go to every one', () => {
    const r = interpretQuery('year:2021 ngoại giao vắc-xin OR "y tế" công cộng -Covid', kb);
    expect(r.alternatives).toEqual([
      { q: 'ngoại giao vắc-xin -Covid', filters: { year: [2021] } },
      { q: '"y tế" công cộng -Covid', filters: { year: [2021] } },
    ]);
    expect(r.interpretation.topic).toBe('ngoại giao vắc-xin OR "y tế" công cộng');
    expect(r.interpretation.years).toEqual([2021]);
    expect(r.interpretation.exclude).toEqual(['Covid']);
    expect(r.strict).toBe(true);
  });

  it('reads a leader named in one alternative as the speaker of that alternative only', () => {
    const r = interpretQuery('Phạm Minh Chính ngoại giao kinh tế OR ngoại giao văn hóa', kb);
    expect(r.alternatives).toEqual([
      { q: 'ngoại giao kinh tế', filters: { speaker: ['pham-minh-chinh'] } },
      { q: 'ngoại giao văn hóa', filters: {} },
    ]);
    expect(r.interpretation.speaker).toBeNull();
    expect(r.interpretation.alternatives?.map((a) => a.speaker?.id ?? null)).toEqual(['pham-minh-chinh', null]);
    // A name read from free words may be wrong: if the union finds nothing, the words as typed are searched.
    expect(r.strict).toBe(false);
    expect(r.typedAlternatives).toEqual([
      { q: 'Phạm Minh Chính ngoại giao kinh tế', filters: {} },
      { q: 'ngoại giao văn hóa', filters: {} },
    ]);
  });

  it('gives speaker: to every alternative and names the common speaker', () => {
    const r = interpretQuery('speaker:"Phạm Minh Chính" vắc-xin OR thủy chung', kb);
    expect(r.alternatives?.map((a) => a.filters.speaker)).toEqual([['pham-minh-chinh'], ['pham-minh-chinh']]);
    expect(r.interpretation.speaker?.id).toBe('pham-minh-chinh');
  });

  it('drops an OR with nothing on one side, says so, and keeps lowercase or and quoted OR as words', () => {
    for (const q of ['OR vắc-xin', 'vắc-xin OR', 'speaker:"Phạm Minh Chính" OR vắc-xin']) {
      const r = interpretQuery(q, kb);
      expect(r.alternatives).toBeUndefined();
      expect(r.interpretation.notes).toEqual(['OR ignored: it needs words on both sides (every word is required)']);
      expect(r.q).toBe('vắc-xin');
    }
    expect(interpretQuery('a OR OR b', kb).alternatives?.map((a) => a.q)).toEqual(['a', 'b']);
    expect(interpretQuery('a OR OR b', kb).interpretation.notes).toEqual(['an OR with nothing on one side was ignored']);
    const lower = interpretQuery('vắc-xin or y tế', kb);
    expect(lower.alternatives).toBeUndefined();
    expect(lower.q).toBe('vắc-xin or y tế');
    const quotedOr = interpretQuery('"vắc-xin OR y tế"', kb);
    expect(quotedOr.alternatives).toBeUndefined();
    expect(quotedOr.interpretation.phrases).toEqual(['vắc-xin OR y tế']);
  });

  it('refuses an alternative longer than the engine reads', () => {
    expect(() => interpretQuery('một hai ba bốn năm sáu bảy tám chín mười mười một OR y tế', kb)).toThrow(/alternative of OR is longer than 10 words/);
  });

  it('refuses an operator value it cannot read, naming it', () => {
    expect(() => interpretQuery('speaker:Nobody x', kb)).toThrow('unknown speaker "Nobody" in the query (speaker:)');
    expect(() => interpretQuery('from:2021-13 x', kb)).toThrow(/invalid from "2021-13"/);
    expect(() => interpretQuery('year:21 x', kb)).toThrow(/invalid year "21"/);
  });
});
