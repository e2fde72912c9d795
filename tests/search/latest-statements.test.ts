/**
 * `latestStatements`: each speaker's latest statement for every speaker in one search (the role
 * beside a name on the speakers index), the same passage a search of the speaker's own statements
 * sorted newest first puts first. Real engine; the fixture plus articles where Bùi Thanh Sơn
 * speaks as Deputy Minister (2019), as Minister (2021), and undated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../ingest/types.ts';
import type { SearchService } from '../../search/index.ts';
import { fixtureRecords, indexedService } from './fixtures.ts';

let search: SearchService;

beforeAll(async () => {
  const base = fixtureRecords();
  const template = base.articles[0]!;
  const articles = [
    { ...template, id: 'a-000000000019', title: 'Thứ trưởng Bùi Thanh Sơn tiếp Đại sứ', date: '2019-06-04', sourceFile: 'seeds/a-000000000019.txt' },
    { ...template, id: 'a-000000000099', title: 'Bộ trưởng Bùi Thanh Sơn trả lời phỏng vấn', date: null, sourceFile: 'seeds/a-000000000099.txt' },
  ];
  const passage = (id: string, articleId: string, ordinal: number, text: string): Passage => ({
    id, articleId, ordinal, kind: 'paragraph', text, credit: null, speakerId: 'bui-thanh-son', eventIds: [], span: { start: 0, end: text.length },
  });
  const passages = [
    passage('p-son-2019', 'a-000000000019', 0, 'Thứ trưởng Bùi Thanh Sơn khẳng định Việt Nam coi trọng quan hệ hữu nghị truyền thống.'),
    passage('p-son-undated', 'a-000000000099', 0, 'Bộ trưởng Bùi Thanh Sơn cho rằng hợp tác đa phương là xu thế tất yếu.'),
  ];
  search = await indexedService('t_latest_statements_', { ...base, articles: [...base.articles, ...articles], passages: [...base.passages, ...passages] });
});

describe('each speaker’s latest statement in one search', () => {
  it('gives the role held at the newest dated statement, never an older office nor an undated passage', async () => {
    const latest = await search.latestStatements();
    const son = latest.get('bui-thanh-son');
    expect(son?.id).toBe('p-bng');
    expect(son?.speakerRole).toBe('Bộ trưởng Bộ Ngoại giao');
  });

  it('names every speaker with a statement, and for each the passage their own newest-first search puts first', async () => {
    const latest = await search.latestStatements();
    expect([...latest.keys()].sort()).toEqual(['bui-thanh-son', 'nguyen-minh-vu', 'pham-minh-chinh', 'to-lam']);
    for (const [speakerId, passage] of latest) {
      const own = await search.search({ q: '', filters: { speaker: [speakerId] }, sort: 'date-desc', page: 1, perPage: 1 });
      expect({ speakerId, id: passage.id, role: passage.speakerRole }).toEqual({ speakerId, id: own.hits[0]!.passage.id, role: own.hits[0]!.passage.speakerRole });
    }
    // Phạm Minh Chính speaks on 2021-12-14 and 2023-12-20: the later one.
    expect(latest.get('pham-minh-chinh')?.date).toBe('2023-12-20');
  });
});
