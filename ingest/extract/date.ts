/**
 * The publication date, ISO `YYYY-MM-DD`, and where it came from:
 * 1. `header`: a `date YYYY-MM-DD` line the file declares (kept in `meta.date` by the cleaner);
 * 2. `dateline`: a line that is only a date (and a time): "Thứ 4, 15/12/2021 | 11:12:45",
 *    "(Cập nhật: 07/01/2025)", "August 11, 2018 | 20:17 (GMT+7)". When a page prints two (the
 *    page's render date and the article's), the one whose year the article text uses wins;
 * 3. `text`: a day/month opening the lead ("Ngày 15/12, …", "Sáng nay, 19.12, …") with the year
 *    from the main event's knowledge-base date (same day and month) or from a full date of the
 *    same month elsewhere in the text ("… 14/12/2021").
 * Otherwise null: a missing date is better than a guessed one.
 */
import { isoDate } from '../clean/dateline.ts';
import type { CleanDocument, Event } from '../types.ts';

export { isoDate } from '../clean/dateline.ts';

/** A publication date and its provenance. */
export interface FoundDate {
  date: string | null;
  source: 'header' | 'dateline' | 'text' | null;
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

/** Finds the publication date of a clean document (see the module comment for the order). */
export function extractDate(doc: CleanDocument, lead: string | null, bodyText: string, mainEvent: Event | null): FoundDate {
  const header = /^[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b/im.exec(doc.source.text);
  if (header) {
    const d = isoDate(Number(header[1]), Number(header[2]), Number(header[3]));
    if (d) return { date: d, source: 'header' };
  }
  const candidates: string[] = [];
  const metaDate = doc.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(doc.meta.date) ? doc.meta.date : null;
  if (metaDate) candidates.push(metaDate);
  for (const line of [...doc.dropped.map((d) => d.text), ...doc.blocks.map((b) => b.text)]) {
    for (const part of line.split(/\n/)) {
      const d = datelineDate(part);
      if (d && !candidates.includes(d)) candidates.push(d);
    }
  }
  if (candidates.length > 0) {
    // The article's own date shares its day/month with the lead ("Chiều 15/12, …") or its year
    // with the text; a page's render date ("THỨ SÁU, NGÀY 22 THÁNG 11 NĂM 2024") usually shares neither.
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
    if (m) {
      const day = Number(m[1]);
      const month = Number(m[2]);
      if (m[3]) {
        const d = isoDate(Number(m[3]), month, day);
        if (d) return { date: d, source: 'text' };
      }
      if (mainEvent?.date) {
        const [ey, em, ed] = mainEvent.date.split('-').map(Number);
        if (em === month && ed === day && ey) {
          const d = isoDate(ey, month, day);
          if (d) return { date: d, source: 'text' };
        }
      }
      const years = [...bodyText.matchAll(/(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/g)]
        .filter((f) => Number(f[2]) === month)
        .map((f) => Number(f[3]));
      if (years.length > 0) {
        const d = isoDate(Math.max(...years), month, day);
        if (d) return { date: d, source: 'text' };
      }
    }
  }
  return { date: null, source: null };
}
