/**
 * The publication date, ISO `YYYY-MM-DD`, and where it came from — the publication date and
 * nothing else:
 * 1. `header`: a `date YYYY-MM-DD` line the file declares;
 * 2. `meta`: the page's metadata (`article:published_time`, `pubdate`, JSON-LD `datePublished`);
 * 3. `dateline`: a line that is only a date (and a time) — a dateline or a byline timestamp:
 *    "Thứ 4, 15/12/2021 | 11:12:45", "(Cập nhật: 07/01/2025)", "August 11, 2018 | 20:17 (GMT+7)".
 *    When a page prints two, the one whose day/month opens the lead or whose year the text uses
 *    wins. A page's render date (the cleaner's `page-date`, or an upper-case weekday line such as
 *    "THỨ BẢY, NGÀY 7 THÁNG 12 NĂM 2024" above a copied article) is never used;
 * 4. `text`: a FULL date opening the lead ("Ngày 15/12/2021, …").
 * Otherwise null. A day and month in the text are never completed with a year borrowed from the
 * knowledge base or from another date: the event's date goes to `Passage.eventDate` instead.
 */
import { isoDate } from '../clean/dateline.ts';
import type { CleanDocument, Event } from '../types.ts';

export { isoDate } from '../clean/dateline.ts';

/** A publication date and its provenance. */
export interface FoundDate {
  date: string | null;
  source: 'header' | 'dateline' | 'text' | 'meta' | null;
}

const MONTHS_EN: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
};

/** The date a short dateline line states, or null when the line is more than a date. */
export function datelineDate(line: string): string | null {
  const t = line.trim();
  if (t.length > 80) return null;
  const vi = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
  const viWords = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i.exec(t);
  const en = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s*(\d{4})/i.exec(t);
  let date: string | null = null;
  let rest = t;
  if (vi) {
    date = isoDate(Number(vi[3]), Number(vi[2]), Number(vi[1]));
    rest = t.replace(vi[0], '');
  } else if (viWords) {
    date = isoDate(Number(viWords[3]), Number(viWords[2]), Number(viWords[1]));
    rest = t.replace(viWords[0], '');
  } else if (en) {
    date = isoDate(Number(en[3]), MONTHS_EN[(en[1] ?? '').toLowerCase()] ?? 0, Number(en[2]));
    rest = t.replace(en[0], '');
  }
  if (!date) return null;
  // What is left must be date furniture: weekday, time, zone, "Cập nhật", "Ngày ban hành", pipes.
  const leftover = rest
    .replace(/\d{1,2}:\d{2}(:\d{2})?/g, '')
    .replace(/\[?\(?GMT\s*[+-]\s*\d+\)?\]?/gi, '')
    .replace(/(thứ\s*\d|thứ\s+\p{L}+|chủ nhật|cập nhật|ngày ban hành|ngày đăng|đăng ngày|hà nội|ngày|hiệu lực|có|monday|tuesday|wednesday|thursday|friday|saturday|sunday)/giu, '')
    .replace(/[\s,|():\-–\[\]]+/g, '');
  return leftover.length <= 3 ? date : null;
}

/** "Ngày 15/12", "Sáng 19/12", "chiều ngày 8/7", "Sáng nay, 19.12", or a bare "15/12," opening the lead. */
const LEAD_DATE = /(?:(?:^|[.:]\s+|LTS:\s*)(?:(?:Sáng|Chiều|Trưa|Tối|Đêm)\s+)?(?:nay,?\s+)?(?:ngày\s+)?|(?<![\p{L}])(?:(?:sáng|chiều|trưa|tối|đêm)\s+(?:ngày\s+)?|ngày\s+))(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?(?![\d/])/iu;

/** An upper-case line with a weekday: the day a page was rendered or saved, not the article's date. */
const RENDER_DATE = /^(?:THỨ\s+\S+|CHỦ\s+NHẬT|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b/u;

/** True when a date line reads as a page's render date rather than the article's dateline. */
export function isRenderDate(line: string): boolean {
  const t = line.trim();
  return RENDER_DATE.test(t) && t === t.toUpperCase();
}

/** Finds the publication date of a clean document (see the module comment for the order). */
export function extractDate(doc: CleanDocument, lead: string | null, bodyText: string, _mainEvent?: Event | null): FoundDate {
  const header = /^[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b/im.exec(doc.source.text);
  if (header) {
    const d = isoDate(Number(header[1]), Number(header[2]), Number(header[3]));
    if (d) return { date: d, source: 'header' };
  }
  const metaDate = doc.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(doc.meta.date) ? doc.meta.date : null;
  if (metaDate && doc.meta.dateFrom === 'meta') return { date: metaDate, source: 'meta' };
  const candidates: string[] = [];
  if (metaDate) candidates.push(metaDate);
  const lines = [...doc.dropped.filter((d) => d.rule !== 'page-date').map((d) => d.text), ...doc.blocks.map((b) => b.text)];
  for (const line of lines) {
    for (const part of line.split(/\n/)) {
      if (isRenderDate(part)) continue;
      const d = datelineDate(part);
      if (d && !candidates.includes(d)) candidates.push(d);
    }
  }
  if (candidates.length > 0) {
    // The article's own date shares its day/month with the lead ("Chiều 15/12, …") or its year
    // with the text; a page's render date usually shares neither.
    const leadText = lead ?? '';
    const score = (d: string) => {
      const [y, m, day] = d.split('-').map(Number);
      const dm = new RegExp(`(?<!\\d)0?${day}[/.-]0?${m}(?![\\d])`).test(leadText) ? 10 : 0;
      return dm + Math.min(bodyText.split(String(y)).length - 1, 5);
    };
    const best = [...candidates].sort((a, b) => score(b) - score(a))[0] ?? null;
    return { date: best, source: 'dateline' };
  }
  if (lead) {
    const m = LEAD_DATE.exec(lead.slice(0, 240));
    if (m?.[3]) {
      const d = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
      if (d) return { date: d, source: 'text' };
    }
  }
  return { date: null, source: null };
}

/**
 * Words that may open a passage before the date of what it reports: "Sáng 15/12/2021, …",
 * "Chiều thứ Ba, ngày 19/12/2023, …", "LTS: Sáng nay, 19.12.2023, …", "On Tuesday, December 14, 2021, …".
 */
const OPENING_WORDS = new Set(
  ['lts', 'sáng', 'chiều', 'tối', 'trưa', 'đêm', 'hôm', 'nay', 'qua', 'vào', 'ngày', 'thứ', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'chủ', 'nhật',
    'on', 'the', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'morning', 'afternoon', 'evening', 'of'],
);

/** True when what comes before a date in a passage is only time words and punctuation: the date opens it. */
function opensPassage(prefix: string): boolean {
  if (prefix.length > 48) return false;
  const words = prefix.toLocaleLowerCase('vi').match(/\p{L}+/gu) ?? [];
  return words.every((w) => OPENING_WORDS.has(w)) && !/[\d"“”]/u.test(prefix);
}

/**
 * The full date a passage opens with ("Ngày 14/12/2021, …", "Sáng 19/12/2023, …", "ngày 14 tháng
 * 12 năm 2021", "On December 14, 2021, …"), ISO, or null: the date of what the passage reports.
 * A full date further in the text is another thing's date — a resolution's ("Nghị quyết … ngày
 * 24/11/2021"), an anniversary's ("(28/8/1945 - 28/8/2020)") — and is not taken.
 */
export function statedDate(text: string): string | null {
  const forms: [RegExp, (m: RegExpExecArray) => string | null][] = [
    [/(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])/u, (m) => isoDate(Number(m[3]), Number(m[2]), Number(m[1]))],
    [/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu, (m) => isoDate(Number(m[3]), Number(m[2]), Number(m[1]))],
    [
      /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})\b/u,
      (m) => isoDate(Number(m[3]), MONTHS_EN[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2])),
    ],
  ];
  for (const [re, toIso] of forms) {
    const m = re.exec(text);
    if (m && opensPassage(text.slice(0, m.index))) return toIso(m);
  }
  return null;
}
