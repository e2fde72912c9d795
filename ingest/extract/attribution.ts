/**
 * Attribution: whose words each passage reports. A wrong speaker is worse than none, so every
 * rule needs the text to say so, and anything unsure stays null.
 *
 * - A speech verb after a person ("Thủ tướng Chính phủ Phạm Minh Chính biểu dương",
 *   "“…”, Phó Thủ tướng nhấn mạnh", "Theo Phó Thủ tướng Trần Lưu Quang, …"). A bare title
 *   ("Phó Thủ tướng") is the person last named with that title in the article; a title nobody
 *   in the article was named with (extra 02's "Thủ tướng") resolves to no one, and the passage stays null.
 * - People introduced by "của", "như", "với", "cho" are not the subject ("báo cáo với Phó Thủ tướng …").
 * - A run of numbered points belongs to the speaker of the paragraph that announces it, and so
 *   do the paragraphs inside the run; a paragraph opening with a connective ("Đồng thời,",
 *   "Theo đó,") continues the previous paragraph's speaker.
 * - A full speech (a salutation line such as "Thưa các đồng chí," or "Dear all comrades,")
 *   belongs, from the salutation on, to the person the article names before it.
 * - A quotation is its own: "như đánh giá của Tổng Bí thư Nguyễn Phú Trọng …: “…”" is Trọng's
 *   even inside Trần Lưu Quang's paragraph (the paragraph stays Quang's: he is the one reporting it).
 */
import type { KnowledgeBase } from '../types.ts';
import { sentenceStart } from './match.ts';
import { findCandidateNames, findPersonMentions, findTitleReferences, titleBefore, type PersonMention } from './people.ts';
import { findQuoteSpans, isQuotation, type QuoteSpan } from './quotes.ts';

const SPEECH_VERBS = [
  'nhấn mạnh', 'cho rằng', 'đề nghị', 'cho biết', 'nêu rõ', 'nêu lên', 'từng nêu', 'khẳng định', 'yêu cầu', 'lưu ý',
  'chỉ ra', 'chỉ rõ', 'đánh giá', 'ghi nhận', 'biểu dương', 'nói', 'phân tích', 'chia sẻ', 'gợi mở',
  'tin tưởng', 'nhìn nhận', 'khái quát', 'đưa ra', 'bày tỏ', 'kêu gọi', 'đề xuất', 'nhận định',
  'trình bày', 'báo cáo', 'mong muốn', 'hoan nghênh', 'kết luận', 'quán triệt', 'nêu', 'cho hay', 'nhắc lại',
  'nêu bật', 'khuyến nghị', 'nhắn nhủ', 'căn dặn', 'dặn dò', 'đề cập', 'nhận xét', 'phát biểu rằng',
  'said', 'says', 'stressed', 'emphasised', 'emphasized', 'noted', 'affirmed', 'underlined', 'highlighted', 'urged', 'told',
  'added', 'stated', 'pointed out', 'expressed', 'asked', 'called for',
];
/**
 * "chỉ đạo" reports words ("Thủ tướng chỉ đạo Bộ Ngoại giao tập trung …") except when it only says
 * who chaired or addressed the meeting ("dự và chỉ đạo hội nghị", "phát biểu chỉ đạo tại Đại hội").
 */
const DIRECTS = 'chỉ\\s+đạo(?!\\s*[.,;]|\\s+(?:toàn\\s+diện\\s+)?(?:tại|hội\\s+nghị|đại\\s+hội|phiên|buổi|lễ|chung)(?![\\p{L}]))';
const VERB_RE = new RegExp(`(?<![\\p{L}])(${SPEECH_VERBS.map((v) => v.replace(/\s+/g, '\\s+')).join('|')}|${DIRECTS})(?![\\p{L}])`, 'giu');
/** A speech verb anywhere, and one opening a quotation's tail ("”, Thủ tướng cũng nhấn mạnh"): compiled once, not per quote. */
const HAS_VERB = new RegExp(VERB_RE.source, 'iu');
const TAIL_VERB = new RegExp(`^\\s*(cũng\\s+|đã\\s+)?${VERB_RE.source}`, 'iu');

/** Markers before a name that make it an object or a source, not the subject of the sentence. */
const NOT_SUBJECT = /(của|như|với|cho|tặng|gửi|đón|tới|lên|trình|by|to|with)\s+$/iu;
const MAX_AGENT_TO_VERB = 120;

/** True when the words just before `start` make whoever is named there an object ("báo cáo với Phó Thủ tướng …"). */
function isObjectAt(text: string, start: number): boolean {
  return NOT_SUBJECT.test(text.slice(Math.max(0, start - 12), start));
}

/** Openers that continue the previous paragraph's reported speech. */
const CONTINUES = /^(Đồng thời|Bên cạnh đó|Ngoài ra|Theo đó|Cùng với đó|Trên cơ sở đó|Do đó|Vì vậy|Vì thế|Mặt khác|Hơn nữa|Qua đó|Từ đó|Với tinh thần (này|đó)|Về (ngoại giao|công tác|xây dựng))[\s,]/u;

/** Salutations that open a speech given in full. */
const SALUTATION = /^(Thưa\s|Kính thưa\s|Dear\s|Distinguished\s|Comrade\s+leaders|Ladies and gentlemen)/iu;

/** Someone who may be speaking in a passage: a named person or a title standing for one. */
interface Agent {
  start: number;
  end: number;
  /** Resolved person id, or null for a title no one in the article bears. */
  personId: string | null;
  /** Text before the agent marks it as an object ("với", "của"). */
  objectish: boolean;
}

/** What attribution decides for one passage. */
export interface PassageAttribution {
  speakerId: string | null;
  /**
   * Quotations in the passage with their speakers; `own` when the text names the quote's source
   * itself (a tail, an introducer, an unnamed "lời dạy của …"), so context must not override it.
   */
  quotes: { span: QuoteSpan; speakerId: string | null; own: boolean }[];
  /** True when the passage itself states who speaks (so it may start a run or be continued). */
  explicit: boolean;
  /** True when the passage has a speech cue whose speaker could not be resolved (blocks continuation). */
  unresolved: boolean;
}

/** The article-wide state attribution needs: who was last named with each title. */
export class TitleResolver {
  private byTitle = new Map<string, string>();

  /** Records the people named in a text, with the titles printed before them. */
  observe(mentions: readonly PersonMention[]): void {
    for (const m of mentions) {
      if (!m.title) continue;
      this.byTitle.set(m.title, m.id);
      // "Phó Thủ tướng Thường trực Phạm Bình Minh" is also a "Phó Thủ tướng", never a "Thủ tướng".
      if (m.title === 'Phó Thủ tướng Thường trực') this.byTitle.set('Phó Thủ tướng', m.id);
    }
  }

  /** The person last named with this title, or null. */
  resolve(title: string): string | null {
    return this.byTitle.get(title) ?? null;
  }
}

/** "Ông", "Bà" as a subject ("Ông nhấn mạnh", "Theo ông,"): not followed by a name. */
const PRONOUN = /(?<![\p{L}])(Ông|Bà|ông|bà|He|She|he|she)(?![\p{L}])(?!\s+\p{Lu})/gu;
/** "Ông Nguyễn Văn A", "bà Lê Thị B": someone named without a title. */
const HONORIFIC_NAME = /(?<![\p{L}])(?:Ông|Bà|ông|bà)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})/gu;

function agentsOf(text: string, kb: KnowledgeBase, resolver: TitleResolver, lastSpeaker: string | null): Agent[] {
  const mentions = findPersonMentions(text, kb);
  const agents: Agent[] = [];
  // A pronoun refers back to whoever was speaking in the passages before — only at a clause start.
  for (const p of text.matchAll(PRONOUN)) {
    const lead = text.slice(sentenceStart(text, p.index), p.index);
    const atClauseStart = lead.trim() === '' || /(Theo|theo|,|[”"])\s*$/u.test(lead);
    if (!atClauseStart) continue;
    agents.push({ start: p.index, end: p.index + p[0].length, personId: lastSpeaker, objectish: false });
  }
  // Titles refer back to people named earlier, including earlier in this same passage.
  const refs = findTitleReferences(text, mentions);
  // People the knowledge base does not know can speak too: they are agents nobody resolves, so
  // their words are never given to the previous speaker.
  for (const c of findCandidateNames(text, mentions)) {
    const start = titleBefore(text, c.start)?.start ?? c.start;
    agents.push({ start, end: c.start + c.name.length, personId: null, objectish: isObjectAt(text, start) });
  }
  for (const h of text.matchAll(HONORIFIC_NAME)) {
    const nameStart = h.index + h[0].length - (h[1] ?? '').length;
    if (mentions.some((m) => m.start === nameStart)) continue;
    agents.push({ start: h.index, end: h.index + h[0].length, personId: null, objectish: isObjectAt(text, h.index) });
  }
  const events = [
    ...mentions.map((m) => ({ pos: m.start, kind: 'm' as const, m })),
    ...refs.map((r) => ({ pos: r.start, kind: 'r' as const, r })),
  ].sort((a, b) => a.pos - b.pos);
  agents.sort((a, b) => a.start - b.start);
  for (const e of events) {
    if (e.kind === 'm') {
      resolver.observe([e.m]);
      const start = e.m.titleStart;
      agents.push({ start, end: e.m.end, personId: e.m.id, objectish: isObjectAt(text, start) });
    } else {
      const start = e.r.start;
      agents.push({ start, end: e.r.end, personId: resolver.resolve(e.r.title), objectish: isObjectAt(text, start) });
    }
  }
  return agents.sort((a, b) => a.start - b.start);
}

/** The subject agent for a cue at `pos`: the nearest non-object agent before it in the same sentence. */
function subjectBefore(text: string, agents: readonly Agent[], pos: number): Agent | null {
  const from = sentenceStart(text, pos);
  const before = agents.filter((a) => a.end <= pos && a.start >= from);
  for (let i = before.length - 1; i >= 0; i--) {
    const a = before[i] as Agent;
    if (pos - a.end > MAX_AGENT_TO_VERB) return null;
    if (!a.objectish) return a;
  }
  return null;
}

/** Attributes one passage from what it says itself (continuation across passages is the caller's). */
export function attributePassage(text: string, kb: KnowledgeBase, resolver: TitleResolver, lastSpeaker: string | null = null): PassageAttribution {
  const agents = agentsOf(text, kb, resolver, lastSpeaker);
  const votes = new Map<string, number>();
  let unresolved = false;
  for (const v of text.matchAll(VERB_RE)) {
    const agent = subjectBefore(text, agents, v.index);
    if (!agent) continue;
    if (agent.personId) votes.set(agent.personId, (votes.get(agent.personId) ?? 0) + 1);
    else unresolved = true;
  }
  // "Theo Phó Thủ tướng Trần Lưu Quang, …" reports that person's view.
  for (const a of agents) {
    const lead = text.slice(sentenceStart(text, a.start), a.start);
    if (/^\s*Theo\s+$/u.test(lead) && a.personId) votes.set(a.personId, (votes.get(a.personId) ?? 0) + 1);
  }
  let speakerId: string | null = null;
  let best = 0;
  for (const [id, n] of votes) if (n > best) [speakerId, best] = [id, n];
  if (unresolved && votes.size === 0) speakerId = null;

  const quotes = findQuoteSpans(text)
    .filter(isQuotation)
    .map((span) => {
      const own = quoteSource(text, span, agents);
      return { span, speakerId: own === undefined ? speakerId : own, own: own !== undefined };
    });
  return { speakerId, quotes, explicit: speakerId !== null, unresolved: unresolved && speakerId === null };
}

/**
 * The source a quotation names itself: a tail ("”, Phó Thủ tướng nhấn mạnh"), an introducer
 * ("của X …:"), or null for someone unnamed ("lời dạy của Bác: “…”" without a KB person);
 * undefined when the text says nothing, so the passage's speaker applies.
 */
function quoteSource(text: string, span: QuoteSpan, agents: readonly Agent[]): string | null | undefined {
  const tail = text.slice(span.end, span.end + 60);
  const tailMatch = /^[”"]*\s*[,\-–]\s*/u.exec(tail);
  if (tailMatch) {
    const afterStart = span.end + tailMatch[0].length;
    const tailAgent = agents.find((a) => a.start >= afterStart && a.start - afterStart <= 3);
    if (tailAgent) {
      const rest = text.slice(tailAgent.end, tailAgent.end + 30);
      if (TAIL_VERB.test(rest)) return tailAgent.personId;
    }
  }
  const from = sentenceStart(text, span.start);
  const before = agents.filter((a) => a.end <= span.start - 1 && a.start >= from).pop();
  if (before) {
    const between = text.slice(before.end, span.start - 1);
    const introduced = /:\s*$/.test(between) || HAS_VERB.test(between) || /(của|như)\s+$/iu.test(text.slice(Math.max(0, before.start - 8), before.start));
    if (introduced && between.length <= 150) return before.personId;
  }
  // Someone unnamed is being quoted ("lời dạy của Bác: “…”"): not the passage's speaker.
  if (/(lời dạy|lời|của|như)\s+[^,.;“"]{0,30}:?\s*[“"]?$/iu.test(text.slice(Math.max(0, span.start - 40), span.start))) return null;
  return undefined;
}

/** True when a passage is a salutation opening a speech given in full. */
export function isSalutation(text: string): boolean {
  return SALUTATION.test(text.trim()) && text.length <= 200;
}

/** True when a passage opens with a connective that continues the previous paragraph's speech. */
export function continuesPrevious(text: string): boolean {
  return CONTINUES.test(text.trim());
}
