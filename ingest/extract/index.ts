/**
 * Extraction: one clean document → one article, its passages, candidate people and warnings.
 * Pure: the knowledge base is passed in, nothing is read or written here.
 *
 * Passage `eventIds` are the article's main event (the one it is about) followed by every other
 * event the passage itself names, so filtering passages by an event finds the whole report on it.
 */
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
  Point,
  Quote,
  Theme,
} from '../types.ts';
import { attributePassage, continuesPrevious, isSalutation, TitleResolver } from './attribution.ts';
import { detectLanguage, extractByline, extractOutlet } from './byline.ts';
import { extractDate } from './date.ts';
import { eventIdsIn, findEventMentions, findUnknownEventNames, rankArticleEvents } from './events.ts';
import { findFigures } from './figures.ts';
import { articleId as makeArticleId, passageIds } from './ids.ts';
import { passageKind } from './passages.ts';
import { findCandidateNames, findPersonMentions } from './people.ts';
import { findPointRuns } from './points.ts';
import { findThemes } from './themes.ts';
import { deriveTitle } from './title.ts';
import { truncatedFlags } from './truncation.ts';

export { articleId, passageIds } from './ids.ts';

/** Extracts the article record and its passages from a clean document. */
export function extractArticle(doc: CleanDocument, kb: KnowledgeBase): ExtractedArticle {
  const warnings: IngestWarning[] = [];
  const id = makeArticleId(doc.source.sha256);
  const byline = extractByline(doc);
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
  const eventIds = rankArticleEvents(title, lead, bodyTexts, kb);
  const mainEventId = eventIds[0] ?? null;
  const unknownEvents = new Set([title, ...bodyTexts].flatMap((t) => findUnknownEventNames(t, kb)));
  for (const name of unknownEvents) warnings.push({ file: doc.source.path, rule: 'unknown-event', message: `"${name}" is not in the knowledge base (corpus/kb/events.json)` });
  const mainEvent = kb.events.find((e) => e.id === mainEventId) ?? null;
  const allText = [title, ...bodyTexts].join('\n');
  const date = extractDate(doc, lead, allText, mainEvent);

  // Attribution, passage by passage, with the article-wide title resolver.
  const titleMentions = findPersonMentions(title, kb);
  const resolver = new TitleResolver();
  resolver.observe(titleMentions);
  let lastSpeaker: string | null = null;
  const decisions = blocks.map((b, i) => {
    if (kinds[i] === 'caption') return null;
    const d = attributePassage(b.text, kb, resolver, lastSpeaker);
    if (d.speakerId) lastSpeaker = d.speakerId;
    else if (d.unresolved) lastSpeaker = null;
    return d;
  });
  const speakerIds: (string | null)[] = decisions.map((d) => d?.speakerId ?? null);

  // A full speech: from the salutation on, the words are those of the person named before it.
  const salutation = blocks.findIndex((b, i) => kinds[i] !== 'caption' && isSalutation(b.text));
  if (salutation !== -1) {
    const counts = new Map<string, number>();
    for (const text of [title, ...blocks.slice(0, salutation).map((b) => b.text)]) {
      for (const m of findPersonMentions(text, kb)) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    }
    const orator = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    if (orator) for (let i = salutation; i < blocks.length; i++) if (kinds[i] !== 'caption' && speakerIds[i] === null) speakerIds[i] = orator;
  }

  // Numbered points and the paragraphs inside their run belong to whoever announced the run.
  const runs = findPointRuns(blocks.map((b, i) => (kinds[i] === 'caption' || kinds[i] === 'heading' ? null : b.text)));
  const points: Point[] = [];
  for (const run of runs) {
    const firstIdx = run.indexes[0] as number;
    const lastIdx = run.indexes[run.indexes.length - 1] as number;
    let announcer: string | null = null;
    for (let i = firstIdx - 1; i >= 0; i--) {
      if (kinds[i] === 'caption') continue;
      announcer = speakerIds[i] ?? null;
      break;
    }
    for (let i = firstIdx; i <= lastIdx; i++) {
      if (kinds[i] === 'caption') continue;
      if (speakerIds[i] === null && !decisions[i]?.unresolved) speakerIds[i] = announcer;
    }
    run.indexes.forEach((idx, k) => {
      points.push({ ordinal: run.ordinals[k] as number, label: run.labels[k] as string, passageId: ids[idx] as string, speakerId: speakerIds[idx] ?? null });
      kinds[idx] = 'list-item';
    });
  }

  // A connective opener continues the previous (non-caption) passage's speaker, and so does what a
  // colon announces ("Thủ tướng nhấn mạnh:" + a quotation, or + a list, item after item).
  let previous: number | null = null;
  let announced: string | null = null;
  for (let i = 0; i < blocks.length; i++) {
    if (kinds[i] === 'caption') continue;
    const d = decisions[i];
    const text = (blocks[i] as CleanBlock).text;
    const prevText = previous === null ? '' : (blocks[previous] as CleanBlock).text.trim();
    if (previous !== null && prevText.endsWith(':')) announced = speakerIds[previous] ?? null;
    else if (kinds[i] !== 'list-item') announced = null;
    if (speakerIds[i] === null && previous !== null && !d?.unresolved) {
      if (continuesPrevious(text)) speakerIds[i] = speakerIds[previous] ?? null;
      else if (announced && (kinds[i] === 'list-item' || kinds[i] === 'quote' || prevText.endsWith(':'))) speakerIds[i] = announced;
    }
    previous = i;
  }

  const passages: Passage[] = blocks.map((b, i) => {
    const named = eventIdsIn(b.text, kb);
    const passageEvents = mainEventId ? [mainEventId, ...named.filter((e) => e !== mainEventId)] : named;
    return {
      id: ids[i] as string,
      articleId: id,
      ordinal: i,
      kind: kinds[i] as Passage['kind'],
      text: b.text,
      credit: b.credit ?? null,
      speakerId: kinds[i] === 'caption' ? null : (speakerIds[i] ?? null),
      eventIds: passageEvents,
      span: b.span,
      truncated: false,
    };
  });
  truncatedFlags(passages).forEach((flag, i) => ((passages[i] as Passage).truncated = flag));

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

  // People named anywhere (title first), and titled names the KB lacks, from one mention pass per passage.
  const mentionIds: string[] = [];
  const candidates: CandidatePerson[] = [];
  const addMentions = (mentions: readonly { id: string }[]) => {
    for (const m of mentions) if (!mentionIds.includes(m.id)) mentionIds.push(m.id);
  };
  addMentions(titleMentions);
  for (const p of passages) {
    const mentions = findPersonMentions(p.text, kb);
    addMentions(mentions);
    for (const c of findCandidateNames(p.text, mentions)) {
      if (candidates.some((x) => x.name === c.name)) continue;
      candidates.push({ name: c.name, title: c.title, articleId: id, passageId: p.id });
    }
  }
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
    speakerIds: articleSpeakers,
    mentionIds,
    themes,
    lead,
    points,
    quotes,
    figures,
  };
  return { article, passages, candidates, warnings };
}
