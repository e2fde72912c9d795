import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchService } from '../../search/types.ts';
import { ids, indexedService, pid } from './fixtures.ts';

let service: SearchService;
beforeAll(async () => {
  service = await indexedService('t_search_aliases_');
});

const sorted = (a: string[]) => [...a].sort();

describe('abbreviations and numerals from the knowledge base', () => {
  it('finds "Hội nghị Ngoại giao lần thứ 31" for "HNNG 31" and "HNNG 31" for the full name', async () => {
    const both = sorted([pid('hnng31'), pid('hnng31abbr')]);
    expect(sorted(await ids(service, 'HNNG 31'))).toEqual(both);
    expect(sorted(await ids(service, 'Hội nghị Ngoại giao lần thứ 31'))).toEqual(both);
    expect(sorted(await ids(service, 'hoi nghi ngoai giao lan thu 31'))).toEqual(both);
  });

  it('finds "Bộ Ngoại giao" for "BNG" and the reverse', async () => {
    const both = sorted([pid('bng'), pid('bngabbr')]);
    expect(sorted(await ids(service, 'BNG'))).toEqual(both);
    expect(sorted(await ids(service, 'Bộ Ngoại giao'))).toEqual(both);
  });

  it('finds "Tổng Bí thư" for "TBT" and the reverse', async () => {
    const both = sorted([pid('tbt'), pid('tbtabbr')]);
    expect(sorted(await ids(service, 'TBT'))).toEqual(both);
    expect(sorted(await ids(service, 'Tổng Bí thư'))).toEqual(both);
  });

  it('finds "Đại hội 13" for "Đại hội XIII" and the reverse', async () => {
    const both = sorted([pid('dh13roman'), pid('dh13arabic')]);
    expect(sorted(await ids(service, 'Đại hội XIII'))).toEqual(both);
    expect(sorted(await ids(service, 'Đại hội 13'))).toEqual(both);
  });

  it('finds "Nghị quyết 292/NQ-CP" for "NQ 292" and the reverse', async () => {
    const both = sorted([pid('nq292'), pid('nq292abbr')]);
    expect(sorted(await ids(service, 'NQ 292'))).toEqual(both);
    expect(sorted(await ids(service, 'Nghị quyết 292/NQ-CP'))).toEqual(both);
  });

  it('does not count "BNG" passages for the plain words "ngoại giao"', async () => {
    const found = await ids(service, 'ngoại giao');
    expect(found).not.toContain(pid('bngabbr'));
    expect(found).toContain(pid('bng'));
  });
});
