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

/**
 * A record set whose passages are read in batches (a `passages.jsonl` read back line by line)
 * instead of held in one array: what a full reindex of a large corpus takes to stay within memory.
 */
export interface StreamedRecordSet extends Omit<RecordSet, 'passages'> {
  passages: {
    /** How many passages `batches` yields in all. */
    count: number;
    /** The passages in record order, `size` at a time; may be iterated once. */
    batches(size: number): AsyncIterable<Passage[]>;
  };
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
  /**
   * Which reading of the plan answered (`exact word`, `folded words`, `exact context`, …; `quote`
   * for a pasted quote); null when none found anything, absent for a listing.
   */
  answeredBy?: string | null;
  /**
   * Present when a query typed with diacritics matched nothing exactly: no hits are returned
   * (never folded ones in their place), and this offers the search without diacritics —
   * `query` is what to run, `total` how many passages it finds (`available` = total > 0).
   */
  relaxed?: RelaxedOffer;
}

/** The offer to run a query typed with diacritics without them. */
export interface RelaxedOffer {
  available: boolean;
  /** The query without diacritics ("Lào" → "Lao"). */
  query: string;
  /** Passages the relaxed query finds (with the same filters). */
  total: number;
}

/**
 * A curator's speaker correction as the index records it (`KB_DIR/overrides.json`, ingest/overrides.ts):
 * which passage of which article was given which speaker. The meta record keeps the corrections
 * the indexed records were built with, so a changed overrides file is applied in place.
 */
export interface AppliedOverride {
  passageId: string;
  articleId: string;
  speakerId: string | null;
}

export interface EngineHealth {
  ok: boolean;
  engineVersion: string | null;
  counts: { articles: number; passages: number; people: number; events: number };
  /** Fingerprint of the corpus the serving index was built from; null before the first index. */
  corpusFingerprint: string | null;
  /**
   * Bytes on disk: `database` = the engine's database (Meilisearch `databaseSize`: every index
   * with its inverted lists, plus the task queue; shared with other index prefixes), `documents` =
   * the raw documents of this app's indexes (`rawDocumentDbSize`, summed). Meilisearch 1.21 does
   * not report an index's own size.
   * @see https://www.meilisearch.com/docs/reference/api/stats
   */
  indexBytes?: { documents: number; database: number };
  /** Resident memory of the engine process in bytes (local engine only; null for an external one). */
  engineMemoryBytes?: number | null;
  /** ISO time of the last change to the serving index (full reindex or incremental update); null before the first. */
  lastUpdate?: string | null;
  /**
   * What the serving build depends on besides the corpus files (knowledge base, pipeline and index
   * settings), as given to `reindex`; when it differs, a full reindex is due. Null when unknown.
   */
  buildKey?: string | null;
  /**
   * With MEILI_REMOTES: every shard of the passages and articles indexes, the own engine first,
   * whether it answers and what it holds. Absent with one engine.
   */
  shards?: ShardHealth[];
}

/** One shard as health reports it (no URL or key: the topology stays private). */
export interface ShardHealth {
  name: string;
  /** The own engine (which also holds people, events and meta, and coordinates searches). */
  local: boolean;
  /** Whether the shard answered (and, for a remote, the coordinator's federated probe reached it). */
  ok: boolean;
  /** Documents of this app on the shard; null when it did not answer. */
  passages: number | null;
  articles: number | null;
  /** What went wrong, when `ok` is false (no key or URL in it). */
  error?: string;
}

/** What `applyArticles` did, for logs and the admin's answer. */
export interface ApplyReport {
  /** Articles written (new or replacing an older version of the same source file). */
  articles: number;
  passagesWritten: number;
  /** Stale passages deleted after the new ones were searchable. */
  passagesDeleted: number;
  /** Older versions (other ids) of the same source files, deleted after their replacements were written. */
  replacedArticleIds: string[];
  /** Milliseconds from the call to the last task's end. */
  ms: number;
}

/** An article as the index knows its source file: for diffing a corpus folder against the index. */
export interface IndexedSource {
  id: string;
  sourceFile: string;
  sourceSha256: string;
}

/** The search module's service: everything the server and ingest ask of the engine. */
export interface SearchService {
  /** Rebuilds every index from a record set and swaps them in at once; the old ones serve until then. */
  reindex(records: RecordSet | StreamedRecordSet, opts: { fingerprint: string; kb: KnowledgeBase; buildKey?: string }): Promise<void>;
  search(q: SearchQuery): Promise<SearchResult>;
  getPassage(id: string): Promise<PassageDoc | null>;
  /** Every passage matching the filters, in article order (date, then article, then ordinal). */
  findPassages(filters: SearchFilters): Promise<PassageDoc[]>;
  /** Each speaker's latest statement (as a search of their passages sorted `date-desc` puts first), by speaker id; one engine search for all speakers. */
  latestStatements(): Promise<Map<string, PassageDoc>>;
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
  /**
   * Upserts these articles in place, with their passages and the people and events they touch:
   * new passages are written first, then the stale passages of the same articles (and of older
   * versions of the same source files) are deleted, so a search sees the article throughout.
   * Runs after any reindex in progress. `fingerprint`, when given, becomes the serving corpus
   * fingerprint (a promise is awaited only after the documents are queued). Throws
   * `EngineTaskError` when there is no index yet (a full reindex comes first).
   */
  applyArticles(records: RecordSet, opts: { kb: KnowledgeBase; fingerprint?: string | Promise<string> }): Promise<ApplyReport>;
  /** Deletes these articles and their passages (unknown ids are ignored). */
  removeArticles(articleIds: string[], opts?: { fingerprint?: string }): Promise<void>;
  /** The indexed articles of these source files (all articles when `sourceFiles` is omitted), id and hash only. */
  indexedSources(sourceFiles?: string[]): Promise<IndexedSource[]>;
  /** The speaker corrections the indexed records were built with; null for an index that does not record them (or no index). */
  appliedOverrides(): Promise<AppliedOverride[] | null>;
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
  /** Process id of a local engine this process started, so health can report its memory. */
  enginePid?: number | null;
  /**
   * Remote shards (MEILI_REMOTES): articles and their passages are spread over this engine and
   * these by a stable hash of the article id (`search/shards.ts`), searched as one by federation.
   * Absent or empty: one engine, exactly as before.
   */
  remotes?: import('../lib/config.ts').RemoteShard[];
  /** This engine's name among the shards (MEILI_SELF; default `local`). */
  shardSelf?: string;
}
