/**
 * Events named in text, through the knowledge base's names and aliases matched on
 * diacritic- and case-folded text ("HNNG 31", "Hội nghị Ngoại giao lần thứ 31",
 * "Hoi nghi Ngoai giao 31", "31st Diplomatic Conference"). Only whole aliases match, so a
 * look-alike such as "Phiên họp thứ 31" of the Standing Committee is never `hnng-31`.
 */
import type { KnowledgeBase } from '../types.ts';
import { compileAliases, memoizeByObject, type AliasMatcher, type TextMatch } from './match.ts';

/** An event named in a text. */
export interface EventMention extends TextMatch {
  id: string;
}

/**
 * Spelling variants every numbered name has, so the KB need not list them: "lần thứ 32" is also
 * printed "lần 32", "Hội nghị Ngoại giao 32" also "Hội nghị Ngoại giao thứ 32".
 */
export function aliasVariants(alias: string): string[] {
  const out = [alias];
  if (/lần thứ \d/u.test(alias)) out.push(alias.replace(/lần thứ (\d)/u, 'lần $1'));
  return out;
}

const eventMatcher = memoizeByObject((kb: KnowledgeBase): AliasMatcher =>
  compileAliases(
    kb.events.flatMap((e) => [e.name, ...e.aliases].flatMap(aliasVariants).map((alias) => ({ id: e.id, alias }))),
    { foldAll: true },
  ),
);

/** Words around a name that say the article only mentions the event ("từ HNNG 31 đến nay", "since the 30th conference"). */
const MENTION_BEFORE = /(?:^|[\s(,])(?:từ|kể từ|since|after|sau|trước đó|như tại|the previous|the last|tại các)\s+(?:the\s+)?$/iu;
const MENTION_AFTER = /^\s*(?:đến nay|tới nay|trở lại đây|vừa qua|trước đây|lần trước|to date|\(\d{4}\))/iu;

/** True when the event named at `m` is only mentioned there, not what the sentence is about. */
export function isMentionOnly(text: string, m: TextMatch): boolean {
  return MENTION_BEFORE.test(text.slice(Math.max(0, m.start - 20), m.start)) || MENTION_AFTER.test(text.slice(m.end, m.end + 20));
}

/** Events a text is about (not only mentioned), in order of first appearance. */
export function aboutEventIdsIn(text: string, kb: KnowledgeBase): string[] {
  return [...new Set(findEventMentions(text, kb).filter((m) => !isMentionOnly(text, m)).map((m) => m.id))];
}

/** Knowledge-base events named in `text`, in order of appearance. */
export function findEventMentions(text: string, kb: KnowledgeBase): EventMention[] {
  return eventMatcher(kb).find(text);
}

/** Distinct event ids of `text`, in order of first appearance. */
export function eventIdsIn(text: string, kb: KnowledgeBase): string[] {
  return [...new Set(findEventMentions(text, kb).map((m) => m.id))];
}

/**
 * Ranks the events an article names by salience: a mention in the title counts 5, in the
 * lead 3, elsewhere 1; ties go to the event named first. The first id is the article's main event.
 */
export function rankArticleEvents(title: string, lead: string | null, body: readonly string[], kb: KnowledgeBase): string[] {
  return rankEvents(title, lead, body, kb).about;
}

/**
 * Events the article is about (ranked as `rankArticleEvents` says) and those it only mentions:
 * an event every occurrence of which is in a mention context (`isMentionOnly`) and that the
 * title does not name.
 */
export function rankEvents(title: string, lead: string | null, body: readonly string[], kb: KnowledgeBase): { about: string[]; mentioned: string[] } {
  const score = new Map<string, number>();
  const first = new Map<string, number>();
  const mentionedOnly = new Set<string>();
  let order = 0;
  const add = (text: string, weight: number) => {
    for (const m of findEventMentions(text, kb)) {
      if (weight !== 5 && isMentionOnly(text, m)) {
        if (!score.has(m.id)) mentionedOnly.add(m.id);
        continue;
      }
      mentionedOnly.delete(m.id);
      score.set(m.id, (score.get(m.id) ?? 0) + weight);
      if (!first.has(m.id)) first.set(m.id, order++);
    }
  };
  add(title, 5);
  if (lead) add(lead, 2); // the lead is also in `body`: 2 + 1 = 3
  for (const text of body) add(text, 1);
  const about = [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (first.get(a) ?? 0) - (first.get(b) ?? 0));
  return { about, mentioned: [...mentionedOnly].filter((id) => !score.has(id)) };
}

/** Numbered conference names whose number the knowledge base may not know yet. */
const NUMBERED_EVENT = /(?<![\p{L}])(?:Hội nghị Ngoại giao (?:lần )?(?:thứ )?\d{1,2}|Hội nghị Ngoại vụ (?:toàn quốc )?(?:lần )?(?:thứ )?\d{1,2}|HNNG (?:lần )?(?:thứ )?\d{1,2}|\d{1,2}(?:st|nd|rd|th) Diplomatic Conference)(?![\p{N}])/giu;

/**
 * Numbered conferences named in `text` that no knowledge-base alias covers ("Hội nghị Ngoại
 * giao lần thứ 33"), so the CLI can tell curators which events to add.
 */
export function findUnknownEventNames(text: string, kb: KnowledgeBase): string[] {
  const known = findEventMentions(text, kb);
  const out: string[] = [];
  for (const m of text.matchAll(NUMBERED_EVENT)) {
    const end = m.index + m[0].length;
    if (known.some((k) => k.start <= m.index && end <= k.end)) continue;
    if (!out.includes(m[0])) out.push(m[0]);
  }
  return out;
}
