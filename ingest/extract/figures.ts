/**
 * Figures worth finding: a number (optionally "khoảng", "hơn", a range or a percentage) and
 * the noun phrase it counts — "khoảng 115 cơ quan đại diện", "150 cơ quan", "100% cơ quan
 * đại diện", "2-3 trụ sở". Years, dates, ordinals, document numbers and times are not figures.
 */

/** A figure found in a passage, before it gets a passage id. */
export interface FoundFigure {
  text: string;
  value: number;
}

const APPROX = '(?:(?:khoảng|gần|hơn|trên|dưới|ít nhất|tối đa)\\s+)?';
const NUMBER = '\\d+(?:[.,]\\d+)*';
const FIGURE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}/.,:-])(${APPROX})(${NUMBER})(?:\\s*[-–]\\s*(${NUMBER}))?(\\s*%)?(?![\\p{N}/:]|[.,]\\d)((?:\\s+[\\p{Ll}][\\p{L}\\p{M}]*){1,4})?`,
  'gu',
);

/** Words that end a counted noun phrase. */
const STOP = new Set(
  'và của tại ở trên trong với cho đến là có được theo để thuộc vào sau trước so như nhằm mà thì khi nếu do bởi qua các những này đó'.split(' '),
);

/** Units that make a number a date, a duration or an age rather than a count of things. */
const NOT_COUNTED = new Set(['năm', 'tháng', 'ngày', 'giờ', 'phút', 'giây', 'tuổi', 'lần', 'thế']);

/** Parses "1.100" (thousands) and "28,22" (decimal comma) the Vietnamese way. */
export function parseVietnameseNumber(raw: string): number {
  if (/^\d{1,3}(\.\d{3})+$/.test(raw)) return Number(raw.replace(/\./g, ''));
  return Number(raw.replace(/\./g, '').replace(',', '.'));
}

/** Figures in a Vietnamese passage. */
export function findFigures(text: string, skip: readonly { start: number; end: number }[] = []): FoundFigure[] {
  const out: FoundFigure[] = [];
  const re = new RegExp(FIGURE_RE.source, FIGURE_RE.flags);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // A rejected number must not swallow the words after it ("2030 có khoảng 115 …"): resume right after it.
    re.lastIndex = m.index + (m[1] ?? '').length + (m[2] ?? '').length;
    // Numbers that belong to a name ("HNNG 31", "Hội nghị Ngoại vụ 21", "G20") are not figures.
    if (skip.some((s) => m.index < s.end && m.index + m[0].length > s.start && m.index >= s.start)) continue;
    if (/\p{Lu}{2,}\s*$/u.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const [, approx = '', num = '', , percent, tail = ''] = m;
    const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    if (/(thứ|số|khóa|khoá|lần thứ|điều|khoản|giai đoạn|năm|ngày|tháng|covid-?)\s*$/u.test(before)) continue;
    const value = parseVietnameseNumber(num);
    if (!Number.isFinite(value)) continue;
    if (!percent && value >= 1900 && value <= 2100 && !/\./.test(num)) continue;
    const words: string[] = [];
    for (const w of tail.trim().split(/\s+/).filter(Boolean)) {
      if (STOP.has(w.toLowerCase())) break;
      words.push(w);
    }
    if (words.length === 0 && !percent) continue;
    if (words[0] && NOT_COUNTED.has(words[0].toLowerCase())) continue;
    const numberText = m[0].slice(approx.length).split(/\s+(?=[\p{Ll}])/u)[0] ?? num;
    const phrase = [approx.trim(), numberText.trim(), ...words].filter(Boolean).join(' ');
    out.push({ text: phrase.replace(/\s+%/, '%'), value });
  }
  return out;
}
