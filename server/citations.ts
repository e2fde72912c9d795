/**
 * References for passages: Vietnamese style, APA 7, Chicago (bibliography entry), BibTeX
 * (biblatex), RIS and CSL-JSON, one passage at a time or many at once.
 *
 * Every format is built from one CSL-JSON item (`cslItem`), so the formats cannot disagree:
 * - APA is rendered by citeproc-js through citation-js with the APA CSL style it bundles.
 * - BibTeX and RIS are written here from the item: citation-js's BibTeX writer either turns
 *   Vietnamese letters into TeX accent macros (and loses the horn of ư/ơ, which has none) or,
 *   in its Unicode mode, leaves `% & # _` unescaped; its RIS writer drops the full date (`DA`)
 *   of a newspaper article. Both are small, line-based formats; the names come from
 *   citation-names.ts.
 * - Chicago and the Vietnamese style follow their manuals by hand (citation-js bundles no
 *   Chicago style and there is no CSL style for the Vietnamese convention).
 *
 * A reference always resolves: without a source URL it points to the archive's permalink of
 * the passage and says so, with the date it was accessed; without a known outlet the archive
 * copy is named as the source. An English article is cited in English. A truncated passage is
 * cited as an excerpt ("[…]"). The speaker and the event go into each format (a note field).
 * Pure functions: the same input always gives the same text.
 * @see https://docs.citationstyles.org/en/stable/specification.html (CSL-JSON item and variables)
 * @see https://citation.js.org/api/0.7/tutorial-output_options.html
 * @see https://apastyle.apa.org/style-grammar-guidelines/references/examples/newspaper-article-references
 * @see https://www.chicagomanualofstyle.org/tools_citationguide/citation-guide-1.html (news and web)
 * @see https://www.bibtex.com/g/bibtex-format/ and the biblatex manual §2.1–2.2 (`@article` + `entrysubtype = {newspaper}`, `langid`, `urldate`)
 * @see https://en.wikipedia.org/wiki/RIS_(file_format) (tags TY, AU, TI, T2, PY, DA, UR, Y2, LA, DB, N1)
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { bibtexName, displayName, parseByline, type CslName } from './citation-names.ts';

/** The archive's own name, by language: what a reference names when the outlet is unknown. */
export const ARCHIVE_NAME = { vi: 'Tư liệu Ngoại giao Việt Nam', en: 'Vietnam Diplomacy Archive' } as const;

/** What a citation is made of. */
export interface CitationInput {
  passageId: string;
  /** The passage text, verbatim. */
  text: string;
  title: string;
  /** ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), or null when the date is unknown. */
  date: string | null;
  /** The outlet; null when neither text nor metadata names it. */
  source: string | null;
  /** The byline as printed ("Nguyễn Thu Hà", "D.Ngọc - M.Chiến"). */
  author: string | null;
  /** The original article's URL. */
  url: string | null;
  /** The passage's permanent page in this knowledge base (absolute URL). */
  permalink: string;
  /** ISO 639-1 language of the article (`vi` when absent). */
  language?: string;
  /** Whose words the passage reports. */
  speaker?: { name: string; role: string | null } | null;
  /** Names of the events the passage is about. */
  events?: string[];
  /** True when the passage is cut off at the end of a truncated source. */
  truncated?: boolean;
  /** ISO date the archive copy was accessed (the day the reference is made). */
  accessed?: string;
  /** Family names to read Vietnamese bylines with (citation-names.ts `familyNameSet`). */
  familyNames?: ReadonlySet<string>;
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

/** Bulk formats (`formatReferences`). */
export type ReferenceFormat = 'bibtex' | 'ris' | 'csl-json';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

/** Splits an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) into numbers. */
export function parseIsoDate(date: string | null | undefined): DateParts | null {
  const m = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date) : null;
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}

function dateParts(d: DateParts): number[] {
  return [d.year, d.month, d.day].filter((n): n is number => n !== null);
}

/** "December 19, 2023" / "December 2023" / "2023". */
function englishDate(d: DateParts): string {
  if (!d.month) return String(d.year);
  const month = MONTHS_EN[d.month - 1] as string;
  return d.day ? `${month} ${d.day}, ${d.year}` : `${month} ${d.year}`;
}

/** "19/12/2023" / "12/2023" / "2023". */
function vietnameseDate(d: DateParts): string {
  return [d.day, d.month, d.year].filter((n) => n !== null).join('/');
}

/** True when the article is cited in Vietnamese; every other language is cited in English. */
function isVietnamese(c: CitationInput): boolean {
  return (c.language ?? 'vi') === 'vi';
}

/** The outlet, else the URL's host, else the archive copy: never a placeholder. */
export function sourceName(c: CitationInput): { name: string; archiveCopy: boolean } {
  if (c.source?.trim()) return { name: c.source.trim(), archiveCopy: false };
  if (c.url) {
    try {
      return { name: new URL(c.url).hostname.replace(/^www\./, ''), archiveCopy: false };
    } catch {
      // Not a URL: fall through.
    }
  }
  return { name: isVietnamese(c) ? `${ARCHIVE_NAME.vi} (bản lưu)` : `${ARCHIVE_NAME.en} (archived copy)`, archiveCopy: true };
}

/** The quotation as cited: verbatim, with "[…]" where the source breaks off. */
function quoted(c: CitationInput): string {
  return `“${c.text}${c.truncated ? ' […]' : ''}”`;
}

/** Labels of the note lines, in the article's citing language. */
function labels(c: CitationInput) {
  return isVietnamese(c)
    ? { quote: c.truncated ? 'Trích đoạn (nguồn bị cắt)' : 'Trích', speaker: 'Người nói', event: 'Sự kiện', archived: 'Bản lưu', accessed: 'truy cập', noUrl: 'nguồn không có địa chỉ trực tuyến' }
    : { quote: c.truncated ? 'Excerpt (the source is cut off)' : 'Quotation', speaker: 'Speaker', event: 'Event', archived: 'Archived copy', accessed: 'accessed', noUrl: 'the source has no online address' };
}

/** "Người nói: Phạm Minh Chính (Thủ tướng Chính phủ)" and "Sự kiện: …", where the passage has them. */
function contextLines(c: CitationInput): string[] {
  const l = labels(c);
  const lines: string[] = [];
  if (c.speaker) lines.push(`${l.speaker}: ${c.speaker.name}${c.speaker.role ? ` (${c.speaker.role})` : ''}`);
  if (c.events?.length) lines.push(`${l.event}: ${c.events.join('; ')}`);
  return lines;
}

/** "Bản lưu: <permalink> (truy cập 4/12/2026; nguồn không có địa chỉ trực tuyến)". */
function archiveLine(c: CitationInput): string {
  const l = labels(c);
  const accessed = parseIsoDate(c.accessed);
  const when = accessed ? `${l.accessed} ${isVietnamese(c) ? vietnameseDate(accessed) : englishDate(accessed)}` : null;
  const extra = [when, c.url ? null : l.noUrl].filter(Boolean).join('; ');
  return `${l.archived}: ${c.permalink}${extra ? ` (${extra})` : ''}`;
}

/** The note every machine-readable format carries: quotation, speaker, event, archive copy. */
export function citationNote(c: CitationInput): string {
  return [`${labels(c).quote}: ${quoted(c)}`, ...contextLines(c), archiveLine(c)].join('\n');
}

/** The authors of the byline as CSL names. */
function authorsOf(c: CitationInput): CslName[] {
  return parseByline(c.author, { language: c.language ?? 'vi', familyNames: c.familyNames });
}

/** One CSL-JSON item (what Zotero and citeproc read). */
export function cslItem(c: CitationInput): Record<string, unknown> {
  const d = parseIsoDate(c.date);
  const accessed = parseIsoDate(c.accessed);
  const source = sourceName(c);
  const item: Record<string, unknown> = {
    id: c.passageId,
    type: source.archiveCopy ? 'webpage' : 'article-newspaper',
    title: c.title,
    language: c.language ?? 'vi',
    URL: c.url ?? c.permalink,
    note: citationNote(c),
  };
  const authors = authorsOf(c);
  if (authors.length) item.author = authors;
  if (source.archiveCopy) item['container-title'] = isVietnamese(c) ? ARCHIVE_NAME.vi : ARCHIVE_NAME.en;
  else item['container-title'] = source.name;
  if (!c.url) {
    item.archive = isVietnamese(c) ? ARCHIVE_NAME.vi : ARCHIVE_NAME.en;
    item.genre = isVietnamese(c) ? 'Bản lưu' : 'Archived copy';
  }
  if (d) item.issued = { 'date-parts': [dateParts(d)] };
  if (accessed) item.accessed = { 'date-parts': [dateParts(accessed)] };
  if (c.truncated) item.dimensions = isVietnamese(c) ? 'trích đoạn' : 'excerpt';
  return item;
}

/**
 * The item citeproc renders for APA: Vietnamese names keep family-first order, and APA writes
 * every author "Family, I. I." (APA 7 §9.8). citeproc-js prints the names of a Vietnamese-language
 * item in "static" order without the comma ("Nguyễn T. H."); declaring the name itself as not
 * Vietnamese-script (`multi.main`) gives the APA form "Nguyễn, T. H." and changes nothing else.
 */
function apaItem(c: CitationInput): Record<string, unknown> {
  const item = cslItem(c);
  delete item.note;
  delete item.dimensions;
  delete item.genre;
  // The archive is named once: as the archive of a known outlet's copy, or as the source itself.
  if (c.url || sourceName(c).archiveCopy) delete item.archive;
  if (Array.isArray(item.author)) item.author = (item.author as CslName[]).map((n) => ('literal' in n ? n : { ...n, multi: { main: 'en' } }));
  return item;
}

/** APA 7: the quotation with its in-text citation, then the reference entry (citeproc-js). */
export function formatApa(c: CitationInput): string {
  const cite = new Cite([apaItem(c)]);
  const reference = cite.format('bibliography', { template: 'apa', lang: 'en-US', format: 'text' }).trim();
  const inText = cite.format('citation', { template: 'apa', lang: 'en-US', format: 'text' }).trim();
  return [`${quoted(c)} ${inText}.`, reference, ...contextLines({ ...c, language: 'en' })].join('\n\n');
}

/**
 * Chicago (17th ed.) bibliography entry for a news article: `Author. “Title.” Outlet, Month Day,
 * Year. URL.` — "n.d." without a date; an access date where the source is the archive copy.
 */
export function formatChicago(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const accessed = parseIsoDate(c.accessed);
  const source = sourceName({ ...c, language: 'en' });
  const authors = authorsOf(c).map((n) => displayName(n, c.language ?? 'vi'));
  const head = authors.length ? `${authors.length > 1 ? `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}` : authors[0]}. ` : '';
  const title = `“${c.title.replace(/[.]$/u, '')}.”`;
  const when = d ? englishDate(d) : 'n.d.';
  const parts = [`${head}${title} ${source.name}, ${when}${when.endsWith('.') ? '' : '.'}`];
  if (!c.url && !source.archiveCopy) parts.push(`Archived copy, ${ARCHIVE_NAME.en}.`);
  // Chicago asks for an access date where a web source gives no date, and for the archive copy.
  if ((!c.url || !d) && accessed) parts.push(`Accessed ${englishDate(accessed)}.`);
  parts.push(`${c.url ?? c.permalink}.`);
  return [quoted(c), parts.join(' '), ...contextLines({ ...c, language: 'en' })].join('\n\n');
}

/** Vietnamese reference style: tác giả (năm), “tên bài”, tên báo, ngày, URL; then the quotation. */
export function formatVietnamese(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const vi = isVietnamese(c);
  const source = sourceName(c);
  const authors = authorsOf(c).map((n) => displayName(n, c.language ?? 'vi'));
  const year = d ? String(d.year) : vi ? 'không rõ năm' : 'n.d.';
  // Without a byline the outlet leads; without either, the title does (never a placeholder).
  const who = authors.length ? authors.join(vi ? ' và ' : ' and ') : source.archiveCopy ? null : source.name;
  const parts = who ? [`${who} (${year}), “${c.title}”`, source.name] : [`“${c.title}” (${year})`, source.name];
  if (d?.day || d?.month) parts.push(vi ? `${d.day ? 'ngày' : 'tháng'} ${vietnameseDate(d)}` : englishDate(d));
  parts.push(c.url ?? c.permalink);
  const quote = vi ? `${labels(c).quote}: ${quoted(c)}` : quoted(c);
  return [`${parts.join(', ')}.`, quote, ...contextLines(c), archiveLine(c)].join('\n');
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

/** biblatex `langid` values (babel/polyglossia language names) for ISO 639-1 codes. */
const LANGID: Record<string, string> = { vi: 'vietnamese', en: 'english', fr: 'french', de: 'german', es: 'spanish', ru: 'russian', zh: 'chinese', ja: 'japanese', ko: 'korean', lo: 'lao', km: 'khmer', th: 'thai' };

/** A BibTeX key from the passage id: letters, digits, `-` and `_` only. */
function bibtexKey(passageId: string): string {
  return `ngkb-${passageId}`.replace(/[^a-zA-Z0-9_-]/g, '');
}

/**
 * A biblatex entry: `@article` with `entrysubtype = {newspaper}` when the outlet is known, else
 * `@online` with the archive as `organization`. The note carries the quotation, the speaker, the
 * event and the archive copy.
 */
export function formatBibtex(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const source = sourceName(c);
  const authors = authorsOf(c);
  const lang = c.language ?? 'vi';
  const fields: [string, string | null][] = [
    ['author', authors.length ? authors.map((n) => bibtexName(n, escapeBibtex)).join(' and ') : null],
    ['title', escapeBibtex(c.title)],
    // Double braces: an outlet is a corporate name, not "Last, First".
    source.archiveCopy ? ['organization', `{${escapeBibtex(source.name)}}`] : ['journaltitle', `{${escapeBibtex(source.name)}}`],
    ['entrysubtype', source.archiveCopy ? null : 'newspaper'],
    ['date', d ? dateParts(d).map((n) => String(n).padStart(2, '0')).join('-') : null],
    ['url', (c.url ?? c.permalink).replace(/[{}\\\s]/g, '')],
    ['urldate', c.accessed ?? null],
    ['langid', LANGID[lang] ?? null],
    ['note', escapeBibtex(citationNote(c)).replace(/\n/g, '. ')],
  ];
  const body = fields.filter(([, v]) => v !== null).map(([k, v]) => `  ${k} = {${v}}`);
  return `@${source.archiveCopy ? 'online' : 'article'}{${bibtexKey(c.passageId)},\n${body.join(',\n')}\n}`;
}

/** A RIS record (`NEWS`, or `ELEC` for the archive copy); the quotation and context in `N1`. */
export function formatRis(c: CitationInput): string {
  const d = parseIsoDate(c.date);
  const accessed = parseIsoDate(c.accessed);
  const source = sourceName(c);
  const slash = (p: DateParts) => [p.year, p.month, p.day].map((n) => (n === null ? '' : String(n).padStart(2, '0'))).join('/');
  const lines: [string, string | null][] = [
    ['TY', source.archiveCopy ? 'ELEC' : 'NEWS'],
    ['TI', c.title],
    ...authorsOf(c).map((n): [string, string] => ['AU', 'literal' in n ? n.literal : `${n.family}, ${n.given}`]),
    ['T2', source.archiveCopy ? null : source.name],
    ['PB', source.archiveCopy ? source.name : null],
    ['PY', d ? String(d.year) : null],
    ['DA', d ? slash(d) : null],
    ['UR', c.url ?? c.permalink],
    ['Y2', accessed ? slash(accessed) : null],
    ['DB', c.url ? null : isVietnamese(c) ? ARCHIVE_NAME.vi : ARCHIVE_NAME.en],
    ['LA', c.language ?? 'vi'],
    // RIS fields are one line each: the note's lines are joined.
    ['N1', citationNote(c).replace(/\n/g, ' — ')],
    ['ID', c.passageId],
    ['ER', ''],
  ];
  return lines
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}  - ${(v as string).replace(/[\r\n]+/g, ' ')}`.trimEnd())
    .join('\n');
}

/** One CSL-JSON item; kept under its historical name. */
export function formatCslJson(c: CitationInput): Record<string, unknown> {
  return cslItem(c);
}

/**
 * Builds citeproc's APA engine once (its style and locale take about a second to parse), so the
 * first passage page after start does not pay for it. Errors are ignored: a real request reports them.
 */
export function warmCitationEngine(): void {
  try {
    formatApa({ passageId: 'warm-up', text: '…', title: '…', date: '2000-01-01', source: '…', author: 'Nguyễn Văn A', url: null, permalink: 'http://localhost/', accessed: '2000-01-01' });
  } catch {
    // See above.
  }
}

/** All formats for one passage. */
export function formatCitations(c: CitationInput): Citations {
  return {
    vi: formatVietnamese(c),
    apa: formatApa(c),
    chicago: formatChicago(c),
    bibtex: formatBibtex(c),
    ris: formatRis(c),
    cslJson: cslItem(c),
  };
}

/** Many passages in one file: BibTeX entries or RIS records separated by a blank line, or a CSL-JSON array. */
export function formatReferences(inputs: CitationInput[], format: ReferenceFormat): string {
  if (format === 'csl-json') return JSON.stringify(inputs.map(cslItem), null, 2) + '\n';
  const one = format === 'bibtex' ? formatBibtex : formatRis;
  return inputs.map(one).join('\n\n') + '\n';
}
