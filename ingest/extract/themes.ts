/**
 * Conference themes: the quoted words after "chủ đề" ("lấy chủ đề “…”", "với chủ đề "…"",
 * "có chủ đề: "…"", "chủ đề của Hội nghị … là “…”"), verbatim without the marks, each assigned
 * to the event the sentence ties it to.
 */
import type { KnowledgeBase } from '../types.ts';
import { findEventMentions } from './events.ts';
import { countWords, sentenceEnd, sentenceStart } from './match.ts';
import { findQuoteSpans } from './quotes.ts';

/** A theme found in one passage, before it gets a passage id. */
export interface FoundTheme {
  text: string;
  eventId: string | null;
  /** Where the quoted words start in the passage (to tell themes from other quotes). */
  start: number;
}

const THEME_CUE = /(?<![\p{L}])(chủ đề|khẩu hiệu|theme)(?![\p{L}])/giu;

/**
 * Themes in a passage. The event is, in order: one named between "chủ đề" and the quote
 * ("chủ đề của Hội nghị Ngoại giao lần thứ 32 là “…”"), the nearest one named before in the
 * same sentence ("HNNG 31 lấy chủ đề “…”"), the first one named after it in the sentence
 * ("Với chủ đề “…”, Hội nghị Ngoại vụ 21 diễn ra"), else `fallbackEventId`.
 */
export function findThemes(text: string, kb: KnowledgeBase, fallbackEventId: string | null): FoundTheme[] {
  const quotes = findQuoteSpans(text);
  const events = findEventMentions(text, kb);
  const out: FoundTheme[] = [];
  for (const cue of text.matchAll(THEME_CUE)) {
    const cueEnd = cue.index + cue[0].length;
    const q = quotes.find((s) => s.start > cueEnd && s.start - cueEnd <= 100);
    if (!q) continue;
    const between = text.slice(cueEnd, q.start - 1);
    if (/[.;!?]\s/.test(between) || countWords(q.text) < 4) continue;
    const from = sentenceStart(text, cue.index);
    const to = sentenceEnd(text, q.end);
    const inside = events.find((e) => e.start >= cueEnd && e.end <= q.start);
    const before = events.filter((e) => e.start >= from && e.end <= cue.index).pop();
    const after = events.find((e) => e.start >= q.end && e.start < to);
    const eventId = inside?.id ?? before?.id ?? after?.id ?? fallbackEventId;
    if (out.some((t) => t.start === q.start)) continue;
    out.push({ text: q.text, eventId, start: q.start });
  }
  return out;
}
