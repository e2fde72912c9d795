/**
 * People in text: knowledge-base names and aliases, the title printed before each name
 * ("Phó Thủ tướng Chính phủ Trần Lưu Quang" → "Phó Thủ tướng"), bare titles that stand for
 * a person named earlier ("Phó Thủ tướng nhấn mạnh"), and candidates: a title followed by a
 * Vietnamese name the knowledge base does not know.
 */
import type { KnowledgeBase } from '../types.ts';
import { foldDiacritics } from '../../lib/vietnamese.ts';
import { compileAliases, memoizeByObject, type AliasMatcher, type TextMatch } from './match.ts';

/** Canonical titles, longest first so "Phó Thủ tướng" is never read as "Thủ tướng". */
export const TITLES: readonly string[] = [
  'Phó Thủ tướng Thường trực',
  'Phó Thủ tướng',
  'Thủ tướng',
  'Phó Chủ tịch nước',
  'Chủ tịch nước',
  'Phó Chủ tịch Quốc hội',
  'Chủ tịch Quốc hội',
  'Phó Chủ tịch',
  'Chủ tịch',
  'Tổng Bí thư',
  'Thường trực Ban Bí thư',
  'Bí thư',
  'Thứ trưởng',
  'Bộ trưởng',
  'Phó Trưởng ban',
  'Trưởng ban',
  'Phó Vụ trưởng',
  'Vụ trưởng',
  'Phó Cục trưởng',
  'Cục trưởng',
  'Phó Giám đốc',
  'Tổng Lãnh sự',
  'Đại sứ',
  'Người phát ngôn',
  'Chánh Văn phòng',
  'Giám đốc',
  'Lương y',
  'Đại tướng',
  'Thượng tướng',
  'Trung tướng',
  'Deputy Prime Minister',
  'Prime Minister',
  'General Secretary',
  'Party General Secretary',
  'Deputy Foreign Minister',
  'Deputy Minister',
  'Foreign Minister',
  'Minister',
  'Vice President',
  'State President',
  'President',
  'Ambassador',
  'Spokesperson',
];

/**
 * The office a title names, in one vocabulary for both languages, so "Prime Minister Pham Minh
 * Chinh" and a later "Thủ tướng" (or "the PM") resolve to the same person. Titles not listed are
 * their own key. Keys are the Vietnamese canonical titles.
 */
const ROLE_KEYS: Readonly<Record<string, string>> = {
  'Deputy Prime Minister': 'Phó Thủ tướng',
  'Prime Minister': 'Thủ tướng',
  'General Secretary': 'Tổng Bí thư',
  'Party General Secretary': 'Tổng Bí thư',
  'Deputy Foreign Minister': 'Thứ trưởng',
  'Deputy Minister': 'Thứ trưởng',
  'Foreign Minister': 'Bộ trưởng',
  Minister: 'Bộ trưởng',
  'Vice President': 'Phó Chủ tịch nước',
  'State President': 'Chủ tịch nước',
  President: 'Chủ tịch nước',
  Ambassador: 'Đại sứ',
  Spokesperson: 'Người phát ngôn',
};

/** The office key of a canonical title (see `ROLE_KEYS`): "Prime Minister" → "Thủ tướng". */
export function roleKey(title: string): string {
  return ROLE_KEYS[title] ?? title;
}

/**
 * English references to an office without a name ("the PM said", "the Government leader noted"),
 * with the office they stand for. Lower-case "the" is required, so a headline "President" is not one.
 */
export const EN_TITLE_REFS: readonly { re: RegExp; title: string }[] = [
  { re: /\b[Tt]he\s+(?:Deputy\s+PM|Deputy\s+Prime\s+Minister)\b/gu, title: 'Phó Thủ tướng' },
  { re: /\b[Tt]he\s+(?:PM|Prime\s+Minister|Government\s+(?:leader|chief|head)|Vietnamese\s+Government\s+leader)\b/gu, title: 'Thủ tướng' },
  { re: /\b[Tt]he\s+(?:Party\s+(?:chief|leader)|General\s+Secretary|top\s+leader)\b/gu, title: 'Tổng Bí thư' },
  { re: /\b[Tt]he\s+(?:State\s+President|President|State\s+leader)\b/gu, title: 'Chủ tịch nước' },
  { re: /\b[Tt]he\s+(?:Deputy\s+(?:Foreign\s+)?Minister|deputy\s+(?:foreign\s+)?minister)\b/gu, title: 'Thứ trưởng' },
  { re: /\b[Tt]he\s+(?:Foreign\s+Minister|Minister|minister|top\s+diplomat)\b/gu, title: 'Bộ trưởng' },
  { re: /\b[Tt]he\s+[Aa]mbassador\b/gu, title: 'Đại sứ' },
  { re: /\b[Tt]he\s+(?:[Ss]pokesperson|[Ss]pokeswoman|[Ss]pokesman)\b/gu, title: 'Người phát ngôn' },
];


const TITLE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${TITLES.map((t) => t.replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** Common Vietnamese family names: a capitalised run starting with one of these reads as a name. */
const SURNAMES = new Set(
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trịnh Mai Tô Lâm Trương Hà Cao Lưu Chu Thái Tạ Quách Lương Đào Đàm Kiều Khúc Lại Mạc Nông Phùng Tăng Thân Triệu Vương Hứa Lò Lục Tống'.split(' '),
);

/** Capitalised runs that start like a name but are places. */
const PLACES = /^(Hà Nội|Hà Tĩnh|Hà Giang|Hà Nam|Lâm Đồng|Cao Bằng|Thái Bình|Thái Nguyên|Hồ Chí Minh|Bùi Chu|Phan Thiết|Phan Rang|Ha Noi|Ha Tinh|Ha Giang|Ha Nam|Lam Dong|Cao Bang|Thai Binh|Thai Nguyen|Ho Chi Minh|Phan Thiet|Phan Rang)/u;

/** Words that may sit between a title and a name ("Thủ tướng Chính phủ …", "Bộ trưởng Bộ Ngoại giao …"). */
const TITLE_GAP_MAX = 70;

/** A person named in a text. */
export interface PersonMention extends TextMatch {
  id: string;
  /** Canonical title printed right before the name, if any. */
  title: string | null;
  /** Where that title starts (the mention's start when it has none). */
  titleStart: number;
}

/** A title standing alone for a person ("Thủ tướng nhấn mạnh"). */
export interface TitleReference extends TextMatch {
  title: string;
}

const peopleMatcher = memoizeByObject((kb: KnowledgeBase): AliasMatcher =>
  compileAliases(
    kb.people.flatMap((p) => [p.name, ...p.aliases].map((alias) => ({ id: p.id, alias }))),
    { foldAll: false },
  ),
);

/** The canonical form of a printed title ("phó thủ tướng" → "Phó Thủ tướng"). */
export function canonicalTitle(printed: string): string {
  const key = printed.replace(/\s+/g, ' ').toLowerCase();
  return TITLES.find((t) => t.toLowerCase() === key) ?? printed;
}

/** The title printed just before `pos` (only capitalised qualifiers in between), or null. */
export function titleBefore(text: string, pos: number): { title: string; start: number } | null {
  const from = Math.max(0, pos - TITLE_GAP_MAX - 30);
  const window = text.slice(from, pos);
  let best: { title: string; start: number; end: number } | null = null;
  TITLE_RE.lastIndex = 0;
  for (const m of window.matchAll(TITLE_RE)) {
    best = { title: canonicalTitle(m[1] ?? m[0]), start: from + m.index, end: from + m.index + m[0].length };
  }
  if (!best) return null;
  const gap = text.slice(best.end, pos);
  if (gap.length > TITLE_GAP_MAX || /[,;:.()“”"|\n]/.test(gap)) return null;
  // Qualifiers are organisation words ("Chính phủ", "Bộ Ngoại giao", "thường trực"), never a verb phrase.
  if (/\s(và|của|với|cho|tại|đã|dự|có|là)\s/i.test(` ${gap} `)) return null;
  return { title: best.title, start: best.start };
}

/** Knowledge-base people named in `text`, in order, with the title printed before each. */
export function findPersonMentions(text: string, kb: KnowledgeBase): PersonMention[] {
  return peopleMatcher(kb)
    .find(text)
    .filter((m) => !isPlaceName(text, m.start, m.id))
    .map((m) => {
      const t = titleBefore(text, m.start);
      return { ...m, title: t?.title ?? null, titleStart: t?.start ?? m.start };
    });
}

/** "Thành phố Hồ Chí Minh", "Học viện Chính trị quốc gia Hồ Chí Minh" name places, not the person. */
function isPlaceName(text: string, start: number, id: string): boolean {
  if (id !== 'ho-chi-minh') return false;
  return /(thành phố|tp\.?|quốc gia|học viện|lăng|đường|city|mausoleum)\s*$/iu.test(text.slice(Math.max(0, start - 25), start));
}

/** Titles in `text` that are not followed by a name: they refer back to someone named earlier. */
export function findTitleReferences(text: string, mentions: readonly PersonMention[]): TitleReference[] {
  const out: TitleReference[] = [];
  TITLE_RE.lastIndex = 0;
  for (const m of text.matchAll(TITLE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const title = canonicalTitle(m[1] ?? m[0]);
    if (mentions.some((p) => p.start < end && start < p.end)) continue;
    // A title that introduces a name right after it (qualifiers allowed) is part of that mention.
    const introduces = mentions.some((p) => p.start >= end && p.start - end <= TITLE_GAP_MAX && titleBefore(text, p.start)?.start === start);
    if (introduces) continue;
    // An appositive ("Phạm Minh Chính, Chủ tịch Hội đồng …") describes the name before it.
    const before = text.slice(Math.max(0, start - 4), start);
    if (/,\s*$/.test(before) && mentions.some((p) => p.end <= start && start - p.end <= 4)) continue;
    // …also after a name the KB does not know ("Trần Văn B, Chủ tịch Hội đồng Thi đua …").
    if (/,\s*$/.test(before) && nameEndingAt(text, start - before.length + before.search(/,/))) continue;
    const after = text.slice(end, end + 40);
    // "Thủ tướng Nguyễn Xuân Phúc" with a name the KB lacks is a candidate, not a bare reference.
    if (nameAt(after.replace(/^(\s+(Chính phủ|Thường trực|Bộ Ngoại giao|Ngoại giao|Bộ \p{Lu}\p{Ll}+))*\s+/u, '')) !== null) continue;
    out.push({ start, end, title });
  }
  return out;
}

/** A title at the very start of a text (for appositives). */
const TITLE_AT_START = new RegExp(`^(${TITLES.map((t) => t.replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/** Family names folded to ASCII, for names printed without diacritics ("Nguyen Van A"). */
const SURNAMES_ASCII = new Set([...SURNAMES].map((n) => foldDiacritics(n)));

/** True when a capitalised run starts with a Vietnamese family name (with or without diacritics). */
function isVietnameseName(run: string): boolean {
  const first = run.split(/\s+/)[0] ?? '';
  return (SURNAMES.has(first) || SURNAMES_ASCII.has(first)) && !PLACES.test(run) && !PLACES.test(foldDiacritics(run));
}

/** True when a run is a full Vietnamese personal name (family name + 1–3 syllables). */
export function isVietnameseFullName(run: string): boolean {
  return run.trim().split(/\s+/).length >= 2 && isVietnameseName(run.trim());
}

/** True when a Vietnamese personal name ends at `end` ("… Trần Văn B|, Chủ tịch"). */
function nameEndingAt(text: string, end: number): boolean {
  const m = /(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})$/u.exec(text.slice(Math.max(0, end - 40), end));
  if (!m) return false;
  const words = (m[1] ?? '').split(/\s+/);
  for (let i = 0; i < words.length - 1; i++) if (isVietnameseName(words.slice(i).join(' '))) return true;
  return false;
}

/** A Vietnamese personal name (family name + 1–3 capitalised syllables) at the start of `text`. */
function nameAt(text: string): string | null {
  const m = /^(\p{Lu}\p{Ll}*)((?:\s+\p{Lu}\p{Ll}*){1,3})(?![\p{L}\p{N}])/u.exec(text);
  if (!m || !isVietnameseName(m[0])) return null;
  return m[0];
}

/** A title followed by a name the knowledge base does not know. */
export interface CandidateName {
  name: string;
  /** Canonical title ("Thứ trưởng"). */
  title: string;
  /** The title as printed, with its qualifiers ("Thứ trưởng Bộ Ngoại giao"). */
  printedTitle: string;
  start: number;
  /** Where the name ends. */
  end: number;
  /** Where the mention starts: the title when it comes first, else the name. */
  titleStart: number;
}

/** An English title word right before a position ("… Minister |Marc Knapper"). */
const EN_TITLE_END = /(?:Minister|President|Secretary|Ambassador|Spokesperson)\s+$/u;

/** Capitalised words that follow an English title but are not a name ("Minister of …", "President Trump's Government"). */
const NOT_NAME_WORDS = /^(Of|The|And|For|To|In|At|On|Government|Party|State|Ministry|Vietnam|Viet|Nam|Foreign|Affairs|Office|Council|Committee|National|Assembly|Republic|Socialist|People|Central|Commission|General|Deputy|Minister|Prime|President|Secretary|Ambassador)$/u;

/** An appositive title right after a name: "Nguyễn Văn A, Thứ trưởng Bộ Ngoại giao, …". */
function appositiveTitleAfter(text: string, end: number): { title: string; printed: string } | null {
  const m = /^\s*,\s*/u.exec(text.slice(end, end + 4));
  if (!m) return null;
  const from = end + m[0].length;
  const t = TITLE_AT_START.exec(text.slice(from, from + 120));
  if (!t) return null;
  const printed = /^[^,;:.()“”"]*/u.exec(text.slice(from, from + 120))?.[0].trim() ?? t[0];
  return { title: canonicalTitle(t[1] ?? t[0]), printed };
}

/**
 * Titled names the knowledge base does not know: a title before a Vietnamese name (with or
 * without diacritics: "Thứ trưởng Nguyễn Văn A", "Deputy Minister Nguyen Van A"), an English
 * title before any capitalised name ("Ambassador Marc Knapper"), or a Vietnamese name with an
 * appositive title ("Đồng chí Trần Văn B, Chủ tịch Hội đồng …"). Each becomes a provisional person.
 */
export function findCandidateNames(text: string, mentions: readonly PersonMention[]): CandidateName[] {
  const out: CandidateName[] = [];
  // A name may start at any capitalised word ("Bộ Công Thương Nguyễn Sinh Nhật Tân"): try each one.
  const re = /(\p{Lu}[\p{Ll}\p{M}]*)((?:\s+\p{Lu}[\p{Ll}\p{M}]*){1,3})(?![\p{L}\p{N}])/uy;
  let taken = 0;
  for (const w of text.matchAll(/(?<![\p{L}\p{N}])\p{Lu}/gu)) {
    if (w.index < taken) continue;
    re.lastIndex = w.index;
    const m = re.exec(text);
    if (!m) continue;
    let name = m[0];
    const start = m.index;
    const vietnamese = isVietnameseName(name);
    // Most capitalised words are neither a Vietnamese name nor right after an English title: skip them cheaply.
    if (!vietnamese && !EN_TITLE_END.test(text.slice(Math.max(0, start - 16), start))) continue;
    const before = titleBefore(text, start);
    const english = before !== null && TITLES.indexOf(before.title) >= TITLES.indexOf('Deputy Prime Minister');
    if (!vietnamese && !english) continue;
    if (!vietnamese) {
      // English title + name: keep the capitalised words that read as a name.
      const words = name.split(/\s+/);
      const kept: string[] = [];
      for (const w of words) {
        if (NOT_NAME_WORDS.test(w)) break;
        kept.push(w);
      }
      if (kept.length < 2) continue;
      name = kept.join(' ');
    }
    const end = start + name.length;
    if (mentions.some((p) => p.start < end && start < p.end)) continue;
    if (before) {
      const printed = text.slice(before.start, start).trim();
      out.push({ name: name.replace(/\s+/g, ' '), title: before.title, printedTitle: printed, start, end, titleStart: before.start });
      taken = end;
      continue;
    }
    const appositive = vietnamese ? appositiveTitleAfter(text, end) : null;
    if (appositive) {
      out.push({ name: name.replace(/\s+/g, ' '), title: appositive.title, printedTitle: appositive.printed, start, end, titleStart: start });
      taken = end;
    }
  }
  return out;
}
