/** The query plan is a plain value, decided before the engine is asked (like EXPLAIN). */
import { describe, expect, it } from 'vitest';
import { planSearch } from '../../search/plan.ts';
import { parseQuery } from '../../search/query.ts';

const plan = (q: string) => planSearch(parseQuery(q));

describe('query plan', () => {
  it('reads a two-syllable query with diacritics as the word, the words, then with context; counts the folded readings for the offer', () => {
    const p = plan('Thủ tướng');
    expect(p.kind).toBe('words');
    expect(p.readings.map((r) => r.name)).toEqual(['exact word', 'exact words', 'exact context']);
    expect(p.readings.map((r) => r.q)).toEqual(['"thur tuwowngs"', 'thur tuwowngs', 'thur tuwowngs']);
    expect(p.readings[2]!.attributes).toEqual(['textTelex', 'aliasesTelex', 'contextTelex']);
    expect(p.relaxed.map((r) => r.name)).toEqual(['folded word', 'folded words', 'folded context']);
    expect(p.relaxedQuery).toBe('Thu tuong');
    // Printable: nothing but data.
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('reads a query without diacritics folded only, with nothing to relax', () => {
    const p = plan('ngoai giao kinh te');
    expect(p.readings.map((r) => r.name)).toEqual(['folded words', 'folded context']);
    expect(p.relaxed).toEqual([]);
    expect(p.relaxedQuery).toBeNull();
  });

  it('lists for an empty or punctuation-only query, and chunks a long pasted quote', () => {
    expect(plan('').kind).toBe('list');
    expect(plan('?! … — "" /').kind).toBe('list');
    const long = plan('Đất nước đã ở thế và lực khác, trong khi thế giới có nhiều biến chuyển phức tạp, cho nên người làm đối ngoại');
    expect(long.kind).toBe('quote');
    expect(long.relaxedQuery).toBe('Dat nuoc da o the va luc khac trong khi the gioi co nhieu bien chuyen phuc tap cho nen nguoi lam doi ngoai');
  });

  it('keeps a word typed with letters and digits together: "HNNG31" is the phrase "HNNG 31"', () => {
    expect(plan('HNNG31 ngoại giao').readings[0]!.q).toBe('"hnng 31" ngoaij giao');
    expect(plan('23/09/2025').readings[0]!.q).toBe('"23 9 2025"');
  });

  it('does not read English words as Telex: "was two we war way" is folded English', () => {
    const p = plan('was two we war way');
    expect(p.mode).toBe('folded');
    expect(p.readings[0]!.q).toBe('was two we war way');
    expect(plan('ngoaij giao').mode).toBe('exact');
  });
});
