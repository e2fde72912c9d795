import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { aliasKey, isValidPartialDate, KnowledgeBaseError, loadKnowledgeBase } from '../../ingest/kb.ts';
import { slugify } from '../../lib/vietnamese.ts';

const KB_DIR = 'corpus/kb';
const FILES = ['events', 'people', 'outlets', 'terms'] as const;

async function json(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

/** Copies the KB to a temp dir with one file replaced, to test what a bad hand edit does. */
async function kbWith(file: string, content: unknown): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-'));
  for (const f of FILES) await fs.copyFile(path.join(KB_DIR, `${f}.json`), path.join(dir, `${f}.json`));
  await fs.writeFile(path.join(dir, file), JSON.stringify(content));
  return dir;
}

describe('knowledge base files', () => {
  it.each(FILES)('%s.json matches schemas/kb-%s.schema.json', async (name) => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile((await json(`schemas/kb-${name}.schema.json`)) as object);
    const ok = validate(await json(path.join(KB_DIR, `${name}.json`)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('loads with every founding event and key person', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    const events = kb.events.map((e) => e.id);
    for (const id of ['hnng-31', 'hnng-32', 'dai-hoi-thi-dua-2025', 'nq-292-2025', 'so-ket-2022', 'hnng-30', 'doi-ngoai-toan-quoc-2021', 'ngoai-vu-21', 'tong-ket-2024', 'tong-ket-2025']) {
      expect(events).toContain(id);
    }
    const people = kb.people.map((p) => p.id);
    for (const id of ['pham-minh-chinh', 'bui-thanh-son', 'le-hoai-trung', 'tran-luu-quang', 'nguyen-phu-trong', 'to-lam', 'nguyen-minh-vu', 'ho-chi-minh']) {
      expect(people).toContain(id);
    }
  });

  it('dates the founding events as the articles report them', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    const date = (id: string) => kb.events.find((e) => e.id === id)?.date;
    expect(date('hnng-32')).toBe('2023-12-19');
    expect(date('dai-hoi-thi-dua-2025')).toBe('2025-11-10');
    expect(date('nq-292-2025')).toBe('2025-09-23');
    expect(date('so-ket-2022')).toBe('2022-07-08');
    expect(date('hnng-31')?.slice(0, 7)).toBe('2021-12');
  });

  it('gives every person an id that is the slug of the name', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    for (const p of kb.people) expect(p.id).toBe(slugify(p.name));
  });

  it('has unique ids and no alias shared by two people or two events', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    for (const list of [kb.people, kb.events]) {
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
      const owner = new Map<string, string>();
      for (const x of list) {
        for (const a of new Set([x.name, ...x.aliases].map(aliasKey))) {
          expect(owner.get(a) ?? x.id).toBe(x.id);
          owner.set(a, x.id);
        }
      }
    }
  });

  it('uses only valid dates, with ends after starts', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    for (const e of kb.events) {
      for (const d of [e.date, e.endDate]) if (d) expect(isValidPartialDate(d) && d.length === 10).toBe(true);
      if (e.date && e.endDate) expect(e.endDate >= e.date).toBe(true);
    }
    for (const p of kb.people) for (const r of p.roles) for (const d of [r.from, r.to]) if (d) expect(isValidPartialDate(d)).toBe(true);
  });

  it('records Bùi Thanh Sơn as foreign minister and later deputy prime minister, and Lê Hoài Trung as foreign minister in 2025', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    const roles = (id: string) => kb.people.find((p) => p.id === id)?.roles.map((r) => `${r.title} ${r.from}`) ?? [];
    expect(roles('bui-thanh-son')).toEqual(expect.arrayContaining([expect.stringMatching(/^Bộ trưởng Bộ Ngoại giao 2021/), expect.stringMatching(/^Phó Thủ tướng Chính phủ 2024/)]));
    expect(roles('le-hoai-trung')).toEqual(expect.arrayContaining([expect.stringMatching(/^Bộ trưởng Bộ Ngoại giao 2025/)]));
  });
});

describe('loading a bad knowledge base', () => {
  it('names the file and the entry when a person id is not the slug of the name', async () => {
    const dir = await kbWith('people.json', [{ id: 'pmc', name: 'Phạm Minh Chính', aliases: [], roles: [] }]);
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/people\.json: pmc: id must be the slug of the name \("pham-minh-chinh"\)/);
  });

  it('names the event whose date is not a real day', async () => {
    const dir = await kbWith('events.json', [{ id: 'x-1', name: 'X', aliases: [], type: 't', date: '2023-02-30', endDate: null, themes: [] }]);
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/events\.json: x-1: "date" must be YYYY-MM-DD/);
  });

  it('rejects an alias that two events share', async () => {
    const dir = await kbWith('events.json', [
      { id: 'a', name: 'A', aliases: ['HNNG 31'], type: 't', date: null, endDate: null, themes: [] },
      { id: 'b', name: 'B', aliases: ['hnng 31'], type: 't', date: null, endDate: null, themes: [] },
    ]);
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/events\.json: b: alias "hnng 31" is also used by a/);
  });

  it('says which file is not valid JSON', async () => {
    const dir = await kbWith('terms.json', []);
    await fs.writeFile(path.join(dir, 'terms.json'), '[{');
    const err = await loadKnowledgeBase(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KnowledgeBaseError);
    expect(String((err as Error).message)).toMatch(/^terms\.json: not valid JSON/);
  });
});

describe('roles against the corpus', () => {
  it('has, for every person the corpus names with a Vietnamese title, a role with that title held on the article\'s date', async () => {
    const { readSource, processSource } = await import('../../ingest/pipeline.ts');
    const { findPersonMentions } = await import('../../ingest/extract/people.ts');
    const kb = await loadKnowledgeBase(KB_DIR);
    const root = path.resolve('corpus/raw');
    const misses: string[] = [];
    for (const dir of ['seeds', 'extra']) {
      for (const file of (await fs.readdir(path.join(root, dir))).sort()) {
        const { article, passages } = processSource(await readSource(path.join(root, dir, file), root), kb);
        const date = article.date ?? kb.events.find((e) => e.id === article.eventIds[0])?.date ?? null;
        for (const text of [article.title, ...passages.map((p) => p.text)]) {
          for (const m of findPersonMentions(text, kb)) {
            // "Chủ tịch Hồ Chí Minh" is an honorific long after the office; English titles are not in the KB.
            if (!m.title || m.id === 'ho-chi-minh' || article.language === 'en') continue;
            const roles = kb.people.find((p) => p.id === m.id)?.roles ?? [];
            const held = roles.some(
              (r) => r.title.toLowerCase().startsWith(m.title!.toLowerCase()) && (!date || ((r.from ?? '0') <= date && (r.to === null || date.slice(0, r.to.length) <= r.to))),
            );
            if (!held) misses.push(`${file}: ${m.title} ${m.id} on ${date}`);
          }
        }
      }
    }
    expect(misses).toEqual([]);
  });
});
