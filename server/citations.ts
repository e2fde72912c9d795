/**
 * Citation formatters for one passage: Vietnamese style, APA 7, Chicago (notes), BibTeX
 * (biblatex `@online`), RIS and CSL-JSON. Each quotes the passage verbatim (BibTeX escapes
 * TeX's special characters, nothing else) and gives the source, the date and the URL.
 * Pure functions: the same passage always gives the same text, so answers can be cached.
 */

/** What a citation is made of. */
export interface CitationInput {
  passageId: string;
  /** The passage text, verbatim. */
  text: string;
  title: string;
  /** ISO `YYYY-MM-DD`, or null when the date is unknown. */
  date: string | null;
  source: string | null;
  author: string | null;
  /** The original article's URL. */
  url: string | null;
  /** The passage's permanent page in this knowledge base. */
  permalink: string;
}

/** Every format, ready to copy. */
export interface Citations {
  vi: string;
  apa: string;
  chicago: string;
  bibtex: string;
  ris: string;
  cslJson: Record<string, unknown>;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

/** Splits an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) into numbers. */
export function parseIsoDate(date: string | null): DateParts | null {
  const m = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date) : null;
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}

/** "March 5" (or "March" without a day) for APA and Chicago; null when the month is unknown. */
function monthDay(d: DateParts): string | null {
  return d.month ? [MONTHS_EN[d.month - 1], d.day].filter(Boolean).join(' ') : null;
}

/** The outlet, else the URL's host, so a reference never lacks a source. */
function sourceName(c: CitationInput): string {
  if (c.source) return c.source;
  if (c.url) {
    try {
      return new URL(c.url).hostname;
    } catch {
      // Not a URL: fall through.
    }
  }
  return 'Không rõ nguồn';
}

/** Vietnamese reference style (tác giả (năm), “tên bài”, tên báo, ngày, URL), then the quotation. */
export function formatVietnamese(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const who = c.author ?? sourceName(c);
  const year = d ? String(d.year) : 'không rõ năm';
  const parts = [`${who} (${year}), “${c.title}”`, sourceName(c)];
  if (d?.day) parts.push(`ngày ${d.day}/${d.month}/${d.year}`);
  else if (d?.month) parts.push(`tháng ${d.month}/${d.year}`);
  if (c.url) parts.push(c.url);
  return `${parts.join(', ')}. Trích: “${c.text}”`;
}

/** APA 7 reference for an online news article, after the quotation with its in-text citation. */
export function formatApa(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const when = d ? [d.year, monthDay(d)].filter(Boolean).join(', ') : 'n.d.';
  const source = sourceName(c);
  const head = c.author ? `${c.author}. (${when}). ${c.title}.` : `${c.title}. (${when}).`;
  const reference = [head, `${source}.`, c.url].filter(Boolean).join(' ');
  return `“${c.text}” (${c.author ?? source}, ${d ? d.year : 'n.d.'}).\n\n${reference}`;
}

/** Chicago notes-bibliography note, quotation first. */
export function formatChicago(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const when = d ? [monthDay(d), d.year].filter(Boolean).join(', ') : 'n.d.';
  const parts = [c.author, `“${c.title},”`, sourceName(c) + ',', when + (c.url ? ',' : '.'), c.url ? `${c.url}.` : null];
  return `“${c.text}”\n\n${parts.filter(Boolean).join(' ')}`;
}

/** Escapes TeX's special characters so a value survives BibTeX verbatim. */
export function escapeBibtex(value: string): string {
  return value.replace(/[\\{}%&$#_~^]/g, (ch) => {
    if (ch === '\\') return '\\textbackslash{}';
    if (ch === '~') return '\\textasciitilde{}';
    if (ch === '^') return '\\textasciicircum{}';
    return '\\' + ch;
  });
}

/** A biblatex `@online` entry; the quotation goes into `note`. */
export function formatBibtex(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const fields: [string, string | null][] = [
    ['title', escapeBibtex(c.title)],
    ['author', c.author ? escapeBibtex(c.author) : null],
    // Double braces: an outlet is a corporate name, not "Last, First".
    ['organization', `{${escapeBibtex(sourceName(c))}}`],
    ['date', c.date],
    ['year', d ? String(d.year) : null],
    ['url', c.url ? c.url.replace(/[{}]/g, '') : null],
    ['langid', 'vietnamese'],
    ['note', `Trích: “${escapeBibtex(c.text)}”`],
  ];
  const key = `ngkb-${c.passageId}`.replace(/[^a-zA-Z0-9_-]/g, '');
  const body = fields.filter(([, v]) => v !== null).map(([k, v]) => `  ${k} = {${v}}`);
  return `@online{${key},\n${body.join(',\n')}\n}`;
}

/** A RIS record (type NEWS); the quotation goes into a note (N1). */
export function formatRis(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const lines: [string, string | null][] = [
    ['TY', 'NEWS'],
    ['TI', c.title],
    ['AU', c.author],
    ['T2', sourceName(c)],
    ['PB', sourceName(c)],
    ['PY', d ? String(d.year) : null],
    ['DA', d ? [d.year, d.month, d.day].filter(Boolean).map((n) => String(n).padStart(2, '0')).join('/') : null],
    ['UR', c.url],
    ['LA', 'vi'],
    ['N1', `“${c.text}”`],
    ['ER', ''],
  ];
  return lines
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}  - ${v}`.trimEnd())
    .join('\n');
}

/** One CSL-JSON item (what Zotero and citeproc read); the quotation goes into `note`. */
export function formatCslJson(c: CitationInput): Record<string, unknown> {
  const d = parseIsoDate(c.date);
  const item: Record<string, unknown> = {
    id: c.passageId,
    type: 'article-newspaper',
    title: c.title,
    'container-title': sourceName(c),
    publisher: sourceName(c),
    language: 'vi',
    note: `“${c.text}”`,
  };
  if (c.author) item.author = [{ literal: c.author }];
  if (d) item.issued = { 'date-parts': [[d.year, d.month, d.day].filter((n): n is number => n !== null)] };
  if (c.url) item.URL = c.url;
  return item;
}

/** All formats for one passage. */
export function formatCitations(c: CitationInput): Citations {
  return {
    vi: formatVietnamese(c),
    apa: formatApa(c),
    chicago: formatChicago(c),
    bibtex: formatBibtex(c),
    ris: formatRis(c),
    cslJson: formatCslJson(c),
  };
}
