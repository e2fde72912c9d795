/**
 * The web UI's only door to data: the public HTTP API (`/api/...`). Responses are normalised
 * into the small view types the pages use, so a renamed field breaks one function, not a page.
 */
import type { FacetKey, SearchState } from './url-state.ts';
import { FACETS, toApiQuery } from './url-state.ts';
import { getLang } from './i18n.ts';

/** An API failure: `status` 0 means the network failed or the response was not JSON. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// The API's JSON, before normalisation: unvalidated, hence loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Unsafe = any;

/** GETs `/api/<path>` as JSON; throws `ApiRequestError` for a non-2xx status. */
export async function getJson(path: string, signal?: AbortSignal): Promise<Unsafe> {
  let res: Response;
  try {
    res = await fetch(`/api/${path}`, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network error');
  }
  let body: Unsafe = null;
  try {
    body = await res.json();
  } catch {
    if (res.ok) throw new ApiRequestError(0, 'invalid JSON');
  }
  if (!res.ok) throw new ApiRequestError(res.status, typeof body?.message === 'string' ? body.message : res.statusText);
  return body;
}

/** A speaker as a passage shows them, with the role held on the article date. */
export interface SpeakerRef {
  id: string;
  name: string;
  role: string | null;
}

/** A passage as lists show it. `highlighted`/`snippet` are the API's escaped HTML; everything else is text. */
export interface PassageView {
  id: string;
  articleId: string;
  ordinal: number;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  kind: string;
  speaker: SpeakerRef | null;
  eventIds: string[];
  text: string;
  highlighted: string | null;
  snippet: string | null;
  /** True when the passage is cut off at the end of a truncated source: shown with "[…]". */
  truncated: boolean;
  /** The date to show and sort by: publication date, else the event's (`dateKind: 'event'`). */
  passageDate?: string | null;
  dateKind?: 'published' | 'event' | null;
  /** The events the passage belongs to, named in the page's language. */
  events?: { id: string; name: string; date: string | null }[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const arr = (v: unknown): Unsafe[] => (Array.isArray(v) ? v : []);

/** Normalises a hit or passage: flat (`{id, text, speaker:{…}}`) or nested (`{passage:{…}, highlighted}`). */
export function toPassageView(raw: Unsafe): PassageView {
  const p = raw?.passage && typeof raw.passage === 'object' ? { ...raw.passage, ...raw, ...raw.passage } : (raw ?? {});
  let speaker: SpeakerRef | null = null;
  if (p.speaker && typeof p.speaker === 'object' && str(p.speaker.id)) {
    speaker = { id: p.speaker.id, name: str(p.speaker.name) ?? p.speaker.id, role: str(p.speaker.role) };
  } else if (str(p.speakerId)) {
    speaker = { id: p.speakerId, name: str(p.speakerName) ?? p.speakerId, role: str(p.speakerRole) };
  }
  const article = p.article && typeof p.article === 'object' ? p.article : {};
  return {
    id: String(p.id ?? ''),
    articleId: String(p.articleId ?? article.id ?? ''),
    ordinal: typeof p.ordinal === 'number' ? p.ordinal : 0,
    title: str(p.title) ?? str(article.title) ?? '',
    date: str(p.date) ?? str(article.date),
    source: str(p.source) ?? str(article.source),
    url: str(p.url) ?? str(article.url),
    kind: str(p.kind) ?? 'paragraph',
    speaker,
    eventIds: arr(p.eventIds).filter((v) => typeof v === 'string'),
    text: typeof p.text === 'string' ? p.text : '',
    highlighted: str(raw?.highlighted) ?? str(p.highlighted),
    snippet: str(raw?.snippet) ?? str(p.snippet),
    truncated: p.truncated === true,
    passageDate: str(p.passageDate) ?? str(p.date) ?? str(article.date),
    dateKind: p.dateKind === 'event' ? 'event' : p.dateKind === 'published' ? 'published' : null,
    events: arr(p.events).filter((e: Unsafe) => str(e?.id) && str(e?.name)).map((e: Unsafe) => ({ id: e.id, name: e.name, date: str(e.date) })),
  };
}

/** One page of search results with facet counts. */
export interface SearchResponse {
  hits: PassageView[];
  facets: Record<FacetKey, Record<string, number>>;
  total: number;
  page: number;
  perPage: number;
  /** The offer to search without diacritics when a query typed with them matched nothing exactly. */
  relaxed?: { available: boolean; query: string; total: number };
  /** How the API matched the query; `all` is a listing (empty query, or punctuation only). */
  matchMode?: string;
  /** How the API read the query (speaker, title, topic, operators); null when searched as typed. */
  interpretation?: InterpretationView | null;
}

/** The API's reading of a query, as the page shows it (chips). */
export interface InterpretationView {
  topic: string;
  speaker: { id: string; name: string; matched: string } | null;
  title: { text: string; matched: string; holders: { id: string; name: string }[] } | null;
  event: { id: string; name: string; matched: string } | null;
  dateRange: { from: string | null; to: string | null } | null;
  years: number[];
  exclude: string[];
  applied: boolean;
  notes: string[];
  /** A query with OR: each alternative's topic and the person or title read within it. */
  alternatives?: { topic: string; speaker: { id: string; name: string; matched: string } | null; title: { text: string } | null }[];
}

function toInterpretation(raw: Unsafe): InterpretationView | null {
  if (!raw || typeof raw !== 'object') return null;
  const ref = (v: Unsafe) => (v && str(v.id) ? { id: v.id, name: str(v.name) ?? v.id, matched: str(v.matched) ?? '' } : null);
  return {
    topic: str(raw.topic) ?? '',
    speaker: ref(raw.speaker),
    title: raw.title && str(raw.title.text)
      ? { text: raw.title.text, matched: str(raw.title.matched) ?? raw.title.text, holders: arr(raw.title.holders).filter((x: Unsafe) => str(x?.id)).map((x: Unsafe) => ({ id: x.id, name: str(x.name) ?? x.id })) }
      : null,
    event: ref(raw.event),
    dateRange: raw.dateRange ? { from: str(raw.dateRange.from), to: str(raw.dateRange.to) } : null,
    years: arr(raw.years).filter((y) => Number.isInteger(y)),
    exclude: arr(raw.exclude).filter((x) => typeof x === 'string'),
    applied: raw.applied !== false,
    notes: arr(raw.notes).filter((x) => typeof x === 'string'),
    ...(Array.isArray(raw.alternatives)
      ? {
          alternatives: arr(raw.alternatives).filter((a: Unsafe) => a && typeof a === 'object').map((a: Unsafe) => ({
            topic: str(a.topic) ?? '',
            speaker: ref(a.speaker),
            title: a.title && str(a.title.text) ? { text: a.title.text } : null,
          })),
        }
      : {}),
  };
}

/** Normalises facet counts: `{speaker: {id: n}}` or `{speaker: [{value, count}]}`. */
function toFacetCounts(raw: Unsafe): Record<string, number> {
  if (Array.isArray(raw)) {
    const out: Record<string, number> = {};
    for (const item of raw) if (item && (item.value ?? item.id) !== undefined) out[String(item.value ?? item.id)] = Number(item.count) || 0;
    return out;
  }
  if (raw && typeof raw === 'object') {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) out[k] = Number(v) || 0;
    return out;
  }
  return {};
}

/** `GET /api/search` for a search state. */
export async function searchPassages(state: SearchState, perPage: number, signal?: AbortSignal): Promise<SearchResponse> {
  const query = toApiQuery(state, perPage);
  // Event names and roles in the hits come in the interface's language.
  query.set('lang', getLang());
  const body = await getJson(`search?${query.toString()}`, signal);
  const facets = {} as Record<FacetKey, Record<string, number>>;
  for (const key of FACETS) facets[key] = toFacetCounts(body?.facets?.[key]);
  return {
    hits: arr(body?.hits).map(toPassageView),
    facets,
    total: Number(body?.total) || 0,
    page: Number(body?.page) || state.page,
    perPage: Number(body?.perPage) || perPage,
    ...(typeof body?.matchMode === 'string' ? { matchMode: body.matchMode } : {}),
    ...(body?.relaxed && typeof body.relaxed.query === 'string'
      ? { relaxed: { available: body.relaxed.available === true, query: String(body.relaxed.query), total: Number(body.relaxed.total) || 0 } }
      : {}),
    interpretation: toInterpretation(body?.interpretation),
  };
}

/** An event as lists and facet labels show it. */
export interface EventSummary {
  id: string;
  name: string;
  date: string | null;
  type: string | null;
  /** English name from the knowledge base, when it has one. */
  nameEn?: string | null;
}

/** An event's name in the interface language: its English name in English when the KB has one. */
export function eventDisplayName(e: Pick<EventSummary, 'name' | 'nameEn'>): string {
  return getLang() === 'en' && e.nameEn ? e.nameEn : e.name;
}

/** A person as lists and facet labels show them. */
export interface PersonSummary {
  id: string;
  name: string;
}

function toEventSummary(raw: Unsafe): EventSummary {
  return { id: String(raw?.id ?? ''), name: str(raw?.name) ?? String(raw?.id ?? ''), date: str(raw?.date), type: str(raw?.type), nameEn: str(raw?.nameEn) };
}

const listItems = (body: Unsafe, key: string): Unsafe[] => (Array.isArray(body) ? body : arr(body?.[key] ?? body?.items));

let eventsCache: Promise<EventSummary[]> | null = null;
let peopleCache: Promise<PersonSummary[]> | null = null;

/** `GET /api/events`, fetched once per page load (facet labels need it on every search). */
export function listEvents(): Promise<EventSummary[]> {
  eventsCache ??= getJson('events').then((b) => listItems(b, 'events').map(toEventSummary));
  eventsCache.catch(() => (eventsCache = null));
  return eventsCache;
}

/** `GET /api/speakers`, fetched once per page load. */
export function listSpeakers(): Promise<PersonSummary[]> {
  peopleCache ??= getJson('speakers').then((b) =>
    listItems(b, 'speakers').map((p: Unsafe) => ({ id: String(p?.id ?? ''), name: str(p?.name) ?? String(p?.id ?? '') })),
  );
  peopleCache.catch(() => (peopleCache = null));
  return peopleCache;
}

/** One citation format of a passage, as text to copy. */
export interface Citation {
  format: string;
  label: string;
  text: string;
}

const CITATION_LABELS: Record<string, string> = {
  vi: 'Tiếng Việt',
  vietnamese: 'Tiếng Việt',
  apa: 'APA',
  chicago: 'Chicago',
  bibtex: 'BibTeX',
  ris: 'RIS',
  csl: 'CSL-JSON',
  'csl-json': 'CSL-JSON',
  csljson: 'CSL-JSON',
  cslJson: 'CSL-JSON',
};

/** Normalises citations: `{apa: "…"}`, `{apa: {text}}` or `[{format, text}]`; CSL-JSON objects are pretty-printed. */
export function toCitations(raw: Unsafe): Citation[] {
  const entries: [string, Unsafe][] = Array.isArray(raw)
    ? raw.map((c: Unsafe) => [String(c?.format ?? c?.id ?? ''), c?.text ?? c?.value ?? c])
    : raw && typeof raw === 'object'
      ? Object.entries(raw)
      : [];
  return entries
    .map(([format, value]) => {
      const v = value && typeof value === 'object' && 'text' in value ? value.text : value;
      const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
      const label = (value && typeof value === 'object' && str(value.label)) || CITATION_LABELS[format] || CITATION_LABELS[format.toLowerCase()] || format;
      return { format, label, text };
    })
    .filter((c) => c.text);
}

/** An article with its passages in order. */
export interface ArticleView {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  author: string | null;
  url: string | null;
  language: string;
  eventIds: string[];
  passages: PassageView[];
}

function toArticleView(raw: Unsafe): ArticleView {
  const a = raw?.article && typeof raw.article === 'object' && !raw.id ? raw.article : (raw ?? {});
  const base = { title: a.title, date: a.date, source: a.source, url: a.url, articleId: a.id };
  return {
    id: String(a.id ?? ''),
    title: str(a.title) ?? '',
    date: str(a.date),
    source: str(a.source),
    author: str(a.author),
    url: str(a.url),
    language: str(a.language) ?? 'vi',
    eventIds: arr(a.eventIds).filter((v) => typeof v === 'string'),
    passages: arr(a.passages ?? raw?.passages).map((p: Unsafe) => toPassageView({ ...base, ...p })),
  };
}

/** Everything the passage page shows. */
export interface PassagePage {
  passage: PassageView;
  article: ArticleView | null;
  previous: PassageView | null;
  next: PassageView | null;
  permalink: string | null;
  citations: Citation[];
}

/** `GET /api/passages/:id`. */
export async function getPassage(id: string, signal?: AbortSignal): Promise<PassagePage> {
  const body = await getJson(`passages/${encodeURIComponent(id)}`, signal);
  const article = body?.article && typeof body.article === 'object' ? toArticleView(body.article) : null;
  const withArticle = (p: Unsafe): PassageView | null =>
    p && typeof p === 'object' ? toPassageView({ title: article?.title, date: article?.date, source: article?.source, url: article?.url, ...p }) : null;
  const passage = withArticle(body?.passage ?? body) as PassageView;
  const nb = body?.neighbours ?? body?.neighbors ?? {};
  let previous = withArticle(nb?.previous ?? nb?.prev ?? body?.previous);
  let next = withArticle(nb?.next ?? body?.next);
  if (Array.isArray(nb)) {
    const views = nb.map(withArticle).filter((v): v is PassageView => v !== null);
    previous = views.filter((v) => v.ordinal < passage.ordinal).at(-1) ?? null;
    next = views.find((v) => v.ordinal > passage.ordinal) ?? null;
  }
  return { passage, article, previous, next, permalink: str(body?.permalink), citations: toCitations(body?.citations) };
}

/** `GET /api/articles/:id`. */
export async function getArticle(id: string, signal?: AbortSignal): Promise<ArticleView> {
  return toArticleView(await getJson(`articles/${encodeURIComponent(id)}`, signal));
}

/** A role held from one date to another (either may be unknown). */
export interface RoleView {
  title: string;
  from: string | null;
  to: string | null;
}

/** A speaker's passages at one event (or at none). */
export interface StatementGroup {
  event: EventSummary | null;
  passages: PassageView[];
}

/** Everything the speaker page shows. */
export interface SpeakerPage {
  id: string;
  name: string;
  aliases: string[];
  roles: RoleView[];
  groups: StatementGroup[];
}

/** `GET /api/speakers/:id`. */
export async function getSpeaker(id: string, signal?: AbortSignal): Promise<SpeakerPage> {
  const body = await getJson(`speakers/${encodeURIComponent(id)}`, signal);
  const p = body?.person ?? body?.speaker ?? body;
  const rawGroups: Unsafe[] = arr(body?.groups ?? body?.byEvent ?? body?.statements ?? body?.passagesByEvent ?? p?.groups);
  const groups: StatementGroup[] = rawGroups.map((g: Unsafe) => {
    const ev = g?.event && typeof g.event === 'object' ? toEventSummary(g.event) : str(g?.eventId) ? toEventSummary({ id: g.eventId, name: g.eventName ?? g.name, date: g.date }) : null;
    return { event: ev, passages: arr(g?.passages).map(toPassageView) };
  });
  return {
    id: String(p?.id ?? id),
    name: str(p?.name) ?? id,
    aliases: arr(p?.aliases).filter((v) => typeof v === 'string'),
    roles: arr(p?.roles).map((r: Unsafe) => ({ title: String(r?.title ?? ''), from: str(r?.from), to: str(r?.to) })),
    groups,
  };
}

/** A theme slogan, verbatim, with the passage quoting it. */
export interface ThemeView {
  text: string;
  passageId: string | null;
  eventId: string | null;
  /** Every printing of the theme with its outlet (compare view); empty when the API gives none. */
  sources?: { text: string; source: string | null; passageId: string; url: string | null }[];
  /** True when outlets print the theme differently. */
  variants?: boolean;
  /** Outlet of the article quoting it, when the API gives it. */
  source?: string | null;
}

/** A numbered key point ("Thứ nhất, …") and where it comes from. */
export interface PointView {
  label: string;
  text: string;
  passageId: string | null;
  articleId: string | null;
  articleTitle: string | null;
}

/** Everything the event page (or one compare column) shows. */
export interface EventPage extends EventSummary {
  endDate: string | null;
  themes: ThemeView[];
  speakers: PersonSummary[];
  articles: { id: string; title: string; date: string | null; source: string | null; firstPassageId: string | null }[];
  keyPoints: PointView[];
  /** A speaker's role at the event, by speaker id, when the API gives it. */
  speakerRoles: Record<string, string>;
  /** Each numbered list as one group (speaker, intro sentence, points in document order). */
  pointGroups: PointGroupView[];
  /** Themes of sessions held within the event, apart from its own. */
  otherThemes: (ThemeView & { eventId: string | null })[];
}

/** One numbered list of an event: who enumerates, the sentence introducing it, its points. */
export interface PointGroupView {
  articleId: string | null;
  speaker: SpeakerRef | null;
  intro: { text: string; passageId: string | null } | null;
  points: { label: string; text: string; passageId: string | null }[];
}

function toPointGroup(raw: Unsafe): PointGroupView {
  const sp = raw?.speaker;
  return {
    articleId: str(raw?.articleId),
    speaker: sp && str(sp.id) ? { id: sp.id, name: str(sp.name) ?? sp.id, role: str(sp.role) } : null,
    intro: raw?.intro && str(raw.intro.text) ? { text: raw.intro.text, passageId: str(raw.intro.passageId) } : null,
    points: arr(raw?.points).map((p: Unsafe) => ({ label: str(p?.label) ?? '', text: str(p?.text) ?? '', passageId: str(p?.passageId) })).filter((p) => p.text),
  };
}

function toTheme(raw: Unsafe): ThemeView {
  if (typeof raw === 'string') return { text: raw, passageId: null, eventId: null };
  const source = str(raw?.source);
  return {
    text: String(raw?.text ?? ''),
    passageId: str(raw?.passageId) ?? str(raw?.passage?.id),
    eventId: str(raw?.eventId),
    ...(source ? { source } : {}),
    // Only the compare view gives the printings of a theme.
    ...(Array.isArray(raw?.sources)
      ? {
          sources: arr(raw.sources).map((s: Unsafe) => ({ text: String(s?.text ?? ''), source: str(s?.source), passageId: String(s?.passageId ?? ''), url: str(s?.url) })),
          variants: raw?.variants === true,
        }
      : {}),
  };
}

function toPoint(raw: Unsafe): PointView {
  if (typeof raw === 'string') return { label: '', text: raw, passageId: null, articleId: null, articleTitle: null };
  return {
    label: str(raw?.label) ?? '',
    text: str(raw?.text) ?? str(raw?.passage?.text) ?? str(raw?.passageText) ?? '',
    passageId: str(raw?.passageId) ?? str(raw?.passage?.id),
    articleId: str(raw?.articleId) ?? str(raw?.passage?.articleId),
    articleTitle: str(raw?.passage?.title),
  };
}

function toPersonSummary(raw: Unsafe): PersonSummary {
  if (typeof raw === 'string') return { id: raw, name: raw };
  return { id: String(raw?.id ?? ''), name: str(raw?.name) ?? String(raw?.id ?? '') };
}

/** Normalises an event page or one column of a comparison. */
export function toEventPage(raw: Unsafe): EventPage {
  // `{event: {...KB record}, themes: [verbatim, with passage], keyPoints, …}`: the verbatim themes win over the KB's.
  const e = raw?.event && typeof raw.event === 'object' ? { ...raw.event, ...raw, themes: Array.isArray(raw.themes) && raw.themes.length ? raw.themes : raw.event.themes, id: raw.event.id, name: raw.event.name, date: raw.event.date, endDate: raw.event.endDate } : (raw ?? {});
  return {
    ...toEventSummary(e),
    endDate: str(e.endDate),
    themes: arr(e.themes).map(toTheme).filter((t) => t.text),
    speakers: arr(e.speakers).map(toPersonSummary),
    articles: arr(e.articles).map((a: Unsafe) => ({
      id: String(a?.id ?? ''),
      title: str(a?.title) ?? '',
      date: str(a?.date),
      source: str(a?.source),
      firstPassageId: str(a?.firstPassageId) ?? str(a?.passageId) ?? str(arr(a?.passages)[0]?.id),
    })),
    speakerRoles: Object.fromEntries(arr(e.speakers).filter((s: Unsafe) => str(s?.id) && str(s?.role)).map((s: Unsafe) => [s.id, s.role])),
    keyPoints: arr(e.keyPoints ?? e.points).map(toPoint).filter((p) => p.text || p.passageId),
    pointGroups: arr(raw?.pointGroups).map(toPointGroup).filter((g) => g.points.length > 0),
    otherThemes: arr(raw?.otherThemes).map(toTheme).filter((t) => t.text),
  };
}

/** `GET /api/events/:id`. */
export async function getEvent(id: string, signal?: AbortSignal): Promise<EventPage> {
  // Speakers' roles come in the interface's language.
  return toEventPage(await getJson(`events/${encodeURIComponent(id)}?lang=${getLang()}`, signal));
}

/** A distinctive term of one event, with its keyness and passages. */
export interface TermView {
  term: string;
  /** Occurrences in this event. */
  count: number | null;
  /** Occurrences in the other compared events together. */
  otherCount: number | null;
  score: number | null;
  passageIds: string[];
  /** Occurrences per 10 000 words in this event. */
  per10k?: number | null;
  /** Count and per10k in every compared event, by event id. */
  byEvent?: Record<string, { count: number; per10k: number }>;
  /** Passages with the term marked (API-escaped HTML). */
  snippets?: { passageId: string; highlighted: string }[];
}

/** A term several compared events share, with counts per event. */
export interface SharedTermView {
  term: string;
  /** Occurrences by event id. */
  counts: Record<string, number>;
  passageIds: Record<string, string[]>;
  /** Occurrences per 10 000 words by event id. */
  per10k?: Record<string, number>;
}

/** One event of a comparison. */
export interface CompareColumn extends EventPage {
  terms: TermView[];
  tokenCount: number | null;
  /** Passages of the articles about the event (what terms are counted on). */
  aboutPassageCount?: number | null;
}

/** A comparison of 2–3 events. */
export interface CompareResult {
  columns: CompareColumn[];
  shared: SharedTermView[];
  /** Every passage a term refers to, by id. */
  passages: Map<string, PassageView>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strList = (v: unknown): string[] => arr(v).map((p: Unsafe) => (typeof p === 'string' ? p : p?.id)).filter((x: Unsafe): x is string => typeof x === 'string');

function toTerm(raw: Unsafe): TermView {
  if (typeof raw === 'string') return { term: raw, count: null, otherCount: null, score: null, passageIds: [] };
  return {
    term: String(raw?.term ?? raw?.text ?? ''),
    count: num(raw?.count),
    otherCount: num(raw?.otherCount),
    score: num(raw?.g2 ?? raw?.score ?? raw?.keyness),
    passageIds: strList(raw?.passageIds ?? raw?.passages),
    per10k: num(raw?.per10k),
    byEvent: raw?.byEvent && typeof raw.byEvent === 'object' ? (raw.byEvent as Record<string, { count: number; per10k: number }>) : {},
    snippets: arr(raw?.snippets).filter((x: Unsafe) => typeof x?.passageId === 'string' && typeof x?.highlighted === 'string'),
  };
}

/** `GET /api/compare?events=a,b[,c]`. */
export async function compareEvents(ids: string[], signal?: AbortSignal): Promise<CompareResult> {
  const body = await getJson(`compare?events=${ids.map(encodeURIComponent).join(',')}`, signal);
  const columns = arr(body?.events ?? body?.columns).map((c: Unsafe) => ({
    ...toEventPage(c),
    terms: arr(c?.distinctiveTerms ?? c?.terms).map(toTerm).filter((t) => t.term),
    tokenCount: num(c?.tokenCount),
    aboutPassageCount: num(c?.aboutPassageCount),
  }));
  const shared: SharedTermView[] = arr(body?.sharedTerms ?? body?.shared)
    .map((t: Unsafe) => ({
      term: String(t?.term ?? ''),
      counts: toFacetCounts(t?.counts),
      per10k: t?.per10k && typeof t.per10k === 'object' ? (t.per10k as Record<string, number>) : undefined,
      passageIds: Object.fromEntries(Object.entries((t?.passageIds && typeof t.passageIds === 'object' ? t.passageIds : {}) as Record<string, unknown>).map(([k, v]) => [k, strList(v)])),
    }))
    .filter((t: SharedTermView) => t.term);
  const passages = new Map<string, PassageView>();
  const rawPassages: Unsafe = body?.passages ?? {};
  for (const p of Array.isArray(rawPassages) ? rawPassages : Object.values(rawPassages)) {
    const view = toPassageView(p);
    if (view.id) passages.set(view.id, view);
  }
  return { columns, shared, passages };
}

/**
 * A term's occurrences in each compared event, from the comparison alone: the shared-term
 * counts, or a distinctive term's own count plus, with two events, its count in the other.
 * Null when the comparison does not determine every event's count (three events, not shared).
 */
export function termCountsFromComparison(cmp: CompareResult, term: string): Record<string, number> | null {
  const shared = cmp.shared.find((s) => s.term === term);
  if (shared) return Object.fromEntries(cmp.columns.map((c) => [c.id, shared.counts[c.id] ?? 0]));
  const owner = cmp.columns.find((c) => c.terms.some((t) => t.term === term));
  const t = owner?.terms.find((x) => x.term === term);
  if (!owner || !t || t.count === null) return null;
  const others = cmp.columns.filter((c) => c.id !== owner.id);
  if (others.length === 1 && t.otherCount !== null) return { [owner.id]: t.count, [others[0]!.id]: t.otherCount };
  if (t.otherCount === 0) return Object.fromEntries(cmp.columns.map((c) => [c.id, c.id === owner.id ? (t.count ?? 0) : 0]));
  return null;
}

/** The passage ids the comparison lists for a term, by event id. */
export function termPassageIds(cmp: CompareResult, term: string): Record<string, string[]> {
  const shared = cmp.shared.find((s) => s.term === term);
  if (shared) return shared.passageIds;
  const out: Record<string, string[]> = {};
  for (const c of cmp.columns) {
    const t = c.terms.find((x) => x.term === term);
    if (t) out[c.id] = t.passageIds;
  }
  return out;
}
