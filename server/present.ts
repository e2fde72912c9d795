/**
 * Turns search-module records into the API's response shapes (schemas.ts): one place decides
 * what a passage, an article, a person or an event looks like on the wire.
 */
import type { Article, Event, Person } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';
import type { PassageOut } from './schemas.ts';

/** Fragment id of a passage on its article page: the passage id, which is stable across re-ingests. */
export function passageAnchor(passageId: string): string {
  return passageId;
}

/** Path of the page of a passage. */
export function passagePath(passageId: string): string {
  return `/passages/${encodeURIComponent(passageId)}`;
}

/** Path of the page of an article. */
export function articlePath(articleId: string): string {
  return `/articles/${encodeURIComponent(articleId)}`;
}

/** The absolute URL of a path on this server, as the client addressed it (scheme and Host). */
export function absoluteUrl(request: { protocol: string; host: string }, path: string): string {
  return `${request.protocol}://${request.host}${path}`;
}

/** Whose words a passage reports, with the role held that day; null when nobody's. */
export function presentSpeaker(p: Pick<PassageDoc, 'speakerId' | 'speakerName' | 'speakerRole'>): PassageOut['speaker'] {
  return p.speakerId ? { id: p.speakerId, name: p.speakerName ?? p.speakerId, role: p.speakerRole ?? null } : null;
}

/** A passage as every route returns it. */
export function presentPassage(p: PassageDoc): PassageOut {
  return {
    id: p.id,
    articleId: p.articleId,
    ordinal: p.ordinal,
    kind: p.kind,
    text: p.text,
    credit: p.credit ?? null,
    speaker: presentSpeaker(p),
    eventIds: p.eventIds ?? [],
    title: p.title,
    date: p.date ?? null,
    source: p.source ?? null,
    url: p.url ?? null,
    anchor: passageAnchor(p.id),
    permalink: passagePath(p.id),
    truncated: p.truncated === true,
    passageDate: p.passageDate ?? p.date ?? null,
    dateKind: p.dateKind ?? (p.date ? 'published' : null),
  };
}

/** The fields of an article a list or a citation needs. */
export function presentArticleSummary(a: Article) {
  return {
    id: a.id,
    title: a.title,
    date: a.date ?? null,
    source: a.source ?? null,
    author: a.author ?? null,
    url: a.url ?? null,
    eventIds: a.eventIds ?? [],
    permalink: articlePath(a.id),
  };
}

/** Roles earliest first; a role without a start date first of all. */
export function sortRoles(roles: Person['roles']): Person['roles'] {
  return [...roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
}

/** A person with roles over time and how many passages are attributed to them. */
export function presentPerson(p: Person, passageCount: number) {
  return { id: p.id, name: p.name, aliases: p.aliases ?? [], roles: sortRoles(p.roles ?? []), passageCount };
}

/** An event as the knowledge base records it, with how many passages belong to it. */
export function presentEvent(e: Event, passageCount: number) {
  return {
    id: e.id,
    name: e.name,
    ...(e.nameEn ? { nameEn: e.nameEn } : {}),
    aliases: e.aliases ?? [],
    type: e.type,
    date: e.date ?? null,
    endDate: e.endDate ?? null,
    themes: e.themes ?? [],
    passageCount,
  };
}

/** Orders passages as they read: by article date, then article, then position. */
export function byReadingOrder(a: PassageDoc, b: PassageDoc): number {
  return (a.dateSort ?? 0) - (b.dateSort ?? 0) || a.articleId.localeCompare(b.articleId) || a.ordinal - b.ordinal;
}
