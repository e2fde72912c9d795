/**
 * People in text: knowledge-base names and aliases, the title printed before each name
 * ("Phó Thủ tướng Chính phủ Trần Lưu Quang" → "Phó Thủ tướng"), bare titles that stand for
 * a person named earlier ("Phó Thủ tướng nhấn mạnh"), and candidates: a title followed by a
 * Vietnamese name the knowledge base does not know.
 */
import type { KnowledgeBase } from '../types.ts';
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
  'Cục trưởng',
  'Tổng Lãnh sự',
  'Đại sứ',
  'Người phát ngôn',
  'Chánh Văn phòng',
  'Giám đốc',
  'Đại tướng',
  'Thượng tướng',
  'Trung tướng',
  'Deputy Prime Minister',
  'Prime Minister',
  'General Secretary',
  'Deputy Minister',
  'Foreign Minister',
  'Minister',
  'President',
  'Ambassador',
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
const PLACES = /^(Hà Nội|Hà Tĩnh|Hà Giang|Hà Nam|Lâm Đồng|Cao Bằng|Thái Bình|Thái Nguyên|Hồ Chí Minh|Bùi Chu|Phan Thiết|Phan Rang)/u;

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
    const after = text.slice(end, end + 40);
    // "Thủ tướng Nguyễn Xuân Phúc" with a name the KB lacks is a candidate, not a bare reference.
    if (nameAt(after.replace(/^(\s+(Chính phủ|Thường trực|Bộ Ngoại giao|Ngoại giao|Bộ \p{Lu}\p{Ll}+))*\s+/u, '')) !== null) continue;
    out.push({ start, end, title });
  }
  return out;
}

/** A Vietnamese personal name (family name + 1–3 capitalised syllables) at the start of `text`. */
function nameAt(text: string): string | null {
  const m = /^(\p{Lu}\p{Ll}*)((?:\s+\p{Lu}\p{Ll}*){1,3})(?![\p{L}\p{N}])/u.exec(text);
  if (!m || !SURNAMES.has(m[1] ?? '') || PLACES.test(m[0])) return null;
  return m[0];
}

/** A title followed by a name the knowledge base does not know. */
export interface CandidateName {
  name: string;
  title: string;
  start: number;
}

/** Finds "title + Vietnamese name" pairs whose name is not a knowledge-base person. */
export function findCandidateNames(text: string, mentions: readonly PersonMention[]): CandidateName[] {
  const out: CandidateName[] = [];
  const re = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}*)((?:\s+\p{Lu}\p{Ll}*){1,3})(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(re)) {
    if (!SURNAMES.has(m[1] ?? '') || PLACES.test(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (mentions.some((p) => p.start < end && start < p.end)) continue;
    const title = titleBefore(text, start);
    if (!title) continue;
    out.push({ name: m[0].replace(/\s+/g, ' '), title: title.title, start });
  }
  return out;
}
