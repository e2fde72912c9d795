/**
 * The typed records that flow through the ingest pipeline, one type per stage:
 *
 *   SourceDocument (read) → ParsedDocument (parse) → CleanDocument (clean)
 *     → ExtractedArticle (extract) → articles.jsonl / passages.jsonl / people.json / events.json (write)
 *
 * The output records (`Article`, `Passage`, `Person`, `Event`) are the project's public
 * format, documented by the JSON Schemas in `schemas/` and the README.
 */

/** File formats the pipeline reads. */
export type SourceFormat = 'txt' | 'md' | 'html';

/** A half-open range of UTF-16 code units `[start, end)` in `SourceDocument.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A raw file, decoded from UTF-8 and normalised to NFC. */
export interface SourceDocument {
  /** Path relative to the input root, with `/` separators: `seeds/001_2e8d82e9d27cdd4e.txt`. */
  path: string;
  format: SourceFormat;
  /** The decoded NFC text; every `Span` points into this string. */
  text: string;
  /** SHA-256 (hex) of the raw bytes on disk, so a citation can be checked against the exact file. */
  sha256: string;
  byteLength: number;
  /** Present when the bytes were not plain UTF-8: what was converted or repaired (`ingest/decode/`). */
  decoding?: import('./decode/index.ts').Decoding;
}

/** Header fields a file declares about itself (`url:` lines, a leading `date YYYY-MM-DD`, HTML meta tags). */
export interface SourceMeta {
  url?: string;
  date?: string;
  title?: string;
  author?: string;
  source?: string;
  language?: string;
  /** Where `date` came from: `meta` for a page's metadata (published time, JSON-LD), else unset. */
  dateFrom?: 'meta';
}

/** Kinds of block a parser recognises before cleaning decides what is article text. */
export type RawBlockKind = 'heading' | 'paragraph' | 'list-item' | 'caption' | 'table-row' | 'line';

/** One block of source text as the parser found it. `text` is whitespace-normalised source text. */
export interface RawBlock {
  kind: RawBlockKind;
  text: string;
  span: Span;
}

export interface ParsedDocument {
  source: SourceDocument;
  meta: SourceMeta;
  blocks: RawBlock[];
  /** What the parser left out on purpose (HTML related-link rows, a byline line), with its rule: counted in the report. */
  dropped?: { text: string; rule: string }[];
}

/** Kinds of passage in the output. */
export type PassageKind = 'paragraph' | 'quote' | 'caption' | 'list-item' | 'heading';

/**
 * A block of article text after cleaning. `text` is the verbatim source text of `span`
 * with whitespace normalised (and, for captions, the photo credit split off into `credit`).
 */
export interface CleanBlock {
  kind: PassageKind;
  text: string;
  span: Span;
  /** Photo credit of a caption, without its wrapper: "(Ảnh: TTXVN)" → "TTXVN". */
  credit?: string;
  /**
   * Characters injected inside words ("hợp t😀ác") that cleaning removed from `text`: `at` is the
   * offset in `text` before removal. Putting them back (`restoreRemoved`) gives the span's text.
   */
  removed?: { at: number; text: string }[];
}

/** A problem found in a file that does not stop it: data, not an exception (cf. vfile-message). */
export interface IngestWarning {
  file: string;
  rule: string;
  message: string;
}

export interface CleanDocument {
  source: SourceDocument;
  meta: SourceMeta;
  /** The title line when the source has one; null when extraction must derive it. */
  title: { text: string; span: Span; removed?: { at: number; text: string }[] } | null;
  /** Byline when the source prints one on its own line ("Bảo Chi", "Anh Sơn"). */
  byline: { text: string; span: Span } | null;
  blocks: CleanBlock[];
  /** What cleaning removed and why, for the report and for tests. */
  dropped: { text: string; rule: string }[];
  warnings: IngestWarning[];
}

/** A role a person held, with the dates the knowledge base knows (ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`). */
export interface Role {
  title: string;
  /** English title, from `corpus/kb/names-en.json`; absent when the KB has none. */
  titleEn?: string;
  from: string | null;
  to: string | null;
}

/** A person from the curated knowledge base (`corpus/kb/people.json`). */
export interface Person {
  /** Slug of the name without diacritics: `pham-minh-chinh`. */
  id: string;
  name: string;
  /** Other spellings: without diacritics, English transliteration, short forms. */
  aliases: string[];
  roles: Role[];
  /**
   * True for a person the knowledge base does not know, found in the text as a title and a name
   * ("Thứ trưởng Nguyễn Văn A"): id = slug of the name without diacritics, the one role is the
   * title as printed (no dates). Listed in `people.json` and the closing report for curation.
   */
  provisional?: boolean;
}

/** An event from the curated knowledge base (`corpus/kb/events.json`). */
export interface Event {
  /** `hnng-31`, `dai-hoi-thi-dua-2025`, `nq-292-2025`, … */
  id: string;
  name: string;
  /** English name, from `corpus/kb/names-en.json`; absent when the KB has none. */
  nameEn?: string;
  /** Other names and abbreviations, with and without diacritics: "HNNG 31", "Hoi nghi Ngoai giao 31". */
  aliases: string[];
  /** Kind of event, for grouping: `hoi-nghi-ngoai-giao`, `dai-hoi-thi-dua`, `nghi-quyet`, … */
  type: string;
  /** First day, ISO; null when unknown. */
  date: string | null;
  endDate: string | null;
  /** Conference theme(s) as the KB records them; the articles' verbatim themes are in `Article.themes`. */
  themes: string[];
}

/** A conference theme quoted verbatim in an article. */
export interface Theme {
  /** The theme's words, verbatim, without the surrounding quote marks. */
  text: string;
  eventId: string | null;
  passageId: string;
}

/** One of a run of numbered points ("Thứ nhất, …", "Thứ hai, …"). */
export interface Point {
  ordinal: number;
  /** The label as printed: "Thứ nhất". */
  label: string;
  passageId: string;
  speakerId: string | null;
}

/** A direct quotation inside a passage. */
export interface Quote {
  /** The quoted words, verbatim, without the quote marks. */
  text: string;
  speakerId: string | null;
  passageId: string;
}

/** A figure worth finding: "khoảng 115 cơ quan đại diện". */
export interface Figure {
  text: string;
  value: number;
  passageId: string;
}

/** A title followed by a name the knowledge base does not know: reported, not dropped. */
export interface CandidatePerson {
  name: string;
  title: string;
  articleId: string;
  passageId: string;
}

/** An article record (`articles.jsonl`). */
export interface Article {
  /** Stable id derived from the source content: `a-` + 12 hex digits. */
  id: string;
  title: string;
  /** True when the source has no title line and the title was derived from the text. */
  titleDerived: boolean;
  /** Publication date, ISO `YYYY-MM-DD`; null rather than a guess. */
  date: string | null;
  /**
   * Where the date came from: a header line, a dateline or byline timestamp, a full date in the
   * text's opening, or the page's metadata (`article:published_time`, JSON-LD `datePublished`).
   */
  dateSource: 'header' | 'dateline' | 'text' | 'meta' | null;
  /** Outlet prefix taken out of the lead ("HÀ NỘI (TTXVN) –", "VOV.VN -"); null when the lead has none. */
  dateline?: string | null;
  /** Outlet name: "Báo Thế giới & Việt Nam", "Nhân Dân"; null when unknown. */
  source: string | null;
  author: string | null;
  url: string | null;
  /** Path of the source file relative to the corpus root. */
  sourceFile: string;
  sourceSha256: string;
  /** ISO 639-1 code of the article's language (`vi`, `en`, `fr`, `zh`, …), detected with `eld`. */
  language: string;
  /** Events the article is about, main event first. */
  eventIds: string[];
  /** Events the article only mentions ("từ HNNG 31 đến nay", "since the 30th conference"). */
  mentionedEventIds?: string[];
  /** People whose words the article reports, most-attributed first. */
  speakerIds: string[];
  /** People the article names (speakers or not). */
  mentionIds: string[];
  themes: Theme[];
  /** The first paragraph of article text. */
  lead: string | null;
  points: Point[];
  quotes: Quote[];
  figures: Figure[];
}

/** A passage record (`passages.jsonl`): the unit of search and citation. */
export interface Passage {
  /** Stable id: `<articleId>-` + 8 hex digits of a hash of the passage text. */
  id: string;
  articleId: string;
  /** 0-based position in the article. */
  ordinal: number;
  kind: PassageKind;
  /** Verbatim source text, whitespace normalised. */
  text: string;
  /** Photo credit of a caption; null otherwise. */
  credit: string | null;
  /** Whose words the passage reports; null when the text does not say (a wrong speaker is worse than none). */
  speakerId: string | null;
  eventIds: string[];
  /**
   * ISO date of the event the passage reports: a full date the passage states, else the date of
   * its first KB event that has one; null when neither says.
   */
  eventDate?: string | null;
  /** Where the passage is in the source file (UTF-16 offsets into the NFC-decoded text). */
  span: Span;
  /**
   * True when the passage is cut off mid-word or mid-sentence at the end of a truncated source
   * ("… có Ủy vi"): shown with "[…]" and cited as an excerpt (ingest/extract/truncation.ts).
   * Ingest always writes it; optional only so records and fixtures from before the field stay valid.
   */
  truncated?: boolean;
}

/** What extraction makes of one clean document. */
export interface ExtractedArticle {
  article: Article;
  passages: Passage[];
  candidates: CandidatePerson[];
  warnings: IngestWarning[];
  /** Provisional people the article names (see `Person.provisional`); KB people are not repeated here. */
  people: Person[];
}

/** The curated knowledge base, loaded from `corpus/kb/`. */
export interface KnowledgeBase {
  people: Person[];
  events: Event[];
  /** Outlets by host name: `baoquocte.vn` → "Báo Thế giới & Việt Nam". */
  outlets: { host: string; name: string; aliases: string[] }[];
  /** General abbreviations and their expansions: "BNG" ↔ "Bộ Ngoại giao". Used for search synonyms. */
  terms: { term: string; aliases: string[] }[];
  /** Curator corrections of passage speakers (`KB_DIR/overrides.json`, ingest/overrides.ts); absent when none. */
  speakerOverrides?: import('./overrides.ts').SpeakerOverride[];
}
