/**
 * Where a hit is from, in the reader's language: the events a passage belongs to (id, name,
 * date) and the speaker's role held that day. Names come from the knowledge base: `nameEn` /
 * `titleEn` in English where the KB has them, the Vietnamese name otherwise (never a guess).
 */
import type { Event, Person } from '../ingest/types.ts';
import type { Catalog } from './plugins/services.ts';
import type { PassageOut } from './schemas.ts';

/** Interface languages the API names things in. */
export type NameLang = 'vi' | 'en';

/** An event's name in a language: its `nameEn` in English when the KB has one. */
export function eventName(e: Event & { nameEn?: string }, lang: NameLang): string {
  return lang === 'en' && e.nameEn ? e.nameEn : e.name;
}

/** A role title in a language: the KB role's `titleEn` in English when it has one. */
export function roleTitle(person: Person | undefined, title: string | null, lang: NameLang): string | null {
  if (title === null || lang !== 'en' || !person) return title;
  const role = person.roles.find((r) => r.title === title) as (Person['roles'][number] & { titleEn?: string }) | undefined;
  return role?.titleEn ?? title;
}

/** A presented passage with its events and its speaker's role in the reader's language. */
export function withProvenance<T extends PassageOut>(p: T, catalog: Catalog, lang: NameLang): T {
  const events = p.eventIds.flatMap((id) => {
    const e = catalog.events.get(id);
    return e ? [{ id: e.id, name: eventName(e, lang), date: e.date ?? null }] : [];
  });
  const speaker = p.speaker ? { ...p.speaker, role: roleTitle(catalog.people.get(p.speaker.id), p.speaker.role, lang) } : null;
  return { ...p, speaker, events };
}
