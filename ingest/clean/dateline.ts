/**
 * Recognises a line that is nothing but a date (and maybe a weekday, a time, a time zone or an
 * "updated" label): a page date ("Chủ nhật, 10/11/2024, 10:05[GMT+7]", "THỨ SÁU, NGÀY 22 THÁNG 11
 * NĂM 2024"), an article dateline ("01/02/2023 18:18", "15/12/2021 - 14:32", "August 11, 2018 |
 * 20:17 (GMT+7)") or an update stamp ("(Cập nhật: 07/01/2025)").
 */

/** What a date-only line says. */
export interface Dateline {
  /** ISO `YYYY-MM-DD`, or null when the date is not a valid calendar day. */
  date: string | null;
  /** Starts with a weekday: typical of the site's "today" header above the title. */
  weekday: boolean;
  /** An update stamp ("Cập nhật", "Updated"), not the publication date. */
  update: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const WEEKDAY = /(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|(?:mon|tues|wednes|thurs|fri|satur|sun)day)/giu;
const UPDATE = /(?:cập\s+nhật(?:\s+lúc)?|updated?(?:\s+at)?|last\s+updated)/giu;
const LABEL = /(?:ngày\s+đăng|đăng\s+lúc|đăng\s+ngày|xuất\s+bản|posted(?:\s+on)?|published(?:\s+on)?|lúc)/giu;
const TIME = /\b\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:am|pm|sa|ch)?\b/giu;
const ZONE = /(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|\bict\b/giu;
const NUMERIC_DMY = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/u;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/u;
const WORDS_DMY = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const ENGLISH = /\b([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/iu;

/** Parses a date-only line; null when the line says anything besides a date. */
export function parseDateline(text: string): Dateline | null {
  if (text.length > 80) return null;
  let date: string | null = null;
  let rest = text;
  const take = (re: RegExp, order: 'dmy' | 'ymd' | 'mdy') => {
    if (date !== null) return;
    const m = re.exec(rest);
    if (!m) return;
    let d: number, mo: number, y: number;
    if (order === 'ymd') [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
    else if (order === 'mdy') {
      const month = MONTHS[m[1]!.toLowerCase()];
      if (month === undefined) return;
      [mo, d, y] = [month, +m[2]!, +m[3]!];
    } else [d, mo, y] = [+m[1]!, +m[2]!, +m[3]!];
    date = isoDate(y, mo, d) ?? '';
    rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length);
  };
  take(WORDS_DMY, 'dmy');
  take(ISO, 'ymd');
  take(NUMERIC_DMY, 'dmy');
  take(ENGLISH, 'mdy');
  if (date === null) return null;
  const weekday = new RegExp(WEEKDAY.source, 'iu').test(rest);
  const update = new RegExp(UPDATE.source, 'iu').test(rest);
  const residue = rest
    .replace(WEEKDAY, ' ')
    .replace(UPDATE, ' ')
    .replace(LABEL, ' ')
    .replace(ZONE, ' ')
    .replace(TIME, ' ')
    .replace(/\bngày\b/giu, ' ')
    .replace(/[\s|,;:.()[\]\-–—/]+/gu, '');
  if (residue !== '') return null;
  return { date: date === '' ? null : date, weekday, update };
}

/** ISO day when it is a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
