/**
 * Turns a `RecordSet` into the documents of the passages index: each passage enriched with what a
 * hit list shows (article title, date, source, speaker and the role held that day) plus the fields
 * only the engine reads (Telex encoding, KB aliases). Pure functions; no engine access.
 */
import type { Article, Event, Passage, Person, Role } from '../ingest/types.ts';
import { keyText } from '../lib/vietnamese.ts';
import type { AliasMatcher } from './aliases.ts';
import type { PassageDoc, RecordSet } from './types.ts';

/** A passage as stored in the engine: the public `PassageDoc` plus search-only fields. */
export interface PassageIndexDoc extends PassageDoc {
  /** Exact search keys of `text` (`keyText`), one ASCII token per unit, tone kept: "bạn bè" → "banj bef". */
  textTelex: string;
  /** Folded search keys of `text` (`keyText`): "Kỹ năng" → "ki nang"; what queries without diacritics search. */
  textFolded: string;
  /**
   * Every form of every KB entity the passage names ("HNNG 31" for "Hội nghị Ngoại giao lần thứ
   * 31"), as folded keys. The forms themselves are not stored: nothing searches or reads them,
   * and a stored field costs disk in every document (the twins below are what the engine searches).
   */
  aliasesFolded: string[];
  /**
   * What the passage is by and about without saying it (the speaker's name and every name of the
   * events it is tagged with), as folded keys. Searched only when the text alone finds nothing
   * ("tran luu quang gioi hon manh hon", "HNNG 31 ngoại giao vaccine"); the names themselves are not stored.
   */
  contextFolded: string[];
  /** The alias forms, Telex-encoded, for queries typed with diacritics. */
  aliasesTelex: string[];
  /** The context names, Telex-encoded. */
  contextTelex: string[];
}

/** Every public field of a passage document; a missing or extra key is a type error. */
const PUBLIC_FIELDS: Record<keyof PassageDoc, true> = {
  id: true, articleId: true, ordinal: true, kind: true, text: true, credit: true, speakerId: true, eventIds: true,
  span: true, title: true, date: true, year: true, dateSort: true, source: true, url: true, sourceFile: true,
  speakerName: true, speakerRole: true,
  eventDate: true, // ingest record field (i9); stored, not yet filterable
  truncated: true,
  passageDate: true, dateKind: true,
};

/**
 * What a search retrieves: the public `PassageDoc` only. The search-only twins (Telex, aliases,
 * context) are most of a stored document's bytes and nobody reads them back.
 */
export const PASSAGE_DOC_FIELDS: readonly string[] = Object.keys(PUBLIC_FIELDS);

/** The search-only fields, stripped before a document leaves the module. */
const INDEX_ONLY_FIELDS = ['textTelex', 'textFolded', 'aliases', 'aliasesTelex', 'aliasesFolded', 'context', 'contextTelex', 'contextFolded', '_rankingScore'] as const;

/** Returns the public `PassageDoc` of a stored document. */
export function toPassageDoc(doc: Record<string, unknown>): PassageDoc {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of INDEX_ONLY_FIELDS) delete copy[field];
  delete copy._formatted;
  delete copy._matchesPosition;
  return copy as unknown as PassageDoc;
}

/** `YYYY-MM-DD` → 20240131; 0 when unknown. */
export function dateToSort(date: string | null): number {
  const m = date ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date) : null;
  if (!m) return 0;
  return Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

/**
 * The date a researcher sorts and filters a passage by: the article's publication date where
 * known, else the date of the event the passage reports (`Passage.eventDate` once ingest gives
 * it, else the knowledge base's date of the first of its events that has one), labelled so
 * (`dateKind: 'event'`, "ngày sự kiện"). Null only when neither is known.
 */
export function passageDateOf(
  published: string | null,
  passage: Passage & { eventDate?: string | null },
  events: ReadonlyMap<string, Pick<Event, 'date'>>,
): { passageDate: string | null; dateKind: PassageDoc['dateKind'] } {
  if (published) return { passageDate: published, dateKind: 'published' };
  const kbEventDate = passage.eventIds.map((id) => events.get(id)?.date ?? null).find((d): d is string => !!d) ?? null;
  const eventDate = passage.eventDate ?? kbEventDate;
  return eventDate ? { passageDate: eventDate, dateKind: 'event' } : { passageDate: null, dateKind: null };
}

/** A role boundary (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as the first or last day it covers. */
function boundary(value: string, end: boolean): string {
  if (/^\d{4}$/.test(value)) return end ? `${value}-12-31` : `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) return end ? `${value}-31` : `${value}-01`;
  return value.slice(0, 10);
}

/** The role a person held on a date: the latest-starting role whose span covers it; null when none does. */
export function roleOn(person: Person, date: string | null): Role | null {
  if (!date) return null;
  const day = date.slice(0, 10);
  const covering = person.roles.filter(
    (r) => (r.from === null || boundary(r.from, false) <= day) && (r.to === null || day <= boundary(r.to, true)),
  );
  covering.sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
  return covering[0] ?? null;
}

/** Builds the passages index documents for a record set. */
export function buildPassageDocs(records: RecordSet, matcher: AliasMatcher): PassageIndexDoc[] {
  return records.passages.map(passageDocBuilder(records, matcher));
}

/**
 * The builder of one passage's index document, with the record set's articles, people and events
 * looked up once: a reindex builds documents one upload batch at a time with it.
 */
export function passageDocBuilder(records: Omit<RecordSet, 'passages'>, matcher: AliasMatcher): (p: Passage) => PassageIndexDoc {
  const articles = new Map<string, Article>(records.articles.map((a) => [a.id, a]));
  const people = new Map<string, Person>(records.people.map((p) => [p.id, p]));
  const events = new Map<string, Event>(records.events.map((e) => [e.id, e]));
  return (p: Passage): PassageIndexDoc => {
    const article = articles.get(p.articleId);
    const date = article?.date ?? null;
    const speaker = p.speakerId ? people.get(p.speakerId) : undefined;
    const aliases = [...new Set(matcher.groupsIn(p.text).flatMap((g) => g.forms))];
    const eventNames = p.eventIds.flatMap((id) => {
      const e = events.get(id);
      return e ? [e.name, ...e.aliases] : [];
    });
    const context = [...new Set([...(speaker ? [speaker.name] : []), ...eventNames])];
    const { passageDate, dateKind } = passageDateOf(date, p, events);
    return {
      ...p,
      title: article?.title ?? '',
      date,
      passageDate,
      dateKind,
      year: passageDate ? Number(passageDate.slice(0, 4)) : null,
      // Null, not 0, when undated: the engine sorts documents without a value after all others in
      // either direction, so "oldest first" never opens on undated passages.
      dateSort: passageDate ? dateToSort(passageDate) : null,
      source: article?.source ?? null,
      url: article?.url ?? null,
      sourceFile: article?.sourceFile ?? '',
      speakerName: speaker?.name ?? null,
      // The role held on the day the passage is dated by (publication, else the event).
      speakerRole: speaker ? (roleOn(speaker, passageDate)?.title ?? null) : null,
      textTelex: keyText(p.text, 'exact'),
      textFolded: keyText(p.text, 'folded'),
      aliasesTelex: aliases.map((a) => keyText(a, 'exact')),
      aliasesFolded: aliases.map((a) => keyText(a, 'folded')),
      contextTelex: context.map((c) => keyText(c, 'exact')),
      contextFolded: context.map((c) => keyText(c, 'folded')),
    };
  };
}
