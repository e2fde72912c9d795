/**
 * Events read as programmes (issue 11 item 4): `/api/events/:id` over the real corpus returns each
 * numbered list as one group with its speaker, its intro sentence and its points in document
 * order, and keeps a session’s theme apart from the conference’s; speaker pages (summary, no
 * duplicates, the role at the latest statement) and English names (issue 11 items 5–6).
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runIngest } from '../../ingest/pipeline.ts';
import { ROOT, buildTestApp, readKb, testConfig } from './helpers.ts';

let app: FastifyInstance;

beforeAll(async () => {
  const built = await buildTestApp(testConfig(inject('meili'), 't_event_programme_'));
  app = built.app;
  const kb = await readKb();
  const result = await runIngest({ inputDir: path.join(ROOT, 'corpus/raw'), kb });
  await built.search.reindex(result, { fingerprint: result.fingerprint, kb });
});
afterAll(() => app?.close());

type Group = { articleId: string; speaker: { id: string; name: string; role: string | null } | null; intro: { text: string; passageId: string } | null; points: { label: string; text: string; passageId: string }[] };

async function event(id: string) {
  const res = await app.inject({ method: 'GET', url: `/api/events/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('event programmes', () => {
  it('gives the Prime Minister’s two “Thứ nhất … Thứ năm” lists at HNNG 31 as two groups, never interleaved', async () => {
    const body = await event('hnng-31');
    const groups = (body.pointGroups as Group[]).filter((g) => g.speaker?.id === 'pham-minh-chinh');
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const g of groups) {
      expect(g.points.map((p) => p.label)).toEqual(['Thứ nhất', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm']);
      expect(g.speaker?.name).toBe('Phạm Minh Chính');
    }
    // The first list reviews the year (“nắm chắc tình hình”), the second sets tasks (“triển khai hiệu quả”).
    expect(groups[0]!.points[0]!.text).toMatch(/^Thứ nhất, nắm chắc tình hình/);
    expect(groups[1]!.points[0]!.text).toMatch(/^Thứ nhất, triển khai hiệu quả/);
    // keyPoints follow document order too: no two “Thứ nhất” side by side.
    const labels = (body.keyPoints as { label: string }[]).map((k) => k.label);
    expect(labels.slice(0, 2)).toEqual(['Thứ nhất', 'Thứ hai']);
  });

  it('heads each list with the sentence that introduces it, linked to its passage', async () => {
    const body = await event('hnng-31');
    const g = (body.pointGroups as Group[]).find((x) => x.points[0]?.text.startsWith('Thứ nhất, triển khai hiệu quả'))!;
    expect(g.intro).not.toBeNull();
    expect(g.intro!.text.length).toBeGreaterThan(20);
    expect(g.intro!.text).not.toMatch(/^Thứ nhất/);
    const passage = await app.inject({ method: 'GET', url: `/api/passages/${g.intro!.passageId}` });
    expect(passage.json().passage.text).toBe(g.intro!.text);
  });

  it('keeps Hội nghị Ngoại vụ 21’s theme apart from the theme of HNNG 32, each with its outlet', async () => {
    const body = await event('hnng-32');
    const own = body.themes.map((t: { text: string }) => t.text);
    const other = body.otherThemes as { text: string; eventId: string; source: string | null }[];
    expect(own.some((t: string) => t.startsWith('Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững'))).toBe(false);
    expect(other.find((t) => t.eventId === 'ngoai-vu-21')?.text).toBe('Phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững của địa phương');
    expect(other.find((t) => t.eventId === 'ngoai-vu-21')?.source).toBe('Báo Thế giới & Việt Nam');
    expect(body.themes.some((t: { source: string | null }) => t.source === 'Báo Thế giới & Việt Nam')).toBe(true);
  });
});

describe('speaker pages', () => {
  it('lists each statement once, under one event, with a summary by year and event', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/speakers/pham-minh-chinh' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ids = body.groups.flatMap((g: { passages: { id: string }[] }) => g.passages.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(body.speaker.passageCount);
    const byEvent = body.summary.byEvent as { id: string; count: number }[];
    expect(byEvent.map((e) => e.id)).toEqual(expect.arrayContaining(['hnng-31', 'dai-hoi-thi-dua-2025']));
    expect(byEvent.reduce((n, e) => n + e.count, 0)).toBeLessThanOrEqual(body.speaker.passageCount);
    expect((body.summary.byYear as { key: string }[]).map((y) => y.key)).toEqual(['2021', '2025']);
    expect(body.summary.first).toBe('2021-12-15');
    expect(body.speaker.latestRole).toBe('Thủ tướng Chính phủ');
    expect(body.speaker.latestRoleEn).toBe('Prime Minister');
  });

  it('shows beside each name on the index the role held at the latest statement, not a former office', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/speakers' })).json();
    const son = body.speakers.find((s: { id: string }) => s.id === 'bui-thanh-son');
    // His statements are from 2022–2023, as Minister; he later became Deputy Prime Minister.
    expect(son.latestRole).toBe('Bộ trưởng Bộ Ngoại giao');
    const trung = body.speakers.find((s: { id: string }) => s.id === 'le-hoai-trung');
    expect(trung.passageCount).toBe(0);
    expect(trung.latestRole).toBeNull();
  });

  it('gives every speaker on the index the role and count their own statements give, in one search for all', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/speakers' })).json();
    const speakers = body.speakers as { id: string; passageCount: number; latestRole: string | null }[];
    const withStatements = speakers.filter((s) => s.passageCount > 0);
    expect(withStatements.length).toBeGreaterThanOrEqual(5);
    // People with no statement come after everyone with one, without a role.
    const firstSilent = speakers.findIndex((s) => s.passageCount === 0);
    expect(firstSilent).toBe(withStatements.length);
    expect(speakers.slice(firstSilent).every((s) => s.latestRole === null)).toBe(true);
    // Each speaker's own search, newest first: its first passage's role, and its total.
    for (const s of withStatements) {
      const own = (await app.inject({ method: 'GET', url: `/api/search?speaker=${s.id}&sort=date-desc&perPage=1` })).json();
      expect({ id: s.id, role: s.latestRole, count: s.passageCount }).toEqual({ id: s.id, role: own.hits[0].speaker.role, count: own.total });
    }
    // As a reader of the archive has them: the Prime Minister, and Tô Lâm as General Secretary.
    expect(speakers.find((s) => s.id === 'pham-minh-chinh')?.latestRole).toBe('Thủ tướng Chính phủ');
    expect(speakers.find((s) => s.id === 'to-lam')?.latestRole).toMatch(/^Tổng Bí thư/);
  });

  it('names events and roles in English for lang=en', async () => {
    const body = (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('ngoại giao vắc-xin')}&lang=en` })).json();
    const hit = body.hits.find((h: { events: { id: string }[] }) => h.events.some((e) => e.id === 'hnng-31'));
    expect(hit.events.find((e: { id: string }) => e.id === 'hnng-31').name).toBe('31st Diplomatic Conference');
    const pm = body.hits.find((h: { speaker: { id: string } | null }) => h.speaker?.id === 'pham-minh-chinh');
    expect(pm.speaker.role).toBe('Prime Minister');
    const event = (await app.inject({ method: 'GET', url: '/api/events/hnng-31' })).json();
    expect(event.event.nameEn).toBe('31st Diplomatic Conference');
    expect(event.speakers.find((s: { id: string }) => s.id === 'pham-minh-chinh').role).toBe('Thủ tướng Chính phủ');
    // The event's speakers and each list's speaker with their roles in English for lang=en.
    const en = (await app.inject({ method: 'GET', url: '/api/events/hnng-31?lang=en' })).json();
    expect(en.speakers.find((s: { id: string }) => s.id === 'pham-minh-chinh').role).toBe('Prime Minister');
    expect(en.speakers.find((s: { id: string }) => s.id === 'bui-thanh-son').role).toBe('Minister of Foreign Affairs');
    expect((en.pointGroups as Group[]).find((g) => g.speaker?.id === 'pham-minh-chinh')?.speaker?.role).toBe('Prime Minister');
    expect((await app.inject({ method: 'GET', url: '/api/events/hnng-31?lang=fr' })).statusCode).toBe(400);
  });
});
