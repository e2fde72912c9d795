/**
 * Attribution: whose words each passage reports, as ONE model — a table of speech cues
 * (`SPEECH_CUES`, Vietnamese and English) matched against the agents a passage names, plus a
 * handful of article-level rules (continuation, interview turns, runs of points, full speeches,
 * op-eds). A wrong speaker is worse than none: every rule needs the text to say so, and anything
 * unsure stays null.
 *
 * Agents (who may be speaking): a knowledge-base person (name or alias, with or without
 * diacritics: "Pham Minh Chinh"), a provisional person (a title and a name the KB lacks), a bare
 * title ("Phó Thủ tướng", "the PM", "the Government leader") — the person last named with that
 * office in the article, else the one KB person who held that office on the article's or the
 * event's date, else nobody — and a pronoun at a clause start ("Ông", "He") — the last speaker.
 *
 * Cue shapes:
 * - `agent-verb`  the agent, then a speech verb in the same sentence ("X nhấn mạnh", "…, X nói.",
 *                 "X phát biểu như trên", "X said", "the PM stressed", "he added");
 * - `verb-agent`  English inversion: "“…,” said Deputy Minister X";
 * - `source`      the agent introduced as the source: "Theo X, …", "According to X, …";
 * - `question`    an interview question label ("PV:", "Phóng viên:", "Q:") — nobody's words;
 * - `answer`      an answer label ("Thứ trưởng Nguyễn Văn A: …", "Đáp:", "A:") — the interviewee's;
 * - `continuation` a connective opener ("Đồng thời,", "Theo đó,", "In addition,") that continues
 *                 the previous paragraph's speaker;
 * - `salutation`  "Thưa các đồng chí," / "Dear comrades," opening a speech given in full.
 *
 * Never speech (`NOT_SPEECH`): attendee lists, "dự và chỉ đạo", "phát biểu chỉ đạo tại …" alone,
 * flowers, awards, chairing, photos (captions are never attributed), a body's own conclusions
 * ("Hội nghị thống nhất …": no person agent).
 */
import { slugify } from '../../lib/vietnamese.ts';
import type { KnowledgeBase, PassageKind } from '../types.ts';
import { memoizeByObject, sentenceStart } from './match.ts';
import { isVietnameseFullName } from './people.ts';
import { findForeignOffices, foreignQualifiedOffices } from './foreign-office.ts';
import {
  canonicalTitle,
  EN_TITLE_REFS,
  findCandidateNames,
  findPersonMentions,
  findTitleReferences,
  roleKey,
  TITLES,
  type CandidateName,
  type PersonMention,
} from './people.ts';
import { findKeywordRuns, findPointRuns, type PointRun } from './points.ts';
import { findQuoteSpans, isQuotation, isQuoteParagraph, type QuoteSpan } from './quotes.ts';

/** How a cue ties words to a speaker (see the module comment). */
export type CueShape = 'agent-verb' | 'verb-agent' | 'source' | 'question' | 'answer' | 'continuation' | 'salutation';

/** One row of the cue table. `pattern` is a RegExp source (Unicode, case-insensitive unless noted). */
export interface SpeechCue {
  id: string;
  lang: 'vi' | 'en';
  shape: CueShape;
  pattern: string;
  example: string;
}

const words = (list: string[]) => list.map((v) => v.replace(/\s+/g, '\\s+')).join('|');

/**
 * "chỉ đạo" reports words ("Thủ tướng chỉ đạo Bộ Ngoại giao tập trung …") except when it only says
 * who chaired or addressed the meeting ("dự và chỉ đạo hội nghị", "phát biểu chỉ đạo tại Đại hội").
 */
const DIRECTS = 'chỉ\\s+đạo(?!\\s*[.,;]|\\s+(?:toàn\\s+diện\\s+)?(?:tại|hội\\s+nghị|đại\\s+hội|phiên|buổi|lễ|chung)(?![\\p{L}]))';

/** The cue table: every way the project recognises that a passage reports someone's words. */
export const SPEECH_CUES: readonly SpeechCue[] = [
  {
    id: 'vi-verb',
    lang: 'vi',
    shape: 'agent-verb',
    pattern: `${words([
      'nhấn mạnh', 'cho rằng', 'đề nghị', 'cho biết', 'nêu rõ', 'nêu lên', 'từng nêu', 'khẳng định', 'yêu cầu', 'lưu ý',
      'chỉ ra', 'chỉ rõ', 'đánh giá', 'ghi nhận', 'biểu dương', 'nói', 'phân tích', 'chia sẻ', 'gợi mở',
      'tin tưởng', 'nhìn nhận', 'khái quát', 'đưa ra', 'bày tỏ', 'kêu gọi', 'đề xuất', 'nhận định',
      'trình bày', 'báo cáo', 'mong muốn', 'hoan nghênh', 'kết luận', 'quán triệt', 'nêu', 'cho hay', 'nhắc lại',
      'nêu bật', 'khuyến nghị', 'nhắn nhủ', 'căn dặn', 'dặn dò', 'đề cập', 'nhận xét', 'phát biểu rằng',
      'phát biểu như trên', 'thông tin', 'giải thích', 'tâm sự', 'nhắc nhở',
    ])}|${DIRECTS}`,
    example: 'Thủ tướng Phạm Minh Chính nhấn mạnh …; “…”, Phó Thủ tướng nói.; … phát biểu như trên',
  },
  {
    id: 'en-verb',
    lang: 'en',
    shape: 'agent-verb',
    pattern: words([
      'said', 'says', 'stressed', 'emphasised', 'emphasized', 'noted', 'affirmed', 'reaffirmed', 'underlined', 'underscored', 'highlighted',
      'urged', 'told', 'added', 'stated', 'pointed out', 'expressed', 'asked', 'called for', 'called on', 'asserted', 'remarked',
      'suggested', 'proposed', 'requested', 'reiterated', 'acknowledged', 'praised', 'commended', 'recalled', 'warned', 'explained',
      'insisted', 'observed', 'concluded', 'welcomed', 'shared', 'spoke of', 'described', 'recommended', 'appreciated', 'laid stress on', 'outlined', 'set out',
    ]),
    example: 'Prime Minister Pham Minh Chinh highlighted …; the PM said …; “…,” he added.',
  },
  {
    id: 'en-inverted',
    lang: 'en',
    shape: 'verb-agent',
    pattern: words(['said', 'added', 'stressed', 'noted', 'emphasised', 'emphasized', 'explained', 'continued', 'asked', 'urged']),
    example: '“…,” said Deputy Minister Nguyen Van A.',
  },
  { id: 'vi-theo', lang: 'vi', shape: 'source', pattern: '(?:Theo|theo)(?:\\s+(?:đánh\\s+giá|lời|quan\\s+điểm|nhận\\s+định)\\s+của)?', example: 'Theo Thủ tướng, …; Theo đánh giá của Bộ trưởng X, …' },
  { id: 'en-according', lang: 'en', shape: 'source', pattern: '[Aa]ccording\\s+to|[Ii]n\\s+the\\s+view\\s+of', example: 'According to Deputy Minister X, …' },
  { id: 'question-label', lang: 'vi', shape: 'question', pattern: '^(?:PV|P\\.V|Phóng\\s+viên|Hỏi|Q|Question|Reporter)\\s*[:：]', example: 'PV: Xin ông cho biết …; Q: What …' },
  { id: 'answer-label', lang: 'vi', shape: 'answer', pattern: '^(?:Đáp|Trả\\s+lời|A|Answer)\\s*[:：]', example: 'Đáp: …; A: …  (a name + title label "Thứ trưởng Nguyễn Văn A: …" too)' },
  {
    id: 'connective',
    lang: 'vi',
    shape: 'continuation',
    pattern:
      '^(?:Đồng thời|Bên cạnh đó|Ngoài ra|Theo đó|Cùng với đó|Trên cơ sở đó|Do đó|Vì vậy|Vì thế|Mặt khác|Hơn nữa|Qua đó|Từ đó|Với tinh thần (?:này|đó)|Về (?:ngoại giao|công tác|xây dựng)|In addition|Furthermore|Moreover|At the same time|Accordingly|Besides|Also)[\\s,]',
    example: 'Đồng thời, …; Theo đó, …; In addition, …',
  },
  {
    id: 'salutation',
    lang: 'vi',
    shape: 'salutation',
    pattern: '^(?:Thưa\\s|Kính\\s+thưa\\s|Dear\\s|Distinguished\\s|Comrade\\s+leaders|Ladies\\s+and\\s+gentlemen)',
    example: 'Thưa các đồng chí,; Dear all comrades,',
  },
];

/** Phrases that never report words, whatever verb follows in the sentence (documented traps). */
export const NOT_SPEECH: readonly { id: string; pattern: RegExp; example: string }[] = [
  { id: 'attendee-list', pattern: /^(?:Cùng\s+dự|Tham\s+dự\s+(?:hội\s+nghị|lễ|đại\s+hội|buổi)?[^.:]{0,60}có|Dự\s+(?:hội\s+nghị|lễ|đại\s+hội|buổi)[^.:]{0,80}có|Về\s+phía\s+[^,.:]{1,40}có|Attending|Also\s+present|Present\s+at)/iu, example: 'Cùng dự có các đồng chí: …' },
  { id: 'photo', pattern: /^(?:Ảnh|Photo|Trong\s+ảnh)\s*:/iu, example: 'Ảnh: TTXVN' },
];

function cue(id: string): SpeechCue {
  const c = SPEECH_CUES.find((x) => x.id === id);
  if (!c) throw new Error(`attribution: no cue ${id}`);
  return c;
}
const VERB_SOURCE = SPEECH_CUES.filter((c) => c.shape === 'agent-verb').map((c) => c.pattern).join('|');
const VERB_RE = new RegExp(`(?<![\\p{L}])(?:${VERB_SOURCE})(?![\\p{L}])`, 'giu');
const HAS_VERB = new RegExp(VERB_RE.source, 'iu');
const TAIL_VERB = new RegExp(`^\\s*(?:cũng\\s+|đã\\s+|has\\s+|also\\s+)?(?:${VERB_SOURCE})(?![\\p{L}])`, 'iu');
const INVERTED_RE = new RegExp(`^(?:${cue('en-inverted').pattern})\\s+$`, 'u');
const SOURCE_RE = new RegExp(`(?:^|[,;:]\\s*|\\s)(?:${cue('vi-theo').pattern}|${cue('en-according').pattern})\\s+$`, 'u');
const QUESTION_RE = new RegExp(cue('question-label').pattern, 'iu');
const ANSWER_RE = new RegExp(cue('answer-label').pattern, 'u');
const CONTINUES = new RegExp(cue('connective').pattern, 'u');
const SALUTATION = new RegExp(cue('salutation').pattern, 'iu');

/** Markers before a name that make it an object or a source, not the subject of the sentence. */
const NOT_SUBJECT = /(?:của|như|với|cho|tặng|gửi|đón|tới|lên|trình|by|to|with|and|và|from|of|for|mời)\s+$/iu;
const MAX_AGENT_TO_VERB = 120;

function isObjectAt(text: string, start: number): boolean {
  return NOT_SUBJECT.test(text.slice(Math.max(0, start - 12), start));
}

/** Offices one person holds at a time: a bare title may fall back to the KB holder on the date. */
const SINGLE_HOLDER = new Set(['Thủ tướng', 'Tổng Bí thư', 'Chủ tịch nước', 'Chủ tịch Quốc hội', 'Phó Thủ tướng Thường trực']);

/** The canonical title a KB role title starts with ("Thủ tướng Chính phủ" → "Thủ tướng"), or null. */
function roleTitleKey(roleTitle: string): string | null {
  const t = roleTitle.toLowerCase();
  let best: string | null = null;
  for (const title of TITLES) {
    const k = title.toLowerCase();
    if ((t === k || t.startsWith(`${k} `)) && (!best || k.length > best.length)) best = title;
  }
  return best ? roleKey(best) : null;
}

/** True when `date` (ISO day) falls within a role's partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). */
function heldOn(from: string | null, to: string | null, date: string): boolean {
  if (from === null && to === null) return false;
  if (from && date < from) return false;
  if (to && date.slice(0, to.length) > to) return false;
  return true;
}

/** `byRole` marker: the office was last named for another country's holder, whom the KB does not identify. */
const FOREIGN_HOLDER = '\u0000foreign';

/**
 * Who each office refers to in an article: the person last named with it, else the only KB
 * person who held that single-holder office on the given date. Titles are compared by office
 * (`roleKey`), so "Prime Minister Pham Minh Chinh" answers a later "Thủ tướng" or "the PM", and a
 * "Chủ tịch Hội đồng Thi đua" never answers for the "Chủ tịch nước" named above.
 */
export class TitleResolver {
  private byRole = new Map<string, string>();

  /**
   * @param foreign offices the article also gives to another country's holder (`foreignQualifiedOffices`):
   *   for those a bare title never falls back to the Vietnamese holder on the date.
   */
  constructor(
    private readonly kb?: KnowledgeBase,
    private readonly date: string | null = null,
    private readonly foreign: ReadonlySet<string> = new Set(),
  ) {}

  /** Records another country's holder of an office ("Thủ tướng Nhật Bản"): a bare title after it is nobody we can name. */
  noteForeign(office: string): void {
    this.byRole.set(office, FOREIGN_HOLDER);
  }

  /** Records a person named with a title. */
  note(title: string | null, id: string): void {
    if (!title) return;
    const key = roleKey(title);
    this.byRole.set(key, id);
    // "Phó Thủ tướng Thường trực Phạm Bình Minh" is also a "Phó Thủ tướng", never a "Thủ tướng".
    if (key === 'Phó Thủ tướng Thường trực') this.byRole.set('Phó Thủ tướng', id);
  }

  /** Records the people named in a text, with the titles printed before them. */
  observe(mentions: readonly { id: string; title: string | null }[]): void {
    for (const m of mentions) this.note(m.title, m.id);
  }

  private byGiven = new Map<string, string | null>();

  /** Records a full name, so "ông Sơn" can refer back to "Đinh Việt Sơn" (two people with one given name: nobody). */
  noteName(name: string, id: string): void {
    const given = name.trim().split(/\s+/).pop() ?? '';
    if (!given) return;
    const seen = this.byGiven.get(given);
    this.byGiven.set(given, seen === undefined || seen === id ? id : null);
  }

  /** The person named earlier with this given name, or null. */
  byGivenName(given: string): string | null {
    return this.byGiven.get(given) ?? null;
  }

  /** The person a bare title refers to, or null. */
  resolve(title: string): string | null {
    const key = roleKey(title);
    const named = this.byRole.get(key);
    if (named === FOREIGN_HOLDER) return null;
    if (named) return named;
    if (!this.kb || !this.date || !SINGLE_HOLDER.has(key) || this.foreign.has(key)) return null;
    const date = this.date;
    const holders = this.kb.people.filter((p) => p.roles.some((r) => roleTitleKey(r.title) === key && heldOn(r.from, r.to, date)));
    return holders.length === 1 ? (holders[0]?.id ?? null) : null;
  }
}

/** Someone who may be speaking in a passage. */
interface Agent {
  start: number;
  end: number;
  /** Resolved person id, or null for someone nobody resolves (blocks continuation). */
  personId: string | null;
  objectish: boolean;
}

/** A provisional person found in a passage: a title and a name the KB does not know. */
export interface ProvisionalMention {
  id: string;
  name: string;
  /** Title as printed ("Thứ trưởng Bộ Ngoại giao"). */
  title: string;
}

/** What attribution decides for one passage. */
export interface PassageAttribution {
  speakerId: string | null;
  /** Quotations with their speakers; `own` when the text names the quote's source itself. */
  quotes: { span: QuoteSpan; speakerId: string | null; own: boolean }[];
  /** True when the passage itself states who speaks. */
  explicit: boolean;
  /** True when the passage has a speech cue whose speaker could not be resolved (blocks continuation). */
  unresolved: boolean;
  /** An interview label: `question` (nobody's words) or `answer`. */
  turn: 'question' | 'answer' | null;
  /** True when the passage names a person (any role): a narrative paragraph naming someone ends continuation. */
  namesSomeone: boolean;
}

/** "Ông", "Bà", "He", "She" as a subject: not followed by a name. */
const PRONOUN = /(?<![\p{L}])(Ông|Bà|ông|bà|He|She|he|she)(?![\p{L}])(?!\s+\p{Lu})/gu;
/** "Ông Nguyễn Văn A", "bà Lê Thị B": someone named without a title. */
const HONORIFIC_NAME = /(?<![\p{L}])(?:Ông|Bà|ông|bà|Chị|chị|Anh|anh|Mr\.?|Mrs\.?|Ms\.?)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})/gu;
/** "ông Sơn", "chị Huyền", "lương y Hiền": an honorific and the given name of someone named in full before. */
const SHORT_NAME = /(?<![\p{L}])(?:Ông|Bà|ông|bà|Chị|chị|Anh|anh|Cô|cô|[Ll]ương y)\s+(\p{Lu}\p{Ll}*)(?![\p{L}])(?!\s+\p{Lu})/gu;

/** The people a passage names (KB and provisional), for callers that list mentions. */
export function namedPeople(text: string, kb: KnowledgeBase): NamedPeople {
  const cache = namedCache(kb);
  const hit = cache.get(text);
  if (hit) return hit;
  const found = namedPeopleUncached(text, kb);
  // Extraction asks about the same passage several times (attribution, mentions): remember a bounded number.
  if (cache.size > 5000) cache.clear();
  cache.set(text, found);
  return found;
}

type NamedPeople = { mentions: PersonMention[]; provisional: (CandidateName & { id: string })[] };
const namedCache = memoizeByObject((_kb: KnowledgeBase) => new Map<string, NamedPeople>());

function namedPeopleUncached(text: string, kb: KnowledgeBase): NamedPeople {
  const mentions = findPersonMentions(text, kb);
  const provisional = findCandidateNames(text, mentions).map((c) => ({ ...c, id: slugify(c.name) }));
  // "Chị Nguyễn Thị Huyền", "ông Đinh Việt Sơn": a full name after an honorific, no title.
  for (const h of text.matchAll(HONORIFIC_NAME)) {
    const name = (h[1] ?? '').replace(/\s+/g, ' ');
    const start = h.index + h[0].length - (h[1] ?? '').length;
    if (!isVietnameseFullName(name) || mentions.some((m) => m.start <= start && start < m.end) || provisional.some((c) => c.start <= start && start < c.end)) continue;
    provisional.push({ name, title: '', printedTitle: '', start, end: start + name.length, titleStart: h.index, id: slugify(name) });
  }
  return { mentions, provisional };
}

function agentsOf(text: string, kb: KnowledgeBase, resolver: TitleResolver, lastSpeaker: string | null): { agents: Agent[]; named: boolean } {
  const { mentions, provisional: found } = namedPeople(text, kb);
  const provisional = found.filter((c) => c.printedTitle);
  const agents: Agent[] = [];
  for (const p of text.matchAll(PRONOUN)) {
    const lead = text.slice(sentenceStart(text, p.index), p.index);
    const atClauseStart = lead.trim() === '' || /(Theo|theo|[Aa]ccording\s+to|,|[”"])\s*$/u.test(lead);
    if (!atClauseStart) continue;
    agents.push({ start: p.index, end: p.index + p[0].length, personId: lastSpeaker, objectish: false });
  }
  const refs = findTitleReferences(text, mentions).filter((r) => !provisional.some((c) => r.start < c.end && c.titleStart < r.end) && !provisional.some((c) => r.start >= c.end && r.start - c.end <= 3));
  const enRefs: { start: number; end: number; title: string }[] = [];
  for (const { re, title } of EN_TITLE_REFS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) enRefs.push({ start: m.index, end: m.index + m[0].length, title });
  }
  for (const h of text.matchAll(HONORIFIC_NAME)) {
    const nameStart = h.index + h[0].length - (h[1] ?? '').length;
    if (mentions.some((m) => m.start === nameStart) || provisional.some((c) => c.start === nameStart)) continue;
    // A full Vietnamese name after an honorific is someone: known by name to later "ông Sơn", never the previous speaker.
    const id = isVietnameseFullName(h[1] ?? '') ? slugify(h[1] ?? '') : null;
    if (id) resolver.noteName(h[1] ?? '', id);
    agents.push({ start: h.index, end: h.index + h[0].length, personId: id, objectish: isObjectAt(text, h.index) });
  }
  for (const c of provisional) resolver.noteName(c.name, c.id);
  for (const m of mentions) resolver.noteName(text.slice(m.start, m.end), m.id);
  for (const sn of text.matchAll(SHORT_NAME)) {
    if (agents.some((a) => a.start <= sn.index && sn.index < a.end)) continue;
    const id = resolver.byGivenName(sn[1] ?? '');
    if (id) agents.push({ start: sn.index, end: sn.index + sn[0].length, personId: id, objectish: isObjectAt(text, sn.index) });
  }
  type Ev = { pos: number; run: () => void };
  const evs: Ev[] = [
    // "Thủ tướng Nhật Bản cho rằng …": someone, but not the Vietnamese holder; later bare titles are unsure too.
    ...findForeignOffices(text).map((f) => ({
      pos: f.start,
      run: () => {
        resolver.noteForeign(f.office);
        agents.push({ start: f.start, end: f.end, personId: null, objectish: isObjectAt(text, f.start) });
      },
    })),
    ...mentions.map((m) => ({
      pos: m.start,
      run: () => {
        resolver.note(m.title, m.id);
        agents.push({ start: m.titleStart, end: m.end, personId: m.id, objectish: isObjectAt(text, m.titleStart) });
      },
    })),
    ...provisional.map((c) => ({
      pos: c.start,
      run: () => {
        resolver.note(c.title, c.id);
        agents.push({ start: c.titleStart, end: c.end, personId: c.id, objectish: isObjectAt(text, c.titleStart) });
      },
    })),
    ...refs.map((r) => ({ pos: r.start, run: () => agents.push({ start: r.start, end: r.end, personId: resolver.resolve(r.title), objectish: isObjectAt(text, r.start) }) })),
    ...enRefs
      .filter((r) => !refs.some((x) => x.start < r.end && r.start < x.end))
      .map((r) => ({ pos: r.start, run: () => agents.push({ start: r.start, end: r.end, personId: resolver.resolve(r.title), objectish: isObjectAt(text, r.start) }) })),
  ].sort((a, b) => a.pos - b.pos);
  for (const e of evs) e.run();
  // Refs found inside an English "the Prime Minister" also appear as bare "Prime Minister": keep one.
  agents.sort((a, b) => a.start - b.start || b.end - a.end);
  const dedup = agents.filter((a, i) => !agents.some((o, j) => j < i && o.start <= a.start && a.end <= o.end));
  return { agents: dedup, named: mentions.length + provisional.length > 0 };
}

/** The subject for a cue at `pos`: the nearest non-object agent before it in the same sentence. */
function subjectBefore(text: string, agents: readonly Agent[], pos: number): Agent | null {
  const from = sentenceStart(text, pos);
  const before = agents.filter((a) => a.end <= pos && a.start >= from);
  for (let i = before.length - 1; i >= 0; i--) {
    const a = before[i] as Agent;
    if (pos - a.end > MAX_AGENT_TO_VERB) return null;
    // A quotation between the agent and the verb belongs to someone else ("X nói: “… Y nhấn mạnh …”").
    if (!a.objectish) return a;
  }
  return null;
}

/** True when the sentence around `pos` is one of the documented non-speech traps. */
function inTrap(text: string, pos: number): boolean {
  const s = text.slice(sentenceStart(text, pos)).trimStart();
  return NOT_SPEECH.some((t) => t.pattern.test(s));
}

/** Attributes one passage from what it says itself (continuation across passages is `attributeArticle`'s). */
export function attributePassage(text: string, kb: KnowledgeBase, resolver: TitleResolver, lastSpeaker: string | null = null): PassageAttribution {
  const { agents, named } = agentsOf(text, kb, resolver, lastSpeaker);
  const trimmed = text.trim();
  if (QUESTION_RE.test(trimmed)) return { speakerId: null, quotes: [], explicit: false, unresolved: false, turn: 'question', namesSomeone: named };
  // "Thứ trưởng Nguyễn Văn A: Trước hết, …" — a name (with its title) as the turn's label.
  const label = /^([^:：.!?“"]{2,90})[:：]\s*\S/u.exec(trimmed);
  if (label) {
    const labelled = agents.filter((a) => a.end <= (label[1] ?? '').length && a.personId);
    const rest = (label[1] ?? '').replace(/^(?:Ông|Bà|Mr\.?|Ms\.?|Đồng chí|TS\.?|PGS\.?|GS\.?|ThS\.?|Dr\.?)\s+/u, '');
    if (labelled.length === 1 && !HAS_VERB.test(label[1] ?? '') && rest.split(/\s+/).length <= 12) {
      const a = labelled[0] as Agent;
      return { speakerId: a.personId, quotes: ownQuotes(text, agents, a.personId), explicit: true, unresolved: false, turn: 'answer', namesSomeone: true };
    }
  }
  if (ANSWER_RE.test(trimmed)) return { speakerId: null, quotes: ownQuotes(text, agents, null), explicit: false, unresolved: false, turn: 'answer', namesSomeone: named };

  const votes = new Map<string, number>();
  let unresolved = false;
  const vote = (a: Agent | null | undefined) => {
    if (!a) return;
    if (a.personId) votes.set(a.personId, (votes.get(a.personId) ?? 0) + 1);
    else unresolved = true;
  };
  for (const v of text.matchAll(VERB_RE)) {
    if (inTrap(text, v.index)) continue;
    // "“…,” said Deputy Minister X": the agent right after the verb, the words right before it.
    const afterVerb = v.index + v[0].length;
    if (INVERTED_RE.test(`${v[0]} `) && /[,”"]\s*$/u.test(text.slice(Math.max(0, v.index - 3), v.index))) {
      const inverted = agents.find((a) => a.start >= afterVerb && a.start - afterVerb <= 3);
      if (inverted) {
        vote(inverted);
        continue;
      }
    }
    vote(subjectBefore(text, agents, v.index));
  }
  for (const a of agents) {
    if (SOURCE_RE.test(text.slice(Math.max(0, a.start - 40), a.start))) vote(a);
  }
  let speakerId: string | null = null;
  let best = 0;
  for (const [id, n] of votes) if (n > best) [speakerId, best] = [id, n];
  const quotes = ownQuotes(text, agents, null);
  // A paragraph that opens with a quotation its tail names the source of is that person's.
  if (votes.size === 0 && quotes[0] && quotes[0].span.start <= 1 && quotes[0].own && quotes[0].speakerId) {
    speakerId = quotes[0].speakerId;
    best = 1;
    votes.set(speakerId, 1);
  }
  // Two people with the same number of cues: unsure, so nobody.
  if ([...votes.values()].filter((n) => n === best).length > 1) speakerId = null;
  return {
    speakerId,
    quotes: ownQuotes(text, agents, speakerId),
    explicit: speakerId !== null,
    unresolved: unresolved && speakerId === null,
    turn: null,
    namesSomeone: named,
  };
}

function ownQuotes(text: string, agents: readonly Agent[], speakerId: string | null): PassageAttribution['quotes'] {
  return findQuoteSpans(text)
    .filter(isQuotation)
    .map((span) => {
      const own = quoteSource(text, span, agents);
      return { span, speakerId: own === undefined ? speakerId : own, own: own !== undefined };
    });
}

/**
 * The source a quotation names itself: a tail ("”, Phó Thủ tướng nhấn mạnh"), an introducer
 * ("của X …:"), or null for someone unnamed ("lời dạy của Bác: “…”" without a KB person);
 * undefined when the text says nothing, so the passage's speaker applies.
 */
function quoteSource(text: string, span: QuoteSpan, agents: readonly Agent[]): string | null | undefined {
  const tail = text.slice(span.end, span.end + 60);
  const tailMatch = /^[”"]*\s*[,\-–]?\s*[”"]?\s*/u.exec(tail);
  if (tailMatch) {
    const afterStart = span.end + tailMatch[0].length;
    const tailAgent = agents.find((a) => a.start >= afterStart && a.start - afterStart <= 3);
    if (tailAgent && TAIL_VERB.test(text.slice(tailAgent.end, tailAgent.end + 30))) return tailAgent.personId;
    // "“…”, chị Huyền cố giấu tiếng thở dài.": a paragraph opening with the words, its subject right after them.
    if (tailAgent && tailAgent.personId && span.start <= 1 && /,/.test(tailMatch[0])) return tailAgent.personId;
    const inv = new RegExp(`^(?:${cue('en-inverted').pattern})\\s+`, 'u').exec(text.slice(afterStart, afterStart + 20));
    if (inv) {
      const a = agents.find((x) => x.start >= afterStart + inv[0].length && x.start - (afterStart + inv[0].length) <= 2);
      if (a) return a.personId;
    }
  }
  const from = sentenceStart(text, span.start);
  const before = agents.filter((a) => a.end <= span.start - 1 && a.start >= from).pop();
  if (before) {
    const between = text.slice(before.end, span.start - 1);
    const introduced = /:\s*$/.test(between) || HAS_VERB.test(between) || /(của|như)\s+$/iu.test(text.slice(Math.max(0, before.start - 8), before.start));
    if (introduced && between.length <= 150) return before.personId;
  }
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

/** One passage as attribution sees it. */
export interface AttributionInput {
  text: string;
  kind: PassageKind;
}

/** What `attributeArticle` returns: a speaker per passage, their quotations, runs of points. */
export interface ArticleAttribution {
  speakerIds: (string | null)[];
  decisions: (PassageAttribution | null)[];
  /** Runs of numbered points and of repeated key words, with the passages they cover. */
  runs: PointRun[];
  /** Passage kinds after runs were found (run items become `list-item`). */
  kinds: PassageKind[];
}

/** The context an article gives attribution. */
export interface ArticleContext {
  kb: KnowledgeBase;
  title: string;
  /** The article's date, else its main event's: for bare titles nobody in the text bears. */
  date: string | null;
  /** The byline as printed ("Bùi Thanh Sơn, Bộ trưởng Bộ Ngoại giao"), or null. */
  byline: string | null;
}

/** Byline or title naming an official as the author ("Bài viết của Thủ tướng …", "By Deputy Minister …"). */
const OPED_TITLE = /^(?:Bài viết của|Bài phát biểu của|Article by|By)\s+/iu;

/** The author of an op-ed: a KB person or a titled name in the byline, or an official the title credits. */
function opEdAuthor(ctx: ArticleContext): string | null {
  const fromText = (t: string): string | null => {
    const { mentions, provisional } = namedPeople(t, ctx.kb);
    if (mentions.length + provisional.length !== 1) return null;
    const m = mentions[0];
    if (m) return m.title || /,\s*\S/.test(t.slice(m.end)) ? m.id : null;
    return provisional[0]?.id ?? null;
  };
  if (ctx.byline) {
    const id = fromText(ctx.byline);
    if (id) return id;
  }
  const t = OPED_TITLE.exec(ctx.title);
  return t ? fromText(ctx.title.slice(t[0].length)) : null;
}

/**
 * True when a short line is only a person and their position: "Bùi Thanh Sơn, Bộ trưởng Bộ Ngoại
 * giao", "Thứ trưởng Nguyễn Văn A", "By Deputy Minister Do Hung Viet" — an author's line.
 */
export function isAuthorLine(text: string, kb: KnowledgeBase): boolean {
  const t = text.trim().replace(/^(?:By|Bài viết của|Tác giả:?)\s+/iu, '');
  if (t.length > 120 || /[.!?:;“”"]$/.test(t) || t.split(/\s+/).length > 16) return false;
  const { mentions, provisional } = namedPeople(t, kb);
  const people = [...mentions.map((m) => ({ start: m.titleStart, end: m.end, titled: !!m.title })), ...provisional.map((c) => ({ start: c.titleStart, end: c.end, titled: !!c.printedTitle }))];
  if (people.length !== 1) return false;
  const p = people[0]!;
  if (p.start !== 0) return false;
  const rest = t.slice(p.end);
  return (p.titled && rest.trim() === '') || /^\s*,\s*\p{Lu}/u.test(rest) && !HAS_VERB.test(rest);
}

/** Openers of an interview that name the interviewee ("… trả lời phỏng vấn", "interview with"). */
const INTERVIEWEE = /(trả lời phỏng vấn|dành cho|trao đổi với|chia sẻ với|phỏng vấn|interview)/iu;

/**
 * Attributes every passage of an article: the cue table on each passage, then the article-level
 * rules in order — op-ed author, interview turns, full speech after a salutation, runs of points
 * (numbered or keyword) to the speaker announcing them, and continuation (connective openers,
 * quotations and list items after a colon or after an attributed paragraph) until another agent
 * or a narrative paragraph comes.
 */
export function attributeArticle(inputs: readonly AttributionInput[], ctx: ArticleContext): ArticleAttribution {
  const { kb } = ctx;
  const kinds = inputs.map((b) => b.kind);
  const resolver = new TitleResolver(kb, ctx.date, foreignQualifiedOffices([ctx.title, ...inputs.map((b) => b.text)].join('\n')));
  resolver.observe(findPersonMentions(ctx.title, kb));
  const skip = (i: number) => kinds[i] === 'caption';
  let lastSpeaker: string | null = null;
  const decisions = inputs.map((b, i) => {
    if (skip(i)) return null;
    const d = attributePassage(b.text, kb, resolver, lastSpeaker);
    if (d.speakerId) lastSpeaker = d.speakerId;
    else if (d.unresolved || d.turn === 'question' || (d.namesSomeone && kinds[i] !== 'heading')) lastSpeaker = null;
    return d;
  });
  const speakerIds: (string | null)[] = decisions.map((d) => d?.speakerId ?? null);

  // Op-ed: the author's words throughout, except a paragraph that is only someone else's quotation.
  const author = opEdAuthor(ctx);
  if (author) {
    inputs.forEach((b, i) => {
      if (skip(i) || kinds[i] === 'heading') return;
      const d = decisions[i];
      const onlyOther = kinds[i] === 'quote' && d?.quotes.length === 1 && d.quotes[0]?.own && d.quotes[0].speakerId && d.quotes[0].speakerId !== author;
      speakerIds[i] = onlyOther ? (d?.quotes[0]?.speakerId ?? null) : author;
    });
    const texts = inputs.map((b, i) => (skip(i) || kinds[i] === 'heading' ? null : b.text));
    const runs = [...findPointRuns(texts), ...findKeywordRuns(texts)];
    for (const run of runs) for (const idx of run.indexes) kinds[idx] = 'list-item';
    return { speakerIds, decisions, runs, kinds };
  }

  // Interviews: after a question, the answer is the interviewee's until the next question.
  if (decisions.some((d) => d?.turn === 'question')) {
    let interviewee: string | null = null;
    const intro = [ctx.title, ...inputs.slice(0, 3).map((b) => b.text)].find((t) => INTERVIEWEE.test(t));
    if (intro) {
      const { mentions, provisional } = namedPeople(intro, kb);
      const ids = [...new Set([...mentions.map((m) => m.id), ...provisional.map((p) => p.id)])];
      if (ids.length === 1) interviewee = ids[0] ?? null;
    }
    let inAnswer = false;
    decisions.forEach((d, i) => {
      if (!d || kinds[i] === 'heading') return;
      if (d.turn === 'question') {
        inAnswer = true;
        speakerIds[i] = null;
        return;
      }
      if (d.turn === 'answer' && d.speakerId) interviewee = d.speakerId;
      if (inAnswer && speakerIds[i] === null && !d.unresolved) speakerIds[i] = interviewee;
    });
  }

  // A full speech: from the salutation on, the words are those of the person named most before it.
  const salutation = inputs.findIndex((b, i) => !skip(i) && isSalutation(b.text));
  if (salutation !== -1) {
    const counts = new Map<string, number>();
    for (const text of [ctx.title, ...inputs.slice(0, salutation).map((b) => b.text)]) {
      for (const m of findPersonMentions(text, kb)) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const orator = ranked[0] && (ranked.length === 1 || (ranked[1]?.[1] ?? 0) < ranked[0][1]) ? ranked[0][0] : null;
    if (orator) for (let i = salutation; i < inputs.length; i++) if (!skip(i) && speakerIds[i] === null) speakerIds[i] = orator;
  }

  // Runs of points: each item, and the paragraphs inside the run, belong to whoever announced it.
  const pointTexts = inputs.map((b, i) => (skip(i) || kinds[i] === 'heading' ? null : b.text));
  const runs = [...findPointRuns(pointTexts), ...findKeywordRuns(pointTexts)];
  for (const run of runs) {
    const firstIdx = run.indexes[0] as number;
    const lastIdx = run.indexes[run.indexes.length - 1] as number;
    let announcer: string | null = null;
    for (let i = firstIdx - 1; i >= 0; i--) {
      if (skip(i)) continue;
      announcer = speakerIds[i] ?? null;
      break;
    }
    for (let i = firstIdx; i <= lastIdx; i++) {
      if (skip(i)) continue;
      if (speakerIds[i] === null && !decisions[i]?.unresolved) speakerIds[i] = announcer;
    }
    for (const idx of run.indexes) kinds[idx] = 'list-item';
  }

  // Continuation: a connective opener, or a quotation / list item announced by a colon or following
  // an attributed paragraph, keeps the previous speaker; a narrative paragraph ends it.
  let previous: number | null = null;
  let announced: string | null = null;
  for (let i = 0; i < inputs.length; i++) {
    if (skip(i)) continue;
    const d = decisions[i];
    const text = (inputs[i] as AttributionInput).text;
    const prevText = previous === null ? '' : (inputs[previous] as AttributionInput).text.trim();
    if (previous !== null && prevText.endsWith(':')) announced = speakerIds[previous] ?? null;
    else if (kinds[i] !== 'list-item') announced = null;
    if (speakerIds[i] === null && previous !== null && !d?.unresolved && d?.turn !== 'question') {
      const prevSpeaker = speakerIds[previous] ?? null;
      if (continuesPrevious(text)) speakerIds[i] = prevSpeaker;
      else if (announced && (kinds[i] === 'list-item' || kinds[i] === 'quote' || prevText.endsWith(':'))) speakerIds[i] = announced;
      else if (kinds[i] === 'quote' && prevSpeaker && !d?.namesSomeone && !d?.quotes.some((q) => q.own)) speakerIds[i] = prevSpeaker;
    }
    previous = i;
  }
  return { speakerIds, decisions, runs, kinds };
}

export { canonicalTitle };
