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
  /** Each numbered list of the event's articles as one group, in document order (see `groupPoints`). */
  pointGroups: PointGroup[];
  /** Themes of other events (a session inside a conference) quoted in this event's articles, kept apart. */
  otherThemes: { text: string; eventId: string; passage: PassageDoc }[];
}

/**
 * One numbered list ("Thứ nhất, … Thứ hai, …") as the article prints it: who enumerates, the
 * sentence that introduces the list ("Thủ tướng đề nghị …", the passage just before the first
 * point, when it is not itself a point) and the points in document order.
 */
export interface PointGroup {
  articleId: string;
  speakerId: string | null;
  intro: PassageDoc | null;
  points: { ordinal: number; label: string; passage: PassageDoc }[];
}

/**
 * Splits an article's numbered points into its lists: a new list starts where the numbering
 * restarts (an ordinal not above the previous one) or the speaker changes. Points are taken in
 * document order (by passage position), never sorted by their ordinal, so two "Thứ nhất" lists
 * never interleave.
 */
export function groupPoints(
  article: Article,
  lookup: (passageId: string) => PassageDoc | undefined,
  byArticleOrdinal: (articleId: string, ordinal: number) => PassageDoc | undefined,
): PointGroup[] {
  const placed = (article.points ?? [])
    .map((pt) => ({ pt, passage: lookup(pt.passageId) }))
    .filter((x): x is { pt: (typeof x)['pt']; passage: PassageDoc } => x.passage !== undefined)
    .sort((a, b) => a.passage.ordinal - b.passage.ordinal);
  const pointIds = new Set(placed.map((x) => x.passage.id));
  const groups: PointGroup[] = [];
  let current: PointGroup | null = null;
  let last = 0;
  for (const { pt, passage } of placed) {
    const speakerId = pt.speakerId ?? passage.speakerId ?? null;
    if (!current || pt.ordinal <= last || speakerId !== current.speakerId) {
      const before = byArticleOrdinal(article.id, passage.ordinal - 1);
      current = { articleId: article.id, speakerId, intro: before && !pointIds.has(before.id) ? before : null, points: [] };
      groups.push(current);
    }
    current.points.push({ ordinal: pt.ordinal, label: pt.label, passage });
    last = pt.ordinal;
  }
  return groups;
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
  // The sentence before each list introduces it ("Thủ tướng đề nghị …"): fetch it with the points.
  const articleIds = articles.filter((a) => (a.points ?? []).length > 0).map((a) => a.id);
  const [fetched, around] = await Promise.all([
    Promise.all([...missing].map((id) => app.searchService.getPassage(id))),
    articleIds.length > 0 ? app.searchService.findPassages({ articleId: articleIds }) : Promise.resolve([]),
  ]);
  const byPosition = new Map(around.map((p) => [`${p.articleId}\u0000${p.ordinal}`, p]));
  const lookup = new Map(byId);
  for (const p of fetched) if (p) lookup.set(p.id, p);
  for (const p of around) lookup.set(p.id, p);

  const themes: EventDetail['themes'] = [];
  const otherThemes: EventDetail['otherThemes'] = [];
  const seenThemes = new Set<string>();
  for (const a of articles) {
    for (const t of a.themes ?? []) {
      const passage = lookup.get(t.passageId);
      const key = `${t.eventId ?? event.id}\u0000${themeKey(t.text)}`;
      if (!passage || seenThemes.has(key)) continue;
      seenThemes.add(key);
      // A session's theme (Hội nghị Ngoại vụ 21 inside HNNG 32) is not the conference's theme.
      if (t.eventId !== null && t.eventId !== event.id) otherThemes.push({ text: t.text, eventId: t.eventId, passage });
      else themes.push({ text: t.text, passage });
    }
  }
  const pointGroups = articles.flatMap((a) =>
    groupPoints(a, (id) => lookup.get(id), (articleId, ordinal) => byPosition.get(`${articleId}\u0000${ordinal}`)),
  );

  // Document order: two lists of one article ("Thứ nhất … Thứ năm", then again) stay apart.
  const keyPoints: EventDetail['keyPoints'] = pointGroups.flatMap((g) => g.points);

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
    pointGroups,
    otherThemes,
  };
}

/** The wire shape of an event detail (without the passage list, which can be long). */
export function presentEventDetail(d: EventDetail) {
  const speakerOf = (id: string | null, at: PassageDoc | undefined) => {
    if (!id) return null;
    const said = d.passages.find((p) => p.speakerId === id) ?? at;
    return { id, name: said?.speakerId === id ? (said.speakerName ?? id) : id, role: said?.speakerId === id ? (said.speakerRole ?? null) : null };
  };
  return {
    event: presentEvent(d.event, d.passages.length),
    themes: d.themes.map((t) => ({ text: t.text, source: t.passage.source ?? null, passage: presentPassage(t.passage) })),
    otherThemes: d.otherThemes.map((t) => ({ text: t.text, eventId: t.eventId, source: t.passage.source ?? null, passage: presentPassage(t.passage) })),
    pointGroups: d.pointGroups.map((g) => ({
      articleId: g.articleId,
      speaker: speakerOf(g.speakerId, g.points[0]?.passage),
      intro: g.intro ? { text: g.intro.text, passageId: g.intro.id } : null,
      points: g.points.map((p) => ({ ordinal: p.ordinal, label: p.label, text: p.passage.text, passageId: p.passage.id })),
    })),
    speakers: d.speakers,
    articles: d.articles.map(presentArticleSummary),
    keyPoints: d.keyPoints.map((k) => ({ ordinal: k.ordinal, label: k.label, passage: presentPassage(k.passage) })),
  };
}
