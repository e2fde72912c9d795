/**
 * Stage 3, clean: `ParsedDocument` → `CleanDocument`, the article's own text and nothing else.
 *
 * Every rule is a class of line, not a site: chrome lines (empty images, counters, social and
 * contact boilerplate, tags), page dates and datelines (kept as metadata, not text), section
 * labels that end the article ("Tin bài liên quan", "Đọc thêm", …) and everything after them,
 * related-article teasers (a title printed twice, then a blurb ending in "..."), repeated
 * titles, captions with their photo credit split off (duplicates collapsed), bylines, and
 * paragraphs broken mid-sentence rejoined. Cleaning removes; it never rewrites (see `text.ts`).
 * Every removal is recorded in `dropped` with its rule.
 */
import type {
  CleanBlock,
  CleanDocument,
  IngestWarning,
  ParsedDocument,
  PassageKind,
  RawBlockKind,
  SourceDocument,
  SourceMeta,
  Span,
} from '../types.ts';
import { parseDateline, type Dateline } from './dateline.ts';
import { codePoints, removeInjected, type InWordRemoval } from './injected.ts';
import { CHROME_LINES, CREDIT_PATTERNS, isSectionEnd, labelKey, plausibleCredit } from './patterns.ts';
import { TERMINAL, isUpperCase, normalizeText, spanText, startsLower, wordCount } from './text.ts';

export { spanText, normalizeText } from './text.ts';
export { parseDateline } from './dateline.ts';

/** A block while the cleaner works on it. */
interface Item {
  kind: RawBlockKind | PassageKind;
  text: string;
  span: Span;
  /** Text as the parser gave it, for the `dropped` record. */
  original: string;
  credit?: string;
  drop?: string;
  dateline?: Dateline;
  /** The source line starts with indentation (continuation lines of a contact box). */
  indented: boolean;
  wasTableRow: boolean;
  /** Characters injected inside words, removed from `text` (`injected.ts`). */
  removed?: InWordRemoval[];
}

const MAX_CAPTION_CHARS = 400;
const DATED_OPENER = /^(?:Ngày|Sáng|Chiều|Tối|Trưa|Đêm|Hôm nay|Hôm qua|Sáng ngày|Chiều ngày|Tối ngày)\s+(?:nay|qua|\d)/u;
/**
 * An outlet/place prefix before the lead, in any language: "(TBTCO) - ", "TTXVN - ",
 * "HÀ NỘI (TTXVN) – ", "Hanoi (VNA) – ", "(Dân trí) - ", "(PL+) - ", "VOV.VN - ". Cut from the
 * lead and kept as the article's `dateline`.
 */
const AGENCY_TAG = /^\s*(?:(?:[\p{Lu}][\p{Lu}\p{Ll}.]*(?:\s+[\p{Lu}][\p{Lu}\p{Ll}.]*){0,2},?\s*)?\([\p{L}\d+.&\s-]{2,24}\)|\(?[A-ZĐ]{2,8}\)?|[\p{Lu}][\p{L}]*\.(?:VN|vn))\s*[-–—]\s+/u;
const DATE_LABEL = /^(?:ngày ban hành|ngày đăng|ngày xuất bản|ngày công bố|date published|published)$/iu;

/** Cleans one parsed document. Pure: the same input gives the same output. */
export function cleanDocument(p: ParsedDocument): CleanDocument {
  const src = p.source;
  const meta: SourceMeta = { ...p.meta };
  const warnings: IngestWarning[] = [];
  // What the parser already left out (related links, an HTML byline line) is counted with the rest.
  const dropped: { text: string; rule: string }[] = [...(p.dropped ?? [])];
  const items = p.blocks.map((b): Item => ({
    kind: b.kind,
    text: normalizeText(b.text),
    span: { ...b.span },
    original: b.text,
    indented: src.format === 'txt' && /[ \t]/.test(src.text[b.span.start - 1] ?? ''),
    wasTableRow: b.kind === 'table-row' || /^\||\|$/.test(b.text),
  }));

  stripPipes(src, items);
  demoteLongHeadings(items);
  const dateCandidates = dropChromeLines(items);
  splitCaptions(src, items);
  endAtSectionLabel(items);
  const title = pickTitle(items);
  const byline = title ? pickByline(items, title.index) : null;
  dropTeasers(items);
  collapseCaptions(items);
  markLayoutCaptions(src, items);
  stripAgencyTag(src, items, dropped);
  const blocks = rejoin(src, items.filter((it) => !it.drop && it !== title?.item && it !== byline));
  markHeadings(blocks);
  // Last, once every block's text is final: characters injected inside words (injected.ts).
  const titleRemoved = title ? dropInjected(src, title.item, dropped, warnings) : [];
  for (const b of blocks) b.removed = dropInjected(src, b, dropped, warnings);

  const datedFromLines = chooseDate(items, title?.index ?? -1, dateCandidates);
  meta.date ??= datedFromLines ?? undefined;
  for (const it of items) if (it.drop) dropped.push({ text: it.original, rule: it.drop });
  if (byline) dropped.push({ text: byline.original, rule: 'byline' });
  if (blocks.length === 0) warnings.push({ file: src.path, rule: 'empty-article', message: 'no article text left after cleaning' });

  return {
    source: src,
    meta,
    title: title ? { text: title.item.text, span: title.item.span, ...(titleRemoved.length ? { removed: titleRemoved } : {}) } : null,
    byline: byline ? { text: byline.text, span: byline.span } : null,
    blocks: blocks.map(toCleanBlock),
    dropped,
    warnings,
  };
}

function toCleanBlock(it: Item): CleanBlock {
  const kind: PassageKind =
    it.kind === 'caption' ? 'caption' : it.kind === 'heading' ? 'heading' : it.kind === 'list-item' ? 'list-item' : it.kind === 'quote' ? 'quote' : 'paragraph';
  const block: CleanBlock = { kind, text: it.text, span: it.span };
  if (kind === 'caption' && it.credit) block.credit = it.credit;
  if (it.removed?.length) block.removed = it.removed;
  return block;
}

// ---------------------------------------------------------------------------------------------
// Edge cuts: how text is removed without rewriting what stays.

/**
 * Cuts a match at the start or end of an item. For .txt the span moves with the cut, so the
 * block is exactly its span; for .md/.html the span stays the element's and the cut is an edge
 * of its rendered text. Returns the removed text, or null when the pattern did not match.
 */
function cut(src: SourceDocument, it: Item, re: RegExp, side: 'start' | 'end'): RegExpExecArray | null {
  if (src.format === 'txt') {
    const raw = src.text.slice(it.span.start, it.span.end);
    const m = re.exec(raw);
    if (!m) return null;
    if (side === 'start') it.span.start += m.index + m[0].length;
    else it.span.end = it.span.start + m.index;
    it.text = normalizeText(src.text.slice(it.span.start, it.span.end));
    return m;
  }
  const m = re.exec(it.text);
  if (!m) return null;
  it.text = normalizeText(side === 'start' ? it.text.slice(m.index + m[0].length) : it.text.slice(0, m.index));
  return m;
}

/** "| caption (Ảnh: TTXVN) |" → "caption (Ảnh: TTXVN)": table pipes at the edges are layout. */
function stripPipes(src: SourceDocument, items: Item[]): void {
  for (const it of items) {
    if (!it.wasTableRow) continue;
    cut(src, it, /^[\s|]+/u, 'start');
    cut(src, it, /[\s|]+$/u, 'end');
  }
}

/** A "heading" of full sentences (a sapo in an <h2>, a bold lead in Markdown) is a paragraph. */
function demoteLongHeadings(items: Item[]): void {
  let seenHeading = false;
  for (const it of items) {
    if (it.kind !== 'heading') continue;
    // The first heading may be a long title; later ones of 30+ words or ending a sentence are text.
    const sentence = /[.!?…]$/u.test(it.text) && wordCount(it.text) > 12;
    if (seenHeading && (wordCount(it.text) > 30 || sentence)) it.kind = 'paragraph';
    seenHeading = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Line rules.

/** Drops chrome lines, datelines and table metadata; returns dates found in metadata rows. */
function dropChromeLines(items: Item[]): string[] {
  const tableDates: string[] = [];
  let inContactBox = false;
  for (const it of items) {
    if (it.kind === 'heading' && it.text !== '') {
      inContactBox = false;
      continue;
    }
    if (inContactBox && it.indented) {
      it.drop = 'contact';
      continue;
    }
    inContactBox = false;
    if (it.kind === 'caption' && it.text === '') {
      it.drop = 'empty-image';
      continue;
    }
    if (it.wasTableRow && it.text.includes('|')) {
      // "Số hiệu | 292/NQ-CP": a key | value row of a document's metadata table.
      const [key, ...values] = it.text.split('|').map((c) => c.trim());
      if (key && values.length > 0 && key.length <= 40) {
        it.drop = 'table-metadata';
        const dl = parseDateline(values.join(' '));
        if (DATE_LABEL.test(key) && dl?.date) tableDates.push(dl.date);
        continue;
      }
    }
    const chrome = CHROME_LINES.find((r) => r.test(it.text));
    if (chrome) {
      it.drop = chrome.rule;
      inContactBox = chrome.rule === 'contact' && /:$/.test(it.text);
      continue;
    }
    const dl = parseDateline(it.text);
    if (dl) {
      it.dateline = dl;
      it.drop = dl.update ? 'update-stamp' : 'dateline';
      continue;
    }
  }
  return tableDates;
}

/** A caption that says it describes the photo: "Trong ảnh: …", "In the photo: …", "Pictured: …". */
const PICTURED = /^(?:Trong ảnh|Ảnh trên|Ảnh dưới|In the photo|Pictured|Photo caption)\s*[:：]/iu;

/** Finds captions by their photo credit and splits the credit off; parser captions stay captions. */
function splitCaptions(src: SourceDocument, items: Item[]): void {
  for (const it of items) {
    if (it.drop || it.kind === 'heading' || it.kind === 'list-item') continue;
    if (it.text.length > MAX_CAPTION_CHARS + 80) continue;
    if (PICTURED.test(it.text) && it.text.length <= MAX_CAPTION_CHARS) it.kind = 'caption';
    for (const re of CREDIT_PATTERNS) {
      const m = re.exec(it.text);
      if (!m || !plausibleCredit(m[1]!.trim())) continue;
      const credit = m[1]!.trim();
      cut(src, it, new RegExp(re.source, re.flags), 'end');
      if (it.text === '' || /^[\s.\-–|]*$/u.test(it.text)) {
        it.drop = 'credit-line';
      } else if (it.text.length <= MAX_CAPTION_CHARS) {
        it.kind = 'caption';
        if (credit) it.credit = credit;
      }
      break;
    }
  }
}

/** Once the body has started, a section label ends the article: it and all after it are dropped. */
function endAtSectionLabel(items: Item[]): void {
  let bodyStarted = false;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.drop) continue;
    if (isSectionEnd(it.text)) {
      if (!bodyStarted) {
        it.drop = 'section-label';
        continue;
      }
      it.drop = 'section-end';
      for (let j = i + 1; j < items.length; j++) items[j]!.drop ??= 'after-section-end';
      // Boxed blurbs ("| Ngày 26/8, Đại sứ quán … |") right above the label belong to its list.
      for (let j = i - 1; j >= 0; j--) {
        const prev = items[j]!;
        if (prev.drop) continue;
        if (!prev.wasTableRow || prev.kind === 'caption') break;
        prev.drop = 'related';
      }
      return;
    }
    if (it.kind !== 'caption' && wordCount(it.text) >= 8) bodyStarted = true;
  }
}

/** A line that can be a title: a few words, not a sentence (no full stop, colon or comma at its end). */
function titleLike(text: string): boolean {
  const words = wordCount(text);
  return words >= 4 && text.length <= 250 && !/[.:;,]$/u.test(text);
}

/**
 * The title: the first heading of a Markdown/HTML document, else the first title-like line
 * before any sentence. Short labels above it ("Thời sự", "Hội nhập") are section names; a
 * truncated copy of the title above the full one is dropped; later copies are dropped too.
 */
function pickTitle(items: Item[]): { item: Item; index: number } | null {
  const kept = items.map((it, i) => [it, i] as const).filter(([it]) => !it.drop);
  let index = -1;
  const labels: Item[] = [];
  const firstHeading = kept.find(([it]) => it.kind === 'heading' && it.text !== '');
  if (firstHeading && kept.slice(0, kept.indexOf(firstHeading)).filter(([it]) => it.kind !== 'caption' && wordCount(it.text) >= 8).length < 2) {
    index = firstHeading[1];
    for (const [it, i] of kept) {
      if (i >= index) break;
      if (wordCount(it.text) <= 3 && !TERMINAL.test(it.text) && it.kind !== 'caption') labels.push(it);
    }
  } else {
    for (const [it, i] of kept) {
      if (it.kind === 'caption') continue;
      if (wordCount(it.text) <= 3 && !TERMINAL.test(it.text) && it.kind !== 'list-item') {
        labels.push(it);
        continue;
      }
      if (titleLike(it.text) && it.kind !== 'list-item') index = i;
      break;
    }
  }
  for (const label of labels) label.drop = 'section-label';
  if (index < 0) return null;

  // A truncated copy first, the full title after it (possibly past a caption).
  let steps = 0;
  for (let j = index + 1; j < items.length && steps < 3; j++) {
    const next = items[j]!;
    if (next.drop || next.kind === 'caption') continue;
    steps++;
    const t = items[index]!.text;
    if (next.text.length > t.length && next.text.toLowerCase().startsWith(t.toLowerCase()) && next.text.length <= 300) {
      items[index]!.drop = 'truncated-title';
      index = j;
      break;
    }
  }
  const title = items[index]!;
  const key = title.text.toLowerCase();
  let between: Item[] = [];
  let firstRepeat = true;
  for (let j = index + 1; j < items.length; j++) {
    const it = items[j]!;
    if (it.drop) continue;
    const k = it.text.toLowerCase();
    // A caption may repeat the title ("<title> - Ảnh: VGP/Hải Minh"): it is still a photo's caption.
    const repeat = it.kind !== 'caption' && (k === key || (k.length >= 20 && k.length >= key.length * 0.5 && key.startsWith(k)));
    if (repeat) {
      it.drop = 'repeated-title';
      // Title, one line, title again: that line is the lead photo's caption.
      if (firstRepeat && between.length === 1 && between[0]!.kind !== 'caption' && wordCount(between[0]!.text) <= 40) {
        between[0]!.kind = 'caption';
      }
      firstRepeat = false;
      continue;
    }
    between.push(it);
  }
  return { item: title, index };
}

/** "Bảo Chi", "Anh Sơn", "D.Ngọc - M.Chiến": a short line of capitalised names right after the title. */
function pickByline(items: Item[], titleIndex: number): Item | null {
  const next = items.slice(titleIndex + 1).find((it) => !it.drop);
  if (!next || next.kind === 'caption' || next.kind === 'heading') return null;
  const t = next.text;
  if (t.length > 50 || /\d/.test(t) || /[.:;,!?]$/.test(t)) return null;
  const names = t.split(/\s+/).filter((w) => !/^(?:[-–,&]|và|and)$/u.test(w));
  if (names.length < 2 || names.length > 6) return null;
  return names.every((w) => /^\p{Lu}/u.test(w)) ? next : null;
}

/** A headline printed twice, then its blurb ending in "...": a related-article teaser. */
function dropTeasers(items: Item[]): void {
  const kept = items.filter((it) => !it.drop);
  for (let i = 0; i + 1 < kept.length; i++) {
    const a = kept[i]!;
    const b = kept[i + 1]!;
    if (a.drop || a.kind === 'caption' || b.kind === 'caption' || a.text !== b.text) continue;
    a.drop = 'teaser';
    b.drop = 'teaser';
    const blurb = kept[i + 2];
    if (blurb && blurb.kind !== 'caption' && /(?:\.\.\.|…)$/u.test(blurb.text)) blurb.drop = 'teaser';
  }
}

/** Consecutive captions that say the same (or nearly: a word or a credit apart) are one photo. */
function collapseCaptions(items: Item[]): void {
  let prev: Item | null = null;
  for (const it of items) {
    if (it.drop) continue;
    // "| Quang cảnh buổi làm việc. |" under the same caption with its credit: the photo's table cell.
    const sameCell = prev && it.wasTableRow && it.kind !== 'heading' && similar(prev.text, it.text);
    if (it.kind !== 'caption' && !sameCell) {
      prev = null;
      continue;
    }
    if (prev && similar(prev.text, it.text)) {
      it.drop = 'duplicate-caption';
      if (!prev.credit && it.credit) prev.credit = it.credit;
      continue;
    }
    prev = it;
  }
}

function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = new Set(labelKey(a).split(' '));
  const tb = new Set(labelKey(b).split(' '));
  let common = 0;
  for (const w of ta) if (tb.has(w)) common++;
  return common / (ta.size + tb.size - common) >= 0.75;
}

/**
 * Captions without a credit, found by layout: in a file whose paragraphs follow each other
 * line by line, a short single sentence set apart by a blank line above it is the text under
 * a photo ("Thủ tướng Phạm Minh Chính phát biểu tại Đại hội.").
 */
function markLayoutCaptions(src: SourceDocument, items: Item[]): void {
  if (src.format !== 'txt') return;
  const blankBefore = (i: number) => i > 0 && /\n[ \t]*\r?\n/.test(src.text.slice(items[i - 1]!.span.end, items[i]!.span.start));
  const body = items.map((it, i) => [it, i] as const).filter(([it]) => !it.drop && it.kind !== 'caption');
  if (body.length < 6) return;
  const blanks = body.filter(([, i]) => blankBefore(i)).length;
  if (blanks / body.length > 0.35) return;
  for (let k = 1; k < body.length; k++) {
    const [it, i] = body[k]!;
    const prev = body[k - 1]![0];
    const next = items[i + 1];
    if (!blankBefore(i) || !next || next.drop || blankBefore(i + 1)) continue;
    // A line that continues the sentence above it is not a caption.
    if (startsLower(it.text) || !TERMINAL.test(prev.text)) continue;
    const oneSentence = /[.]$/.test(it.text) && !/[.!?]\s/.test(it.text.slice(0, -1));
    if (oneSentence && wordCount(it.text) <= 20 && !/["“”]/.test(it.text)) it.kind = 'caption';
  }
}

/** "(TBTCO) - Chiều ngày 29/12, …", "TTXVN - Bộ Ngoại giao …": the outlet tag before the lead. */
function stripAgencyTag(src: SourceDocument, items: Item[], dropped: { text: string; rule: string }[]): void {
  const body = items.filter((it) => !it.drop && it.kind !== 'caption' && it.kind !== 'heading').slice(0, 3);
  for (const it of body) {
    if (wordCount(it.text) < 8) continue;
    const m = cut(src, it, AGENCY_TAG, 'start');
    if (m) {
      dropped.push({ text: m[0].trim(), rule: 'agency-tag' });
      return;
    }
  }
}

/**
 * Removes characters injected inside words from an item's final text; each removal is an
 * `injected-char` drop (the characters), and each look-alike kept because it stands for a letter
 * is a `look-alike-letter` warning.
 */
function dropInjected(src: SourceDocument, it: Item, dropped: { text: string; rule: string }[], warnings: IngestWarning[]): InWordRemoval[] {
  const r = removeInjected(it.text);
  for (const k of r.kept) {
    warnings.push({ file: src.path, rule: 'look-alike-letter', message: `kept "${k.text}" (${codePoints(k.text)}) in "${k.word}": it stands for a letter, so removing it would rewrite the word` });
  }
  if (r.removed.length === 0) return [];
  it.text = r.text;
  for (const d of r.removed) dropped.push({ text: d.text, rule: 'injected-char' });
  return r.removed.map(({ at, text }) => ({ at, text }));
}

// ---------------------------------------------------------------------------------------------
// Rejoining and structure.

/**
 * Rejoins a paragraph broken mid-sentence ("…có Bộ trưởng" / "Ngoại giao Bùi Thanh Sơn, …")
 * and lines hard-wrapped mid-sentence. Only neighbours in the source (nothing but whitespace
 * between them) are joined, so the joined span is still verbatim source text; a short line
 * without a full stop stays a sub-heading.
 */
function rejoin(src: SourceDocument, kept: Item[]): Item[] {
  const out: Item[] = [];
  for (const it of kept) {
    const prev = out[out.length - 1];
    if (prev && joinable(src, prev, it)) {
      prev.span = { start: prev.span.start, end: it.span.end };
      prev.text = spanText(src, prev.span);
      continue;
    }
    out.push({ ...it, span: { ...it.span } });
  }
  return out;
}

function joinable(src: SourceDocument, a: Item, b: Item): boolean {
  const flowing = (k: Item['kind']) => k === 'line' || k === 'paragraph' || k === 'table-row';
  if (!flowing(a.kind) || !flowing(b.kind)) return false;
  if (TERMINAL.test(a.text)) return false;
  if (src.text.slice(a.span.end, b.span.start).trim() !== '') return false;
  if (src.format === 'html' || src.format === 'md') {
    // Markup between two blocks is not whitespace; only join inside one source line break.
    if (/[<>]/.test(src.text.slice(a.span.end, b.span.start))) return false;
  }
  if (startsLower(b.text)) return true;
  // "Ngày 10-11, …", "Sáng 19/12, …" open a new paragraph even after a lead printed without a full stop.
  if (DATED_OPENER.test(b.text)) return false;
  if (isUpperCase(a.text) && isUpperCase(b.text) && wordCount(a.text) <= 3) return true;
  // A long line that stops without punctuation is a sentence cut in two, not a heading.
  return a.text.length >= 120 && /^[\p{L}\p{N}]/u.test(b.text);
}

/** In plain text, a short line without a full stop that introduces a paragraph is a sub-heading. */
function markHeadings(blocks: Item[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const it = blocks[i]!;
    if (it.kind !== 'line' && it.kind !== 'table-row') continue;
    const next = blocks[i + 1];
    const quoted = /^["“].*["”]$/u.test(it.text);
    const short = wordCount(it.text) <= 20 && it.text.length <= 160;
    // A document number or a date ("Số: 292/NQ-CP", "Hà Nội, ngày 23 tháng 9 năm 2025") is not a sub-heading.
    const noStop = (!TERMINAL.test(it.text) || quoted) && !/\d+\/|ngày \d/u.test(it.text);
    it.kind = short && noStop && !/,$/.test(it.text) && next && next.kind !== 'caption' && wordCount(next.text) > wordCount(it.text) ? 'heading' : 'paragraph';
  }
}

/**
 * The article's own date from its datelines: one printed after the title first; else one above
 * the title without a weekday (a weekday line above the title is the site's "today" header, the
 * day the page was saved: it is recorded as `page-date` and used nowhere); else a date from a
 * metadata table ("Ngày ban hành | 23/09/2025"); else an update stamp. The line used keeps the
 * rule `dateline`.
 */
function chooseDate(items: Item[], titleIndex: number, tableDates: string[]): string | null {
  const lines = items.map((it, i) => [it, i] as const).filter(([it]) => it.dateline);
  for (const [it, i] of lines) {
    const d = it.dateline!;
    if (d.weekday && (titleIndex < 0 || i < titleIndex)) it.drop = 'page-date';
    else if (!d.update) it.drop = 'dateline-other';
  }
  const usable = lines.filter(([it]) => it.dateline!.date && it.drop !== 'page-date');
  const chosen =
    (titleIndex >= 0 ? usable.find(([it, i]) => i > titleIndex && !it.dateline!.update) : undefined) ??
    usable.find(([it]) => !it.dateline!.update);
  if (chosen) {
    chosen[0].drop = 'dateline';
    return chosen[0].dateline!.date;
  }
  if (tableDates[0]) return tableDates[0];
  const update = usable.find(([it]) => it.dateline!.update);
  return update ? update[0].dateline!.date : null;
}
