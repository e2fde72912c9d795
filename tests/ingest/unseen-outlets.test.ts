/**
 * Three small articles written for these tests in the shapes of outlets nobody tuned for (an
 * English wire story, a Vietnamese Q&A interview, an op-ed by a minister), through the whole
 * pipeline: who speaks in each passage, as a reader would say.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processSource, readSource } from '../../ingest/pipeline.ts';
import { REPO } from './helpers.ts';
import { realKb } from './extract-doc.ts';

const ROOT = path.join(REPO, 'tests/fixtures/unseen');
async function run(file: string) {
  return processSource(await readSource(path.join(ROOT, file), ROOT), await realKb());
}

describe('an English wire story ("the PM said … He added …")', () => {
  it('gives every reported paragraph to Pham Minh Chinh and the attendance line to nobody', async () => {
    const out = await run('en-wire-pm.txt');
    expect(out.passages.map((p) => p.speakerId)).toEqual(['pham-minh-chinh', 'pham-minh-chinh', 'pham-minh-chinh', 'pham-minh-chinh', null]);
    expect(out.article).toMatchObject({ language: 'en', date: '2024-01-10', dateline: 'HANOI (EW) –', source: 'examplewire.com' });
    expect(out.passages[0]?.text.startsWith('Prime Minister Pham Minh Chinh')).toBe(true);
  });
});

describe('a Vietnamese interview with PV:', () => {
  it('gives the questions to nobody and the answers, labelled or not, to the provisional Thứ trưởng', async () => {
    const out = await run('vi-phong-van.txt');
    expect(out.passages.map((p) => p.speakerId)).toEqual([null, null, 'le-van-thanh', 'le-van-thanh', null, 'le-van-thanh', null]);
    expect(out.people).toEqual([expect.objectContaining({ id: 'le-van-thanh', name: 'Lê Văn Thành', provisional: true, roles: [{ title: 'Thứ trưởng Bộ Ngoại giao', from: null, to: null }] })]);
  });
});

describe('an op-ed by a minister', () => {
  it('takes the position line as the byline and gives the body to the author, the quoted maxim to Hồ Chí Minh', async () => {
    const out = await run('vi-bai-viet-bo-truong.txt');
    expect(out.article.author).toBe('Bùi Thanh Sơn, Bộ trưởng Bộ Ngoại giao');
    expect(out.passages.some((p) => p.kind === 'heading')).toBe(false);
    expect(out.passages.map((p) => p.speakerId)).toEqual(['bui-thanh-son', 'bui-thanh-son', 'bui-thanh-son', 'bui-thanh-son', 'ho-chi-minh']);
    expect(out.article.points.map((p) => p.label)).toEqual(['Thứ nhất', 'Thứ hai']);
  });
});

describe('French and Chinese articles', () => {
  it.each([
    ['fr-article.txt', 'fr', 'Le Vietnam renforce sa diplomatie économique', 'exemple-journal.fr'],
    ['zh-article.txt', 'zh', '越南举行第三十二届外交会议', 'example-news.cn'],
  ])('%s ingests as %s with its own title, no Vietnamese-only figures and the url host as outlet', async (file, language, title, source) => {
    const out = await run(file);
    expect(out.article).toMatchObject({ language, title, titleDerived: false, source });
    expect(out.article.figures).toEqual([]);
    expect(out.passages.length).toBeGreaterThanOrEqual(3);
  });
});
