/**
 * TypeBox schemas of every request and response of the API. Route types are derived from
 * these (through the type provider) and the OpenAPI document is generated from them, so a
 * shape is stated once.
 */
import { Type, type Static } from 'typebox';
import { PASSAGE_KINDS } from '../search/filters.ts';

/** What a record id looks like; the web fallback (plugins/web.ts) checks page ids with it too. */
export const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,119}$';

/** Ids of articles, passages, people and events are lower-case slugs: `hnng-31`, `a-1f2e…-9ab0…`. */
export const Id = Type.String({ pattern: ID_PATTERN, description: 'A record id (lower-case slug).' });

/** Every error body: a catalogue code and a message; `parameter` names the bad parameter of a 400. */
export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'Code from the error catalogue, e.g. BAD_REQUEST, ENGINE_UNAVAILABLE.' }),
    message: Type.String(),
    parameter: Type.Optional(Type.String({ description: 'The request parameter a 400 is about.' })),
  },
  { $id: 'ErrorBody', title: 'Error' },
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PassageKindSchema = Type.Enum([...PASSAGE_KINDS]);

/** A speaker as a hit shows it: the role is the one held on the article's date. */
export const SpeakerRef = Type.Object({ id: Type.String(), name: Type.String(), role: Nullable(Type.String()) });

/** One passage with the article fields a list shows. */
export const PassageOut = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  ordinal: Type.Integer(),
  kind: PassageKindSchema,
  text: Type.String({ description: 'Verbatim source text (plain text, not HTML).' }),
  credit: Nullable(Type.String()),
  speaker: Nullable(SpeakerRef),
  eventIds: Type.Array(Type.String()),
  title: Type.String({ description: "The article's title." }),
  date: Nullable(Type.String({ description: 'Publication date, YYYY-MM-DD.' })),
  source: Nullable(Type.String()),
  url: Nullable(Type.String()),
  anchor: Type.String({ description: 'Fragment id of the passage on its article page.' }),
  permalink: Type.String({ description: 'Path of the passage page: /passages/<id>.' }),
  truncated: Type.Boolean({ description: 'True when the passage is cut off mid-word or mid-sentence at the end of a truncated source: show it with “[…]”, cite it as an excerpt.' }),
  passageDate: Type.Optional(Nullable(Type.String({ description: 'The date the passage is sorted and filtered by: the publication date, else the date of the event it reports (see dateKind). Null only when neither is known.' }))),
  dateKind: Type.Optional(Nullable(Type.Enum(['published', 'event'], { description: '`published`: passageDate is the article’s date; `event`: the article has none, passageDate is the date of the event it reports ("ngày sự kiện").' }))),
  events: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), name: Type.String({ description: 'In the language asked for (lang), Vietnamese when the KB has no other.' }), date: Nullable(Type.String()) }), {
      description: 'The events the passage belongs to, with their names and dates.',
    }),
  ),
});
export type PassageOut = Static<typeof PassageOut>;

/** A search hit: a passage plus its escaped, marked text. */
export const Hit = Type.Intersect([
  PassageOut,
  Type.Object({
    highlighted: Type.String({ description: 'The whole passage, HTML-escaped, matches in <mark>.' }),
    snippet: Type.String({ description: 'A window around the first match, escaped and marked like highlighted.' }),
  }),
]);

const Counts = Type.Record(Type.String(), Type.Integer());

/** How the query was read: who it asks about, what about, and its operators. */
export const Interpretation = Type.Object(
  {
    topic: Type.String({ description: 'The words searched once the person and the operators are taken out.' }),
    speaker: Nullable(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        matched: Type.String({ description: 'The words of the query read as the person ("PM Chinh", "speaker:…").' }),
        via: Type.Enum(['name', 'title-name', 'operator']),
      }),
    ),
    title: Nullable(
      Type.Object({
        text: Type.String({ description: 'A title read alone ("Thủ tướng"): whoever held it on each passage’s date.' }),
        matched: Type.String(),
        holders: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), from: Nullable(Type.String()), to: Nullable(Type.String()) })),
      }),
    ),
    event: Nullable(Type.Object({ id: Type.String(), name: Type.String(), matched: Type.String() })),
    dateRange: Nullable(Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) })),
    years: Type.Array(Type.Integer()),
    exclude: Type.Array(Type.String(), { description: 'Words and phrases excluded with -word / -"phrase".' }),
    phrases: Type.Array(Type.String()),
    applied: Type.Boolean({ description: 'False when the reading found nothing and the words as typed were searched instead.' }),
    notes: Type.Array(Type.String()),
    alternatives: Type.Optional(
      Type.Array(
        Type.Object({
          topic: Type.String(),
          speaker: Nullable(Type.Object({ id: Type.String(), name: Type.String(), matched: Type.String(), via: Type.Enum(['name', 'title-name', 'operator']) })),
          title: Nullable(
            Type.Object({
              text: Type.String(),
              matched: Type.String(),
              holders: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), from: Nullable(Type.String()), to: Nullable(Type.String()) })),
            }),
          ),
        }),
        {
          description:
            'Present for a query with OR: each alternative as read (its topic, and a person or title read within it). The hits are the union of the alternatives, ranked by relevance, each passage once; total and facets count the union.',
        },
      ),
    ),
  },
  {
    description:
      'Present when the query was read rather than searched as typed: a person named in it (any form, with or without diacritics or a title: "Phạm Minh Chính ngoại giao kinh tế", "PM Chinh", "Bộ trưởng Sơn") is a speaker filter and the rest the topic; a title alone with a topic ("Thủ tướng vắc-xin") is whoever held it at each passage’s date. Operators: "exact phrase", -word, -"phrase", speaker:, event:, year:, from:, to:, and a OR b (the union of whole alternatives: "ngoại giao vắc-xin OR y tế" is passages with both words of the first or with "y tế"; operators apply to every alternative; OR at the start or end is ignored and said in notes; lowercase "or" and OR inside quotes are words). literal=true searches the words as typed.',
  },
);

export const SearchResponse = Type.Object({
  hits: Type.Array(Hit),
  facets: Type.Object({ event: Counts, speaker: Counts, year: Counts, kind: Counts, source: Counts }),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  tookMs: Type.Number(),
  matchMode: Type.Optional(
    Type.String({ description: 'How the query was matched: exact (diacritics respected), folded (typed without diacritics), quote (a long pasted sentence, chunk by chunk), context (speaker and event names searched too), all (empty query, or punctuation only: a listing).' }),
  ),
  answeredBy: Type.Optional(
    Nullable(Type.String({ description: 'Which reading of the query plan answered (exact word, exact words, exact context, folded word, folded words, folded context, quote); null when none found anything.' })),
  ),
  relaxed: Type.Optional(
    Type.Object(
      {
        available: Type.Boolean({ description: 'True when the search without diacritics finds passages.' }),
        query: Type.String({ description: 'The query without diacritics, to run as q (e.g. “Lào” → “Lao”).' }),
        total: Type.Integer({ description: 'Passages the query without diacritics finds, with the same filters.' }),
      },
      {
        description:
          'Present only when a query typed with diacritics matched nothing exactly: no hits are returned (never folded matches in their place, and an export of the same q is empty), and this offers the relaxed search.',
      },
    ),
  ),
  interpretation: Type.Optional(Interpretation),
});

const IdList = (name: string) =>
  Type.Array(Type.String({ maxLength: 120 }), { maxItems: 20, description: `${name}; repeat the parameter to OR several values.` });

/** Search filters shared by /api/search and /api/export. */
export const FilterQueryProperties = {
  q: Type.String({ maxLength: 500, default: '', description: 'Words or a "quoted phrase"; empty lists passages by date.' }),
  event: Type.Optional(IdList('Event id (hnng-31)')),
  speaker: Type.Optional(IdList('Speaker id (pham-minh-chinh)')),
  year: Type.Optional(Type.Array(Type.Integer({ minimum: 1900, maximum: 2100 }), { maxItems: 20 })),
  kind: Type.Optional(Type.Array(PassageKindSchema, { maxItems: 5 })),
  source: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
  sort: Type.Enum(['relevance', 'date-desc', 'date-asc'], { default: 'relevance' }),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'First day of a date range on passageDate (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'Last day of a date range on passageDate (inclusive): to=2021 is up to 31 December 2021.' })),
  literal: Type.Optional(Type.Boolean({ description: 'true: search the words as typed, without reading a speaker, a title or operators from q.' })),
};

export const SearchQuerystring = Type.Object(
  {
    ...FilterQueryProperties,
    page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }),
    perPage: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    lang: Type.Optional(Type.Enum(['vi', 'en'], { description: 'Language of event names and roles in hits (default vi).' })),
  },
  { additionalProperties: false },
);
export type SearchQuerystring = Static<typeof SearchQuerystring>;

export const ExportQuerystring = Type.Object(
  { ...FilterQueryProperties, format: Type.Enum(['jsonl', 'csv', 'bibtex', 'ris'], { default: 'jsonl' }) },
  { additionalProperties: false },
);
export type ExportQuerystring = Static<typeof ExportQuerystring>;

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const ArticleSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  date: Nullable(Type.String()),
  source: Nullable(Type.String()),
  author: Nullable(Type.String()),
  url: Nullable(Type.String()),
  eventIds: Type.Array(Type.String()),
  permalink: Type.String(),
});

export const Citations = Type.Object({
  vi: Type.String({ description: 'Vietnamese reference style, with the quotation.' }),
  apa: Type.String(),
  chicago: Type.String(),
  bibtex: Type.String(),
  ris: Type.String(),
  cslJson: Type.Record(Type.String(), Type.Unknown(), { description: 'One CSL-JSON item.' }),
});

export const PassageResponse = Type.Object({
  passage: PassageOut,
  previous: Nullable(PassageOut),
  next: Nullable(PassageOut),
  article: ArticleSummary,
  permalink: Type.String({ description: 'Absolute URL of the passage page.' }),
  citations: Citations,
});

const ThemeOut = Type.Object({ text: Type.String(), eventId: Nullable(Type.String()), passageId: Type.String() });
const PointOut = Type.Object({ ordinal: Type.Integer(), label: Type.String(), passageId: Type.String(), speakerId: Nullable(Type.String()) });

export const ArticleResponse = Type.Object({
  article: Type.Intersect([
    ArticleSummary,
    Type.Object({
      titleDerived: Type.Boolean(),
      sourceFile: Type.String(),
      sourceSha256: Type.String(),
      language: Type.String(),
      speakerIds: Type.Array(Type.String()),
      mentionIds: Type.Array(Type.String()),
      themes: Type.Array(ThemeOut),
      lead: Nullable(Type.String()),
      points: Type.Array(PointOut),
    }),
  ]),
  passages: Type.Array(PassageOut),
});

const RoleOut = Type.Object({
  title: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  titleEn: Type.Optional(Type.String({ description: 'English title, when the knowledge base has one.' })),
});

export const PersonOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  roles: Type.Array(RoleOut, { description: 'Roles over time, earliest first.' }),
  passageCount: Type.Integer({ description: 'Passages attributed to the person.' }),
  latestRole: Type.Optional(Nullable(Type.String({ description: 'The role held on the date of the latest attributed passage (never a former office); null without statements.' }))),
  latestRoleEn: Type.Optional(Nullable(Type.String())),
});

export const SpeakersResponse = Type.Object({ speakers: Type.Array(PersonOut) });

export const EventRef = Type.Object({ id: Type.String(), name: Type.String(), date: Nullable(Type.String()), nameEn: Type.Optional(Type.String({ description: 'English name from the knowledge base, when it has one.' })) });

const Count = Type.Object({ key: Type.String(), count: Type.Integer() });

export const SpeakerResponse = Type.Object({
  speaker: PersonOut,
  summary: Type.Optional(
    Type.Object(
      {
        byYear: Type.Array(Count, { description: 'Statements per year of their passage date, earliest first.' }),
        byEvent: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()), date: Nullable(Type.String()), count: Type.Integer() }), {
          description: 'Events they spoke at, latest first, with their number of statements.',
        }),
        first: Nullable(Type.String({ description: 'Passage date of the earliest statement.' })),
        last: Nullable(Type.String({ description: 'Passage date of the latest statement.' })),
      },
      { description: 'What a researcher wants first: statements per year and per event, and their span.' },
    ),
  ),
  groups: Type.Array(
    Type.Object({
      event: Nullable(EventRef, ),
      passages: Type.Array(PassageOut),
    }),
    { description: 'Attributed passages grouped by event (latest event first; passages of no event last).' },
  ),
});

export const EventOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.Optional(Type.String({ description: 'English name, when the knowledge base has one.' })),
  aliases: Type.Array(Type.String()),
  type: Type.String(),
  date: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  themes: Type.Array(Type.String(), { description: 'Themes as the knowledge base records them.' }),
  passageCount: Type.Integer(),
});

export const EventsResponse = Type.Object({ events: Type.Array(EventOut) });

const ThemeWithPassage = Type.Object({ text: Type.String({ description: 'Verbatim, without quote marks.' }), passage: PassageOut });
const KeyPoint = Type.Object({ ordinal: Type.Integer(), label: Type.String(), passage: PassageOut });
const EventSpeaker = Type.Object({ id: Type.String(), name: Type.String(), role: Nullable(Type.String()), passageCount: Type.Integer() });

/** One numbered list of an event's articles: who enumerates, the sentence introducing it, its points in document order. */
const PointGroupOut = Type.Object({
  articleId: Type.String(),
  speaker: Nullable(SpeakerRef),
  intro: Nullable(Type.Object({ text: Type.String({ description: 'Verbatim: the passage just before the first point ("Thủ tướng đề nghị …").' }), passageId: Type.String() })),
  points: Type.Array(Type.Object({ ordinal: Type.Integer(), label: Type.String(), text: Type.String(), passageId: Type.String() })),
});

/** `?lang=` of `GET /api/events/:id`: the language of the speakers' roles. */
export const EventQuerystring = Type.Object({
  lang: Type.Optional(Type.Enum(['vi', 'en'], { description: 'Language of the speakers’ roles (the English title where the knowledge base has one; default vi).' })),
});

export const EventResponse = Type.Object({
  event: EventOut,
  themes: Type.Array(
    Type.Intersect([ThemeWithPassage, Type.Object({ source: Nullable(Type.String({ description: 'Outlet of the article quoting the theme.' })) })]),
    { description: 'Theme slogans of this event quoted verbatim in articles, each with its passage and outlet.' },
  ),
  otherThemes: Type.Array(
    Type.Intersect([ThemeWithPassage, Type.Object({ eventId: Type.String(), source: Nullable(Type.String()) })]),
    { description: 'Themes of other events (a session held within this conference) quoted in its articles, kept apart from its own.' },
  ),
  speakers: Type.Array(EventSpeaker),
  articles: Type.Array(ArticleSummary),
  keyPoints: Type.Array(KeyPoint, { description: 'Every numbered point, in document order (see pointGroups for the lists).' }),
  pointGroups: Type.Array(PointGroupOut, {
    description: 'Each numbered list ("Thứ nhất, … Thứ hai, …") as one group, in document order: its speaker, its intro sentence, its points. Two lists are never interleaved.',
  }),
});

export const CompareQuerystring = Type.Object(
  {
    events: Type.String({
      pattern: '^[a-z0-9-]+(,[a-z0-9-]+){1,2}$',
      description: 'Two or three event ids, comma-separated: hnng-31,hnng-32.',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25, description: 'Terms per list.' }),
  },
  { additionalProperties: false },
);

const TermOut = Type.Object({
  term: Type.String(),
  count: Type.Integer({ description: 'Occurrences in this event.' }),
  otherCount: Type.Integer({ description: 'Occurrences in the other events together.' }),
  g2: Type.Number({ description: 'Log-likelihood (Dunning G²) against the other events.' }),
  passageIds: Type.Array(Type.String()),
  per10k: Type.Number({ description: 'Occurrences per 10 000 words (syllables) in this event.' }),
  otherPer10k: Type.Number({ description: 'Occurrences per 10 000 words in the other events together.' }),
  byEvent: Type.Record(Type.String(), Type.Object({ count: Type.Integer(), per10k: Type.Number() }), { description: 'Count and per10k in every compared event, by event id.' }),
  snippets: Type.Array(Type.Object({ passageId: Type.String(), highlighted: Type.String({ description: 'The passage, HTML-escaped, the term in <mark>.' }) })),
});

/** A theme in the compare view with every printing of it and the outlet that printed it. */
const CompareTheme = Type.Object({
  text: Type.String({ description: 'Verbatim, without quote marks (the first printing).' }),
  passage: PassageOut,
  variants: Type.Boolean({ description: 'True when the outlets print the theme differently.' }),
  sources: Type.Array(
    Type.Object({ text: Type.String(), source: Nullable(Type.String()), articleId: Type.String(), passageId: Type.String(), url: Nullable(Type.String()) }),
  ),
});

export const CompareResponse = Type.Object({
  events: Type.Array(
    Type.Object({
      event: EventOut,
      themes: Type.Array(CompareTheme),
      speakers: Type.Array(EventSpeaker),
      keyPoints: Type.Array(KeyPoint),
      tokenCount: Type.Integer({ description: 'Syllables in the event’s passages.' }),
      aboutPassageCount: Type.Integer({ description: 'Passages of the articles about the event: what the terms are counted on.' }),
      aboutArticleCount: Type.Integer(),
      distinctiveTerms: Type.Array(TermOut),
    }),
  ),
  sharedTerms: Type.Array(
    Type.Object({
      term: Type.String(),
      counts: Type.Record(Type.String(), Type.Integer()),
      per10k: Type.Record(Type.String(), Type.Number(), { description: 'Occurrences per 10 000 words, by event id.' }),
      passageIds: Type.Record(Type.String(), Type.Array(Type.String())),
    }),
  ),
  passages: Type.Record(Type.String(), PassageOut, { description: 'Every passage a term list refers to, by id.' }),
});

export const HealthResponse = Type.Object({
  status: Type.Enum(['ok', 'starting', 'unavailable']),
  engine: Type.Object({ reachable: Type.Boolean(), version: Nullable(Type.String()) }),
  counts: Type.Object({ articles: Type.Integer(), passages: Type.Integer(), people: Type.Integer(), events: Type.Integer() }),
  corpusFingerprint: Nullable(Type.String()),
  versions: Type.Object({ app: Type.String(), node: Type.String(), meilisearch: Nullable(Type.String()) }),
  message: Type.Optional(Type.String()),
  index: Type.Object(
    {
      bytes: Nullable(Type.Integer({ description: "The engine's database on disk (Meilisearch databaseSize: every index and the task queue)" })),
      documentBytes: Nullable(Type.Integer({ description: "Raw documents of this app's indexes (rawDocumentDbSize, summed)" })),
      lastUpdate: Nullable(Type.String({ format: 'date-time', description: 'Last change to the serving index: full reindex or incremental update' })),
    },
    { description: 'Index size and freshness' },
  ),
  engineMemoryBytes: Nullable(Type.Integer({ description: 'Resident memory of the engine process (a local engine only; null for an external one)' })),
  shards: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.String(),
        local: Type.Boolean({ description: 'The own engine: holds people, events and meta too, and coordinates federated searches' }),
        ok: Type.Boolean({ description: 'Answered its stats and the federated probe' }),
        passages: Nullable(Type.Integer()),
        articles: Nullable(Type.Integer()),
        error: Type.Optional(Type.String()),
      }),
      { description: 'With MEILI_REMOTES: each shard of the passages and articles indexes and whether it answers' },
    ),
  ),
});

/** `GET /api/citations`: references of chosen passages in one file. */
export const CitationsQuerystring = Type.Object(
  {
    id: Type.Array(Id, { minItems: 1, maxItems: 100, description: 'Passage ids; repeat the parameter (id=a&id=b), up to 100.' }),
    format: Type.Enum(['bibtex', 'ris', 'csl-json'], { default: 'bibtex' }),
  },
  { additionalProperties: false },
);

/** `GET /api/kwic`: a concordance of a search. */
export const KwicQuerystring = Type.Object(
  {
    ...FilterQueryProperties,
    q: Type.String({ minLength: 1, maxLength: 500, description: 'Words or a "quoted phrase" (required: a concordance needs a match).' }),
    sort: Type.Enum(['relevance', 'date-desc', 'date-asc', 'left', 'right'], {
      default: 'relevance',
      description: '`left` orders lines by the words just before the match (nearest first), `right` by the words after it; the others order passages as /api/search does.',
    }),
    width: Type.Integer({ minimum: 1, maximum: 30, default: 8, description: 'Whole words of context on each side.' }),
    limit: Type.Integer({ minimum: 1, maximum: 2000, default: 500, description: 'Most lines returned.' }),
  },
  { additionalProperties: false },
);

export const KwicLine = Type.Object({
  left: Type.String({ description: 'Up to `width` whole words before the match (plain text).' }),
  match: Type.String({ description: 'The matched words, whole syllables, verbatim.' }),
  right: Type.String({ description: 'Up to `width` whole words after the match.' }),
  passageId: Type.String(),
  articleId: Type.String(),
  date: Nullable(Type.String()),
  speaker: Nullable(SpeakerRef),
  title: Type.String(),
  permalink: Type.String({ description: 'Path of the passage page.' }),
  truncated: Type.Boolean({ description: 'True when `right` ends where a truncated source cuts the passage off (show “[…]”).' }),
});

export const KwicResponse = Type.Object({
  q: Type.String(),
  lines: Type.Array(KwicLine),
  passages: Type.Integer({ description: 'Matching passages the lines come from.' }),
  limited: Type.Boolean({ description: 'True when more lines exist than `limit`.' }),
});

/** `GET /api/feed`: the search as an Atom feed, newest first. */
export const FeedQuerystring = Type.Object(
  {
    q: FilterQueryProperties.q,
    event: FilterQueryProperties.event,
    speaker: FilterQueryProperties.speaker,
    year: FilterQueryProperties.year,
    kind: FilterQueryProperties.kind,
    source: FilterQueryProperties.source,
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Entries in the feed.' }),
  },
  { additionalProperties: false },
);
