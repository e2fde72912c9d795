/**
 * Gathers what the event page and the compare view show of one event: its passages, its
 * articles, the theme slogans quoted verbatim (each with its passage), who spoke, and the
 * numbered key points. Shared by `GET /api/events/:id` and `GET /api/compare`.
 */
import type { FastifyInstance } from 'fastify';
import type { Article, Event } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';
import { byReadingOrder, presentArticleSummary, presentEvent, presentPassage } from './present.ts';

/** One event with everything gathered about it. */
export interface EventDetail {
  event: Event;
  passages: PassageDoc[];
  articles: Article[];
  themes: { text: string; passage: PassageDoc }[];
  speakers: { id: string; name: string; role: string | null; passageCount: number }[];
  keyPoints: { ordinal: number; label: string; passage: PassageDoc }[];
}

/** Normalises a theme for de-duplication only (the verbatim text is what is returned). */
function themeKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Loads one event's passages and articles and derives themes, speakers and key points.
 * `everyArticle` is the list of all articles, when the caller already asked for it (the compare view, once for all its events).
 */
export async function loadEventDetail(
  app: FastifyInstance,
  event: Event,
  everyArticle: Promise<Article[]> = app.searchService.listArticles(),
): Promise<EventDetail> {
  const [passages, allArticles] = await Promise.all([app.searchService.findPassages({ event: [event.id] }), everyArticle]);
  passages.sort(byReadingOrder);
  const byId = new Map(passages.map((p) => [p.id, p]));
  const articles = allArticles
    .filter((a) => (a.eventIds ?? []).includes(event.id))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id));

  // A theme or point may sit in a passage the extractor did not tag with the event: fetch those.
  const missing = new Set<string>();
  for (const a of articles) {
    for (const t of a.themes ?? []) if (!byId.has(t.passageId)) missing.add(t.passageId);
    for (const p of a.points ?? []) if (!byId.has(p.passageId)) missing.add(p.passageId);
  }
  const fetched = await Promise.all([...missing].map((id) => app.searchService.getPassage(id)));
  const lookup = new Map(byId);
  for (const p of fetched) if (p) lookup.set(p.id, p);

  const themes: EventDetail['themes'] = [];
  const seenThemes = new Set<string>();
  for (const a of articles) {
    for (const t of a.themes ?? []) {
      if (t.eventId !== null && t.eventId !== event.id) continue;
      const passage = lookup.get(t.passageId);
      const key = themeKey(t.text);
      if (!passage || seenThemes.has(key)) continue;
      seenThemes.add(key);
      themes.push({ text: t.text, passage });
    }
  }

  const keyPoints: EventDetail['keyPoints'] = [];
  for (const a of articles) {
    for (const pt of [...(a.points ?? [])].sort((x, y) => x.ordinal - y.ordinal)) {
      const passage = lookup.get(pt.passageId);
      if (passage) keyPoints.push({ ordinal: pt.ordinal, label: pt.label, passage });
    }
  }

  const speakers = new Map<string, EventDetail['speakers'][number]>();
  for (const p of passages) {
    if (!p.speakerId) continue;
    const s = speakers.get(p.speakerId) ?? { id: p.speakerId, name: p.speakerName ?? p.speakerId, role: p.speakerRole ?? null, passageCount: 0 };
    s.passageCount++;
    speakers.set(p.speakerId, s);
  }
  return {
    event,
    passages,
    articles,
    themes,
    speakers: [...speakers.values()].sort((a, b) => b.passageCount - a.passageCount || a.name.localeCompare(b.name, 'vi')),
    keyPoints,
  };
}

/** The wire shape of an event detail (without the passage list, which can be long). */
export function presentEventDetail(d: EventDetail) {
  return {
    event: presentEvent(d.event, d.passages.length),
    themes: d.themes.map((t) => ({ text: t.text, passage: presentPassage(t.passage) })),
    speakers: d.speakers,
    articles: d.articles.map(presentArticleSummary),
    keyPoints: d.keyPoints.map((k) => ({ ordinal: k.ordinal, label: k.label, passage: presentPassage(k.passage) })),
  };
}
