/**
 * The search module's public contract: what ingest hands it and what the server asks of it.
 * Only `search/` imports the Meilisearch client; everything else goes through `SearchService`.
 */
import type { Article, Event, KnowledgeBase, Passage, PassageKind, Person } from '../ingest/types.ts';

/** Everything one ingest run produced: the unit of an atomic reindex. */
export interface RecordSet {
  articles: Article[];
  passages: Passage[];
  people: Person[];
  events: Event[];
}

/** A passage as indexed and returned: the passage plus what a hit list shows of its article and speaker. */
export interface PassageDoc extends Passage {
  title: string;
  date: string | null;
  /** Year of `passageDate`, for the year facet; null when no date is known. */
  year: number | null;
  /** `passageDate` as a sortable number (`YYYYMMDD`); null (0 in older indexes) when unknown, so it sorts last. */
  dateSort: number | null;
  /** The date a passage is sorted and filtered by: publication date, else the date of the event it reports. */
  passageDate?: string | null;
  /** Where `passageDate` comes from: `published` (the article's date) or `event` ("ngày sự kiện"). */
  dateKind?: 'published' | 'event' | null;
  source: string | null;
  url: string | null;
  sourceFile: string;
  speakerName: string | null;
  /** The speaker's role on the article's date, from the knowledge base. */
  speakerRole: string | null;
}

/** Filter values as the API receives them; several values of one filter are OR-ed. */
export interface SearchFilters {
  event?: string[];
  speaker?: string[];
  year?: number[];
  kind?: PassageKind[];
  source?: string[];
  articleId?: string[];
  /** First day of a date range on `passageDate`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (inclusive). */
  from?: string;
  /** Last day of a date range on `passageDate` (inclusive; `2021` means up to 31 December 2021). */
  to?: string;
  /**
   * Set by the query reading, not the API: passages of these speakers within these `YYYYMMDD`
   * spans (a title read alone: "Thủ tướng" = each holder while holding it). OR-ed.
   */
  speakerSpans?: { speakerId: string; from: number | null; to: number | null }[];
}

export type SearchSort = 'relevance' | 'date-desc' | 'date-asc';

export interface SearchQuery {
  q: string;
  /** True: search the words as typed, without reading a speaker, title or operators from them. */
  literal?: boolean;
  filters: SearchFilters;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  perPage: number;
}

export interface SearchHit {
  passage: PassageDoc;
  /** The whole passage text, HTML-escaped, with `<mark>` around matched syllables. */
  highlighted: string;
  /** A window of the passage around the first match, escaped and marked like `highlighted`. */
  snippet: string;
}

export type FacetName = 'event' | 'speaker' | 'year' | 'kind' | 'source';

export interface SearchResult {
  hits: SearchHit[];
  /** Exact number of matching passages. */
  total: number;
  facets: Record<FacetName, Record<string, number>>;
  page: number;
  perPage: number;
  tookMs: number;
  /**
   * How the query was matched: `exact` (diacritics respected), `folded` (diacritics ignored, also
   * when an exact query found nothing), `quote` (a long pasted sentence, matched chunk by chunk),
   * `context` (the text alone matched nothing; speaker and event names were searched too),
   * `all` (empty query). Optional so older callers and fixtures stay valid.
   */
  matchMode?: 'exact' | 'folded' | 'quote' | 'context' | 'all';
  /** How the query was read (speaker, topic, operators); absent when it was searched as typed. */
  interpretation?: import('./interpret.ts').QueryInterpretation;
}

export interface EngineHealth {
  ok: boolean;
  engineVersion: string | null;
  counts: { articles: number; passages: number; people: number; events: number };
  /** Fingerprint of the corpus the serving index was built from; null before the first index. */
  corpusFingerprint: string | null;
}

/** The search module's service: everything the server and ingest ask of the engine. */
export interface SearchService {
  /** Rebuilds every index from a record set and swaps them in at once; the old ones serve until then. */
  reindex(records: RecordSet, opts: { fingerprint: string; kb: KnowledgeBase }): Promise<void>;
  search(q: SearchQuery): Promise<SearchResult>;
  getPassage(id: string): Promise<PassageDoc | null>;
  /** Every passage matching the filters, in article order (date, then article, then ordinal). */
  findPassages(filters: SearchFilters): Promise<PassageDoc[]>;
  getArticle(id: string): Promise<Article | null>;
  /** All articles, newest first. */
  listArticles(): Promise<Article[]>;
  /** All people, by name. */
  listPeople(): Promise<Person[]>;
  getPerson(id: string): Promise<Person | null>;
  /** All events, oldest first. */
  listEvents(): Promise<Event[]>;
  getEvent(id: string): Promise<Event | null>;
  /** Every passage of a search, page after page, in the search's order. */
  exportPassages(q: Omit<SearchQuery, 'page' | 'perPage'>): AsyncIterable<PassageDoc>;
  health(): Promise<EngineHealth>;
}

/** Options of `createSearchService`. */
export interface SearchServiceOptions {
  url: string;
  masterKey: string;
  /** Prefix of every index name, so several apps or test files share one engine. */
  indexPrefix: string;
  log?: import('pino').Logger;
  /** Milliseconds before a request counts as the engine being unavailable (default 15000). */
  timeoutMs?: number;
}
