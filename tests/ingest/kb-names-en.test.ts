/** English names in the knowledge base (corpus/kb/names-en.json), for the English interface (issue 11 item 6). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyEnglishNames, loadKnowledgeBase } from '../../ingest/kb.ts';
import { ROOT } from '../server/helpers.ts';

const KB_DIR = path.join(ROOT, 'corpus/kb');
const json = async (p: string) => JSON.parse(await fs.readFile(path.join(ROOT, p), 'utf8')) as unknown;

describe('English names in the knowledge base', () => {
  it('names-en.json matches schemas/kb-names-en.schema.json', async () => {
    const validate = new Ajv({ allErrors: true }).compile((await json('schemas/kb-names-en.schema.json')) as object);
    expect(validate(await json('corpus/kb/names-en.json'))).toBe(true);
  });

  it('gives every event and every role title of the KB an English name', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    expect(kb.events.filter((e) => !e.nameEn).map((e) => e.id)).toEqual([]);
    expect(kb.people.flatMap((p) => p.roles.filter((r) => !r.titleEn).map((r) => `${p.id}: ${r.title}`))).toEqual([]);
    expect(kb.events.find((e) => e.id === 'hnng-31')?.nameEn).toBe('31st Diplomatic Conference');
    expect(kb.people.find((p) => p.id === 'pham-minh-chinh')?.roles[0]?.titleEn).toBe('Prime Minister');
  });

  it('refuses a translation of an event the KB does not have, naming it', async () => {
    const kb = await loadKnowledgeBase(KB_DIR);
    expect(() => applyEnglishNames(kb, { events: { 'hnng-99': 'x' } })).toThrow('names-en.json: events "hnng-99": is not an event of events.json');
    expect(() => applyEnglishNames(kb, { roles: { 'Vua': 'King' } })).toThrow('names-en.json: roles "Vua": is not a role title of people.json');
  });
});
