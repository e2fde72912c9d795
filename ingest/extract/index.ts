/**
 * Extraction: one clean document → one article, its passages, candidate people and warnings.
 * Pure: the knowledge base is passed in, nothing is read or written here.
 *
 * Passage `eventIds` are the article's main event (the one it is about) followed by every other
 * event the passage itself names, so filtering passages by an event finds the whole report on it.
 */
import { describeRemovals } from '../clean/injected.ts';
import type {
  Article,
  CandidatePerson,
  CleanBlock,
  CleanDocument,
  ExtractedArticle,
  Figure,
  IngestWarning,
  KnowledgeBase,
  Passage,
  PassageKind,
  Person,
  Point,
  Quote,
  Theme,
} from '../types.ts';
import { attributeArticle, isAuthorLine, namedPeople } from './attribution.ts';
import { extractByline, extractOutlet } from './byline.ts';
import { detectLanguage } from './language.ts';
import { extractDate, statedDate } from './date.ts';
import { aboutEventIdsIn, findEventMentions, findUnknownEventNames, rankEvents } from './events.ts';
import { findFigures } from './figures.ts';
import { articleId as makeArticleId, passageIds } from './ids.ts';
import { passageKind } from './passages.ts';
import { findCandidateNames, findPersonMentions } from './people.ts';
import { findThemes } from './themes.ts';
import { deriveTitle } from './title.ts';
import { truncatedFlags } from './truncation.ts';

export { articleId, passageIds } from './ids.ts';

/** Extracts the article record and its passages from a clean document. */
export function extractArticle(doc: CleanDocument, kb: KnowledgeBase): ExtractedArticle {
  const warnings: IngestWarning[] = [];
  const id = makeArticleId(doc.source.sha256);
  const byline = extractByline(doc);
  // An author's position line before the lead ("Bùi Thanh Sơn, Bộ trưởng Bộ Ngoại giao") is the byline of an op-ed, not a heading.
  if (!byline.author && byline.blockIndex === null) {
    const firstProse = doc.blocks.findIndex((b) => b.kind !== 'caption' && b.text.split(/\s+/).length >= 12);
    for (let i = 0; i < Math.min(firstProse === -1 ? 2 : firstProse, 3, doc.blocks.length - 1); i++) {
      const b = doc.blocks[i] as CleanBlock;
      if (b.kind !== 'caption' && isAuthorLine(b.text, kb)) {
        byline.author = b.text.trim();
        byline.blockIndex = i;
        break;
      }
    }
  }
  const blocks: CleanBlock[] = doc.blocks
    .filter((_, i) => i !== byline.blockIndex)
    .map((b) => ({ ...b, text: b.text.trim() }))
    .filter((b) => b.text.length > 0);
  const kinds = blocks.map(passageKind);
  const ids = passageIds(id, blocks.map((b) => b.text));

  // The lead is the first real paragraph: not a one-line label or an upper-case document heading.
  const isProse = (t: string) => t.split(/\s+/).length >= 8 && t !== t.toUpperCase();
  const paragraphs = kinds.map((k) => k === 'paragraph' || k === 'quote');
  const proseIndex = blocks.findIndex((b, i) => paragraphs[i] && isProse(b.text));
  const leadIndex = proseIndex !== -1 ? proseIndex : paragraphs.indexOf(true);
  const firstText = blocks.findIndex((_, i) => kinds[i] !== 'caption');
  const lead = leadIndex === -1 ? null : (blocks[leadIndex] as CleanBlock).text;
  const declaredTitle = doc.title?.text.trim() || doc.meta.title?.trim() || '';
  const titleDerived = declaredTitle === '';
  const title = declaredTitle || deriveTitle(lead ?? (firstText === -1 ? '' : (blocks[firstText] as CleanBlock).text)) || doc.source.path;
  if (titleDerived) warnings.push({ file: doc.source.path, rule: 'title-derived', message: `no title line; derived "${title}" from the lead` });

  const bodyTexts = blocks.map((b) => b.text);
  const { about: eventIds, mentioned: mentionedEventIds } = rankEvents(title, lead, bodyTexts, kb);
  const mainEventId = eventIds[0] ?? null;
  const unknownEvents = new Set([title, ...bodyTexts].flatMap((t) => findUnknownEventNames(t, kb)));
  for (const name of unknownEvents) warnings.push({ file: doc.source.path, rule: 'unknown-event', message: `"${name}" is not in the knowledge base (corpus/kb/events.json)` });
  const eventById = new Map(kb.events.map((e) => [e.id, e]));
  const mainEvent = (mainEventId && eventById.get(mainEventId)) || null;
  const allText = [title, ...bodyTexts].join('\n');
  const date = extractDate(doc, lead, allText, mainEvent);

  // Attribution: the cue table on each passage, then the article-level rules (attribution.ts).
  const titleMentions = findPersonMentions(title, kb);
  const attributed = attributeArticle(
    blocks.map((b, i) => ({ text: b.text, kind: kinds[i] as PassageKind })),
    { kb, title, date: date.date ?? mainEvent?.date ?? null, byline: byline.author ?? (doc.meta.author?.trim() || null) },
  );
  const { speakerIds, decisions } = attributed;
  attributed.kinds.forEach((k, i) => (kinds[i] = k));
  const points: Point[] = [];
  for (const run of attributed.runs) {
    run.indexes.forEach((idx, k) => {
      points.push({ ordinal: run.ordinals[k] as number, label: run.labels[k] as string, passageId: ids[idx] as string, speakerId: speakerIds[idx] ?? null });
    });
  }
  points.sort((a, b) => ids.indexOf(a.passageId) - ids.indexOf(b.passageId));

  const passages: Passage[] = blocks.map((b, i) => {
    const named = aboutEventIdsIn(b.text, kb);
    const passageEvents = mainEventId ? [mainEventId, ...named.filter((e) => e !== mainEventId)] : named;
    const eventDate = kinds[i] === 'caption' ? null : (statedDate(b.text) ?? passageEvents.map((e) => eventById.get(e)?.date ?? null).find((d) => d !== null) ?? null);
    return {
      id: ids[i] as string,
      articleId: id,
      ordinal: i,
      kind: kinds[i] as Passage['kind'],
      text: b.text,
      credit: b.credit ?? null,
      speakerId: kinds[i] === 'caption' ? null : (speakerIds[i] ?? null),
      eventIds: passageEvents,
      eventDate,
      span: b.span,
      truncated: false,
    };
  });
  truncatedFlags(passages).forEach((flag, i) => ((passages[i] as Passage).truncated = flag));
  // Characters injected inside words that cleaning removed: named per passage in the report.
  blocks.forEach((b, i) => {
    if (!b.removed?.length) return;
    for (const line of describeRemovals(b.text, b.removed)) warnings.push({ file: doc.source.path, rule: 'injected-char', message: `passage ${ids[i]} (#${i}): ${line}` });
  });
  if (doc.title?.removed?.length) {
    for (const line of describeRemovals(doc.title.text, doc.title.removed)) warnings.push({ file: doc.source.path, rule: 'injected-char', message: `title: ${line}` });
  }

  const quotes: Quote[] = [];
  const themes: Theme[] = [];
  const figures: Figure[] = [];
  const language = detectLanguage(allText, doc.meta.language);
  passages.forEach((p, i) => {
    const found = findThemes(p.text, kb, mainEventId);
    for (const t of found) themes.push({ text: t.text, eventId: t.eventId, passageId: p.id });
    for (const q of decisions[i]?.quotes ?? []) {
      if (found.some((t) => t.start === q.span.start)) continue;
      // A quote that names no source takes the passage's speaker, including one found from context.
      const speakerId = q.own ? q.speakerId : (q.speakerId ?? p.speakerId);
      quotes.push({ text: q.span.text, speakerId, passageId: p.id });
    }
    if (language === 'vi' && p.kind !== 'caption') for (const f of findFigures(p.text, findEventMentions(p.text, kb))) figures.push({ ...f, passageId: p.id });
  });

  // Speakers: people with attributed passages, most passages first (quotations keep their own speakers in `quotes`).
  const score = new Map<string, number>();
  passages.forEach((p) => {
    if (p.speakerId) score.set(p.speakerId, (score.get(p.speakerId) ?? 0) + 1);
  });
  const articleSpeakers = [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0));

  // People named anywhere (title first), and titled names the KB lacks (provisional people), from one pass per passage.
  const mentionIds: string[] = [];
  const candidates: CandidatePerson[] = [];
  const provisional = new Map<string, Person>();
  const addMentions = (mentions: readonly { id: string }[]) => {
    for (const m of mentions) if (!mentionIds.includes(m.id)) mentionIds.push(m.id);
  };
  const addProvisional = (found: ReturnType<typeof namedPeople>['provisional'], passageId: string) => {
    for (const c of found) {
      if (!provisional.has(c.id)) provisional.set(c.id, { id: c.id, name: c.name, aliases: [], roles: c.printedTitle ? [{ title: c.printedTitle, from: null, to: null }] : [], provisional: true });
      if (!candidates.some((x) => x.name === c.name)) candidates.push({ name: c.name, title: c.printedTitle, articleId: id, passageId });
    }
    addMentions(found);
  };
  addMentions(titleMentions);
  addProvisional(namedPeople(title, kb).provisional, ids[0] ?? id);
  for (const p of passages) {
    const found = namedPeople(p.text, kb);
    addMentions(found.mentions);
    addProvisional(found.provisional, p.id);
  }
  // A provisional person someone speaks as but the text names only by a label is still listed.
  for (const s of articleSpeakers) if (!mentionIds.includes(s)) mentionIds.push(s);
  for (const c of candidates) warnings.push({ file: doc.source.path, rule: 'candidate-person', message: `${c.title} ${c.name} is not in the knowledge base` });

  const article: Article = {
    id,
    title,
    titleDerived,
    date: date.date,
    dateSource: date.source,
    source: extractOutlet(doc, kb),
    author: byline.author ?? (doc.meta.author?.trim() || null),
    url: doc.meta.url ?? null,
    sourceFile: doc.source.path,
    sourceSha256: doc.source.sha256,
    language,
    eventIds,
    mentionedEventIds,
    dateline: doc.dropped.find((d) => d.rule === 'agency-tag')?.text ?? null,
    speakerIds: articleSpeakers,
    mentionIds,
    themes,
    lead,
    points,
    quotes,
    figures,
  };
  return { article, passages, candidates, warnings, people: [...provisional.values()].filter((p) => mentionIds.includes(p.id)) };
}
