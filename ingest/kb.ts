/**
 * The curated knowledge base (`corpus/kb/`): people, events, outlets and terms, edited by hand
 * as plain JSON. Loading validates every entry and fails with a message naming the file and the
 * entry, so a typo in a hand edit is found at start-up, not as a wrong search result.
 * The same rules are stated as JSON Schemas in `schemas/kb-*.schema.json` (checked by the tests).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { foldDiacritics, slugify } from '../lib/vietnamese.ts';
import { loadSpeakerOverrides } from './overrides.ts';
import type { Event, KnowledgeBase, Person } from './types.ts';

/** A knowledge-base file or entry that breaks a rule. */
export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError';
}

const ISO_PARTIAL = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real month/day. */
export function isValidPartialDate(value: string): boolean {
  if (!ISO_PARTIAL.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  if (m !== undefined && (m < 1 || m > 12)) return false;
  if (d !== undefined && m !== undefined) {
    const dt = new Date(Date.UTC(y as number, m - 1, d));
    if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  }
  return true;
}

/** Key under which two aliases count as the same: folded, lower-case, single-spaced. */
export function aliasKey(alias: string): string {
  return foldDiacritics(alias).toLowerCase().replace(/\s*[-–—]\s*/g, '-').replace(/\s+/g, ' ').trim();
}

type Unsafe = Record<string, unknown>;

function fail(file: string, entry: string, message: string): never {
  throw new KnowledgeBaseError(`${file}: ${entry}: ${message}`);
}

function str(file: string, entry: string, o: Unsafe, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') fail(file, entry, `"${key}" must be a non-empty string`);
  return v;
}

function strList(file: string, entry: string, o: Unsafe, key: string): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) fail(file, entry, `"${key}" must be a list of non-empty strings`);
  return v as string[];
}

function dateOrNull(file: string, entry: string, o: Unsafe, key: string, full: boolean): string | null {
  const v = o[key];
  if (v === null) return null;
  if (typeof v !== 'string' || !isValidPartialDate(v) || (full && v.length !== 10)) {
    fail(file, entry, `"${key}" must be ${full ? 'YYYY-MM-DD' : 'YYYY, YYYY-MM or YYYY-MM-DD'} or null, got ${JSON.stringify(v)}`);
  }
  return v;
}

function list(file: string, raw: unknown): Unsafe[] {
  if (!Array.isArray(raw)) fail(file, '(file)', 'must be a JSON array');
  raw.forEach((x, i) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(file, `entry ${i}`, 'must be an object');
  });
  return raw as Unsafe[];
}

/** Validates parsed people entries (unsafe input) into `Person` records. */
export function validatePeople(raw: unknown, file = 'people.json'): Person[] {
  return list(file, raw).map((o, i) => {
    const entry = typeof o.id === 'string' ? o.id : `entry ${i}`;
    const id = str(file, entry, o, 'id');
    const name = str(file, entry, o, 'name');
    if (slugify(name) !== id) fail(file, entry, `id must be the slug of the name ("${slugify(name)}")`);
    const aliases = strList(file, entry, o, 'aliases');
    if (!Array.isArray(o.roles)) fail(file, entry, '"roles" must be a list');
    const roles = (o.roles as unknown[]).map((r, j) => {
      if (typeof r !== 'object' || r === null) fail(file, entry, `role ${j} must be an object`);
      const role = r as Unsafe;
      const title = str(file, `${entry} role ${j}`, role, 'title');
      const from = dateOrNull(file, `${entry} role ${j}`, role, 'from', false);
      const to = dateOrNull(file, `${entry} role ${j}`, role, 'to', false);
      if (from && to && to.slice(0, from.length) < from.slice(0, to.length)) fail(file, entry, `role "${title}" ends (${to}) before it starts (${from})`);
      return { title, from, to };
    });
    return { id, name, aliases, roles };
  });
}

/** Validates parsed event entries (unsafe input) into `Event` records. */
export function validateEvents(raw: unknown, file = 'events.json'): Event[] {
  return list(file, raw).map((o, i) => {
    const entry = typeof o.id === 'string' ? o.id : `entry ${i}`;
    const id = str(file, entry, o, 'id');
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(file, entry, 'id must be lower-case kebab-case');
    const date = dateOrNull(file, entry, o, 'date', true);
    const endDate = dateOrNull(file, entry, o, 'endDate', true);
    if (date && endDate && endDate < date) fail(file, entry, `endDate ${endDate} is before date ${date}`);
    return {
      id,
      name: str(file, entry, o, 'name'),
      aliases: strList(file, entry, o, 'aliases'),
      type: str(file, entry, o, 'type'),
      date,
      endDate,
      themes: strList(file, entry, o, 'themes'),
    };
  });
}

/** Validates parsed outlet entries. */
export function validateOutlets(raw: unknown, file = 'outlets.json'): KnowledgeBase['outlets'] {
  return list(file, raw).map((o, i) => {
    const entry = typeof o.host === 'string' ? o.host : `entry ${i}`;
    const host = str(file, entry, o, 'host');
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) fail(file, entry, 'host must be a lower-case host name without www.');
    return { host, name: str(file, entry, o, 'name'), aliases: strList(file, entry, o, 'aliases') };
  });
}

/** Validates parsed term entries. */
export function validateTerms(raw: unknown, file = 'terms.json'): KnowledgeBase['terms'] {
  return list(file, raw).map((o, i) => {
    const entry = typeof o.term === 'string' ? o.term : `entry ${i}`;
    return { term: str(file, entry, o, 'term'), aliases: strList(file, entry, o, 'aliases') };
  });
}

/** Checks rules across entries: unique ids and hosts, and no alias shared by two entities of a kind. */
export function checkReferences(kb: KnowledgeBase): void {
  const unique = (file: string, keys: { key: string; entry: string }[], what: string) => {
    const seen = new Map<string, string>();
    for (const { key, entry } of keys) {
      const other = seen.get(key);
      if (other !== undefined && other !== entry) fail(file, entry, `${what} "${key}" is also used by ${other}`);
      if (other === entry && what === 'id') fail(file, entry, `duplicate id "${key}"`);
      seen.set(key, entry);
    }
  };
  unique('people.json', kb.people.map((p, i) => ({ key: p.id, entry: `#${i} ${p.id}` })), 'id');
  unique('events.json', kb.events.map((e, i) => ({ key: e.id, entry: `#${i} ${e.id}` })), 'id');
  unique('outlets.json', kb.outlets.map((o, i) => ({ key: o.host, entry: `#${i} ${o.host}` })), 'host');
  const aliasKeys = <T>(items: T[], id: (t: T) => string, names: (t: T) => string[]) =>
    items.flatMap((t) => [...new Set(names(t).map(aliasKey))].map((key) => ({ key, entry: id(t) })));
  unique('people.json', aliasKeys(kb.people, (p) => p.id, (p) => [p.name, ...p.aliases]), 'alias');
  unique('events.json', aliasKeys(kb.events, (e) => e.id, (e) => [e.name, ...e.aliases]), 'alias');
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    throw new KnowledgeBaseError(`${file}: cannot read ${full}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new KnowledgeBaseError(`${file}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Applies `names-en.json` (optional): `events` maps an event id to its English name, `roles` a
 * Vietnamese role title (as people.json writes it) to its English title. A key the KB does not
 * have is an error naming it, so a renamed event or role cannot leave a stale translation.
 */
export function applyEnglishNames(kb: KnowledgeBase, raw: unknown, file = 'names-en.json'): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, 'file', 'must be an object with "events" and "roles"');
  const o = raw as Unsafe;
  const table = (key: 'events' | 'roles'): Map<string, string> => {
    const value = o[key] ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, key, `"${key}" must be an object`);
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(value as Unsafe)) {
      if (typeof v !== 'string' || v.trim() === '') fail(file, `${key} "${k}"`, 'must be a non-empty string');
      out.set(k, v as string);
    }
    return out;
  };
  const events = table('events');
  const roles = table('roles');
  const eventIds = new Set(kb.events.map((e) => e.id));
  for (const id of events.keys()) if (!eventIds.has(id)) fail(file, `events "${id}"`, 'is not an event of events.json');
  const titles = new Set(kb.people.flatMap((p) => p.roles.map((r) => r.title)));
  for (const title of roles.keys()) if (!titles.has(title)) fail(file, `roles "${title}"`, 'is not a role title of people.json');
  for (const e of kb.events) {
    const en = events.get(e.id);
    if (en) e.nameEn = en;
  }
  for (const p of kb.people) {
    for (const r of p.roles) {
      const en = roles.get(r.title);
      if (en) r.titleEn = en;
    }
  }
}

/** Loads and validates the knowledge base in `dir` (`events.json`, `people.json`, `outlets.json`, `terms.json`; `names-en.json` when present). */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const [events, people, outlets, terms] = await Promise.all([
    readJson(dir, 'events.json').then((r) => validateEvents(r)),
    readJson(dir, 'people.json').then((r) => validatePeople(r)),
    readJson(dir, 'outlets.json').then((r) => validateOutlets(r)),
    readJson(dir, 'terms.json').then((r) => validateTerms(r)),
  ]);
  const kb: KnowledgeBase = { people, events, outlets, terms };
  checkReferences(kb);
  // Curator corrections (ingest/overrides.ts); absent when there are none, so the KB hash is unchanged.
  const speakerOverrides = await loadSpeakerOverrides(dir, new Set(people.map((p) => p.id)));
  if (speakerOverrides.length > 0) kb.speakerOverrides = speakerOverrides;
  if (existsSync(path.join(dir, 'names-en.json'))) applyEnglishNames(kb, await readJson(dir, 'names-en.json'));
  return kb;
}
