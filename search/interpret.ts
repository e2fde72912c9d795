/**
 * Reads a researcher's query before it is planned: who it asks about, what about, and the
 * operators it carries. The result is a plain value (print it, test it, show it as a chip).
 *
 * - A person named in the query (any KB or provisional form, with or without diacritics, with a
 *   title: "Thủ tướng Phạm Minh Chính", "PM Chinh", "Bộ trưởng Sơn") means "said by": a speaker
 *   filter, and the rest of the query is the topic — the way TheyWorkForYou reads a speaker
 *   search. A title with only a given name is read only when one person with statements on the
 *   corpus fits it; a person with no statement is never read as a speaker.
 * - A title alone followed by a topic ("Thủ tướng vắc-xin") means whoever held the title on each
 *   passage's date: one (speaker, date span) pair per role held, as a filter.
 * - Operators: `"exact phrase"` (kept for the parser), `-word` / `-"phrase"` (exclude),
 *   `speaker:`, `event:`, `year:`, `from:`, `to:`, and `a OR b` (the union of whole alternatives,
 *   searched as one federated search; see `interpretQuery`).
 *
 * The names come from the meta record written at reindex (`readingKbOf`), so a reading needs no
 * extra round trip.
 * @see https://www.theyworkforyou.com/search/ (speaker search: a name in the query filters by speaker)
 * @see https://www.meilisearch.com/docs/reference/api/search#query-q (negative operator `-word`, phrases)
 */
import type { KnowledgeBase, Person, Role } from '../ingest/types.ts';
import { toNfc } from '../lib/vietnamese.ts';
import { foldedSyllables } from './aliases.ts';
import { dateBound } from './filters.ts';
import { SearchInputError } from './errors/search-input-error.ts';
import { MAX_ENGINE_WORDS } from './query.ts';
import type { RecordSet, SearchFilters } from './types.ts';

/** A person as the reading knows them: forms to recognise, roles to resolve titles, statements on the corpus. */
export interface ReadingPerson {
  id: string;
  name: string;
  aliases: string[];
  roles: Role[];
  /** Passages attributed to the person in the indexed corpus. */
  statements: number;
}

/** An event as the reading knows it (for `event:`). */
export interface ReadingEvent {
  id: string;
  name: string;
  aliases: string[];
}

/** What a reading needs of the corpus; stored in the meta record at reindex. */
export interface ReadingKb {
  people: ReadingPerson[];
  events: ReadingEvent[];
}

/** One (speaker, role span) pair a title resolves to; dates are `YYYYMMDD` bounds, null when open. */
export interface SpeakerSpan {
  speakerId: string;
  from: number | null;
  to: number | null;
}

/** How the query was read; returned to the API caller as `interpretation`. */
export interface QueryInterpretation {
  /** The words searched once the person and the operators are taken out. */
  topic: string;
  /** The person whose words are searched ("said by"), when one was read. */
  speaker: { id: string; name: string; matched: string; via: 'name' | 'title-name' | 'operator' } | null;
  /** A title read alone: the people who held it, each only for the dates they held it. */
  title: { text: string; matched: string; holders: { id: string; name: string; from: string | null; to: string | null }[] } | null;
  event: { id: string; name: string; matched: string } | null;
  /** From `from:` / `to:` (inclusive; partial dates cover their year or month). */
  dateRange: { from: string | null; to: string | null } | null;
  years: number[];
  /** Words and phrases the hits must not contain (`-word`, `-"phrase"`). */
  exclude: string[];
  /** Quoted phrases kept in the topic. */
  phrases: string[];
  /** False when the reading found nothing and the words as typed were searched instead. */
  applied: boolean;
  /** Anything the reader should know: an operator not supported, a reading dropped. */
  notes: string[];
  /**
   * Present for a query with `OR`: each alternative as read (its topic, and the person or title
   * read within it). The hits are the union of the alternatives; `topic` joins them with " OR ",
   * and `speaker` / `title` are set only when every alternative has the same one.
   */
  alternatives?: { topic: string; speaker: QueryInterpretation['speaker']; title: QueryInterpretation['title'] }[];
}

/** One alternative of an `OR` query: the text handed to the planner and the filters it adds. */
export interface ReadAlternative {
  q: string;
  filters: SearchFilters;
}

/** The reading of a query: what to show, what to search, which filters to add. */
export interface QueryReading {
  interpretation: QueryInterpretation;
  /** The query text handed to the planner (topic, phrases and `-exclusions`). */
  q: string;
  /** Filters the reading adds. */
  filters: SearchFilters;
  /** True when anything was read (otherwise the query runs as typed). */
  changed: boolean;
  /**
   * True when the reading came only from what the reader typed on purpose (operators): it stands
   * even when it finds nothing. A name or title read from free words falls back to the words as
   * typed when it finds nothing.
   */
  strict: boolean;
  /** For a query with `OR`: the alternatives as read, searched as one union (`q` and `filters` are then unused). */
  alternatives?: ReadAlternative[];
  /** For a query with `OR`: the alternatives with no person or title read from free words (the fallback). */
  typedAlternatives?: ReadAlternative[];
}

/**
 * Titles a query may use, folded, with their Vietnamese form (the prefix of KB role titles).
 * English and short forms are what researchers type ("PM Chinh", "FM Son", "TBT Tô Lâm").
 */
const TITLES: { forms: string[]; title: string }[] = [
  { forms: ['pho thu tuong thuong truc', 'standing deputy prime minister', 'standing deputy pm'], title: 'Phó Thủ tướng Thường trực' },
  { forms: ['pho thu tuong', 'deputy prime minister', 'deputy pm', 'dpm', 'ptt'], title: 'Phó Thủ tướng' },
  { forms: ['thu tuong', 'prime minister', 'pm', 'premier'], title: 'Thủ tướng' },
  { forms: ['thu truong thuong truc', 'standing deputy minister'], title: 'Thứ trưởng thường trực' },
  { forms: ['thu truong', 'deputy minister', 'deputy fm', 'vice minister'], title: 'Thứ trưởng' },
  { forms: ['bo truong ngoai giao', 'bo truong bo ngoai giao', 'foreign minister', 'fm'], title: 'Bộ trưởng Bộ Ngoại giao' },
  { forms: ['bo truong', 'minister'], title: 'Bộ trưởng' },
  { forms: ['tong bi thu', 'tbt', 'general secretary', 'party general secretary', 'party chief'], title: 'Tổng Bí thư' },
  { forms: ['chu tich nuoc', 'president', 'state president'], title: 'Chủ tịch nước' },
  { forms: ['chu tich quoc hoi', 'na chairman', 'national assembly chairman'], title: 'Chủ tịch Quốc hội' },
];

/** Folded search keys of a text's syllables, as the index and the alias matcher have them. */
const fold = foldedSyllables;

const PREPARED_TITLES = TITLES.flatMap((t) => t.forms.map((f) => ({ title: t.title, syllables: fold(f) }))).sort(
  (a, b) => b.syllables.length - a.syllables.length,
);

/** "Bộ trưởng Ngoại giao" is the same office as "Bộ trưởng Bộ Ngoại giao": folded syllables without that "bộ". */
function withoutMinistryBo(folded: string[]): string[] {
  return folded.filter((s, i) => !(s === 'bo' && i > 1 && folded[i + 1] === 'ngoai'));
}

/** The titles a query may use, folded once (without the ministry's "bộ"), by Vietnamese title. */
const FOLDED_TITLES = new Map(TITLES.map((t) => [t.title, withoutMinistryBo(fold(t.title))]));

/** A person's folded name and role titles, computed once per reading record like `personForms`. */
interface FoldedPerson {
  /** The name's last syllable, folded ("chinh" for Phạm Minh Chính): a title with a given name. */
  givenName: string | undefined;
  /** Each role with its title folded, without the ministry's "bộ". */
  roles: { role: Role; title: string[] }[];
}

const foldedPeople = new WeakMap<ReadingPerson, FoldedPerson>();

/** The person's folded name and role titles, kept per person record (the meta store keeps the same record for a build). */
function foldedPerson(p: ReadingPerson): FoldedPerson {
  let out = foldedPeople.get(p);
  if (!out) {
    out = { givenName: fold(p.name).at(-1), roles: p.roles.map((role) => ({ role, title: withoutMinistryBo(fold(role.title)) })) };
    foldedPeople.set(p, out);
  }
  return out;
}

/** The person's roles whose title starts with the title's syllables ("Thủ tướng Chính phủ" for "Thủ tướng", never "Phó Thủ tướng"). */
function rolesWithTitle(p: ReadingPerson, title: string): Role[] {
  const t = FOLDED_TITLES.get(title) ?? withoutMinistryBo(fold(title));
  return foldedPerson(p).roles.filter((r) => t.every((s, i) => r.title[i] === s)).map((r) => r.role);
}

/** A role boundary as a `YYYYMMDD` bound (a year or month covers its whole span). */
function roleBound(value: string | null, end: boolean): number | null {
  if (value === null) return null;
  return dateBound(end ? 'to' : 'from', value.slice(0, 10));
}

/** The reading's view of the corpus: every person (KB and provisional) with statement counts, every event. */
export function readingKbOf(records: Pick<RecordSet, 'passages' | 'people' | 'events'>, kb: Pick<KnowledgeBase, 'people' | 'events'>): ReadingKb {
  const statements = new Map<string, number>();
  for (const p of records.passages) if (p.speakerId) statements.set(p.speakerId, (statements.get(p.speakerId) ?? 0) + 1);
  const people = new Map<string, Person>();
  for (const p of [...kb.people, ...records.people]) if (!people.has(p.id)) people.set(p.id, p);
  const events = new Map<string, ReadingEvent>();
  for (const e of [...kb.events, ...records.events]) if (!events.has(e.id)) events.set(e.id, { id: e.id, name: e.name, aliases: e.aliases ?? [] });
  return {
    people: [...people.values()].map((p) => ({ id: p.id, name: p.name, aliases: p.aliases ?? [], roles: p.roles ?? [], statements: statements.get(p.id) ?? 0 })),
    events: [...events.values()],
  };
}

/**
 * The reading data after an incremental update (`applyArticles` / `removeArticles`): people and
 * events the update brought are added (a provisional speaker first seen in an uploaded article),
 * and the statement counts in `counts` replace the old ones (a speaker whose last passage was
 * removed drops to 0, so a query no longer reads them as a speaker). People and events already
 * known are kept as they are: their KB forms change only with a KB change, which rebuilds fully.
 * Returns a new record; `reading` is not changed.
 */
export function refreshReading(
  reading: ReadingKb,
  change: { people: Pick<Person, 'id' | 'name' | 'aliases' | 'roles'>[]; events: Pick<KnowledgeBase['events'][number], 'id' | 'name' | 'aliases'>[]; counts: ReadonlyMap<string, number> },
): ReadingKb {
  const people = reading.people.map((p) => (change.counts.has(p.id) ? { ...p, statements: change.counts.get(p.id)! } : p));
  const known = new Set(people.map((p) => p.id));
  for (const p of change.people) {
    if (known.has(p.id)) continue;
    known.add(p.id);
    people.push({ id: p.id, name: p.name, aliases: p.aliases ?? [], roles: p.roles ?? [], statements: change.counts.get(p.id) ?? 0 });
  }
  const events = [...reading.events];
  const knownEvents = new Set(events.map((e) => e.id));
  for (const e of change.events) {
    if (knownEvents.has(e.id)) continue;
    knownEvents.add(e.id);
    events.push({ id: e.id, name: e.name, aliases: e.aliases ?? [] });
  }
  return { people, events };
}

/** A token of the query: a word, a quoted phrase, an operator, an exclusion. */
type Token =
  | { kind: 'word'; text: string }
  | { kind: 'phrase'; text: string }
  | { kind: 'exclude'; text: string; phrase: boolean }
  | { kind: 'op'; name: string; value: string; raw: string }
  | { kind: 'or' };

const OPERATORS = new Set(['speaker', 'event', 'year', 'from', 'to']);
/** `name:"value"`, `name:value`, `-"phrase"`, `"phrase"`, `-word`, `OR`, or a word. */
const TOKEN = /([A-Za-z]+):(?:"([^"]*)"?|(\S+))|-"([^"]*)"?|"([^"]*)"?|(\S+)/g;

/** The form a value of each operator takes when it is typed after a space (`year: 2024`). */
const DETACHED_VALUE: Record<string, RegExp> = { year: /^\d{4}$/, from: /^\d/, to: /^\d/ };

/** Most words after a detached `speaker:` / `event:` tried as its value (a full name with a title). */
const MAX_DETACHED_WORDS = 6;

/**
 * Splits a query into tokens. An operator typed with a space before its value takes what follows
 * when it reads as a value: a quoted phrase (`speaker: "Bùi Thanh Sơn"`); for `year:`, `from:`
 * and `to:` a number or date (`year: 2024`); for `speaker:` and `event:` the longest run of the
 * next words that names a person or event of `kb` (`speaker: Bùi Thanh Sơn ngoại giao`). Else (a
 * bare `event:`, an unknown name) the operator is dropped, said in `notes`, and the words after
 * it are read as usual.
 */
function tokenize(raw: string, notes: string[] = [], kb: ReadingKb | null = null): Token[] {
  const out: Token[] = [];
  for (const m of raw.matchAll(TOKEN)) {
    const [all, name, quotedValue, bareValue, excludedPhrase, phrase, word] = m;
    if (name !== undefined && OPERATORS.has(name.toLowerCase())) {
      out.push({ kind: 'op', name: name.toLowerCase(), value: (quotedValue ?? bareValue ?? '').trim(), raw: all });
    } else if (name !== undefined) {
      // "http:" or "lúc:" is not an operator: keep the words.
      out.push({ kind: 'word', text: all });
    } else if (excludedPhrase !== undefined) {
      if (excludedPhrase.trim()) out.push({ kind: 'exclude', text: excludedPhrase.trim(), phrase: true });
    } else if (phrase !== undefined) {
      if (phrase.trim()) out.push({ kind: 'phrase', text: phrase.trim() });
    } else if (word === 'OR') {
      out.push({ kind: 'or' });
    } else if (word !== undefined && word.length > 1 && word.startsWith('-') && /\p{L}|\p{N}/u.test(word.slice(1, 2))) {
      out.push({ kind: 'exclude', text: word.slice(1), phrase: false });
    } else if (word !== undefined) {
      out.push({ kind: 'word', text: word });
    }
  }
  return attachDetachedValues(out, notes, kb);
}

/** `speaker:` / `year:` … written as a word of its own: joined to the value after it, or dropped (see `tokenize`). */
function attachDetachedValues(tokens: Token[], notes: string[], kb: ReadingKb | null): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const name = tok.kind === 'word' && tok.text.endsWith(':') ? tok.text.slice(0, -1).toLowerCase() : null;
    if (name === null || !OPERATORS.has(name)) {
      out.push(tok);
      continue;
    }
    const next = tokens[i + 1];
    let value: string | null = null;
    let taken = 0;
    if (next?.kind === 'phrase' || (next?.kind === 'word' && DETACHED_VALUE[name]?.test(next.text))) {
      [value, taken] = [next.text, 1];
    } else if (kb && (name === 'speaker' || name === 'event')) {
      const find = name === 'speaker' ? (v: string) => findPerson(kb, v) !== null : (v: string) => findEvent(kb, v) !== null;
      for (let n = MAX_DETACHED_WORDS; n >= 1 && value === null; n--) {
        const run = tokens.slice(i + 1, i + 1 + n);
        if (run.length !== n || run.some((t) => t.kind !== 'word')) continue;
        const candidate = run.map((t) => (t as { text: string }).text).join(' ');
        if (find(candidate)) [value, taken] = [candidate, n];
      }
    }
    if (value !== null) {
      const typed = tokens.slice(i + 1, i + 1 + taken).map((t) => (t.kind === 'phrase' ? quoted(t.text) : (t as { text: string }).text));
      out.push({ kind: 'op', name, value, raw: `${(tok as { text: string }).text} ${typed.join(' ')}` });
      i += taken;
    } else {
      notes.push(`${name}: without a value was ignored (write ${name}:"…" with no space); the words after it are read as usual`);
    }
  }
  return out;
}

const formsCache = new WeakMap<ReadingPerson, string[][]>();

/**
 * Every form of a person, folded: the name, aliases, and the name without its diacritics. Kept per
 * person record, so a search does not fold the whole reading KB again (the meta store keeps the
 * same record for a build).
 */
function personForms(p: ReadingPerson): string[][] {
  const cached = formsCache.get(p);
  if (cached) return cached;
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const form of [p.name, ...p.aliases]) {
    const f = fold(form);
    // One syllable ("Sơn") would read half the corpus as a speaker.
    if (f.length < 2 || seen.has(f.join(' '))) continue;
    seen.add(f.join(' '));
    out.push(f);
  }
  formsCache.set(p, out);
  return out;
}

/** Finds a person by `speaker:` value: id, or any form (folded). */
function findPerson(kb: ReadingKb, value: string): ReadingPerson | null {
  const key = fold(value).join(' ');
  return kb.people.find((p) => p.id === value || personForms(p).some((f) => f.join(' ') === key) || fold(p.name).join(' ') === key) ?? null;
}

/** Finds an event by `event:` value: id, name or alias (folded). */
function findEvent(kb: ReadingKb, value: string): ReadingEvent | null {
  const key = fold(value).join(' ');
  return kb.events.find((e) => e.id === value || [e.name, ...e.aliases].some((f) => fold(f).join(' ') === key)) ?? null;
}

/** Quotes a phrase for the planner, which reads `"…"` as a phrase. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '')}"`;
}

/**
 * Reads a query. `kb` null (an index built before readings existed) reads operators only.
 * Throws `SearchInputError` naming the operator for a value that cannot be read
 * (`speaker:"Nobody"`, `year:20x3`, `from:2024-13`), or for an `OR` alternative longer than the
 * engine reads.
 *
 * `OR` (upper case, outside quotes) separates whole alternatives: `ngoại giao vắc-xin OR y tế`
 * is the passages with "ngoại giao" and "vắc-xin" plus those with "y tế" — it binds loosest,
 * because most Vietnamese words are two syllables ("Việt Nam OR Lào" must not read as
 * "Việt (Nam OR Lào)"). Operators (`speaker:`, `event:`, `year:`, `from:`, `to:`, `-word`)
 * apply to every alternative wherever they are typed; a leader's name or a title among the
 * free words is read within its own alternative only. `OR` at the start or the end, or
 * beside another `OR`, has nothing on one side: it is dropped and said in `notes`. A lowercase
 * `or` is a word, and `"a OR b"` in quotes is a phrase.
 * @see https://support.google.com/websearch/answer/2466433 (OR in web search: either word)
 * @see https://www.meilisearch.com/docs/reference/api/multi_search#federation (the union is one federated search)
 */
export function interpretQuery(raw: string, kb: ReadingKb | null, requestFilters: SearchFilters = {}): QueryReading {
  const tokenNotes: string[] = [];
  const tokens = tokenize(toNfc(raw), tokenNotes, kb);
  const split = splitAlternatives(tokens);
  const { groups, global } = split;
  const notes = [...tokenNotes, ...split.notes];
  if (groups.length < 2) {
    return readTokens(tokens.filter((t) => t.kind !== 'or'), raw, kb, requestFilters, true, notes);
  }
  for (const group of groups) {
    const words = group.reduce((n, t) => n + fold(t.text).length, 0);
    if (words > MAX_ENGINE_WORDS) {
      throw new SearchInputError(
        `an alternative of OR is longer than ${MAX_ENGINE_WORDS} words in the query: ${JSON.stringify(group.map(tokenText).join(' '))} (search a long quote on its own)`,
      );
    }
  }
  const read = groups.map((group) => readTokens([...global, ...group], null, kb, requestFilters, true, []));
  const typed = groups.map((group) => readTokens([...global, ...group], null, kb, requestFilters, false, []));
  const first = read[0]!.interpretation;
  const same = <T>(pick: (i: QueryInterpretation) => T | null, key: (v: T) => string): T | null => {
    const values = read.map((r) => pick(r.interpretation));
    return values.every((v) => v !== null && key(v) === key(values[0]!)) ? values[0]! : null;
  };
  const speaker = same((i) => i.speaker, (v) => v.id);
  const title = same((i) => i.title, (v) => v.text);
  const interpretation: QueryInterpretation = {
    ...first,
    topic: read.map((r) => r.interpretation.topic).join(' OR '),
    speaker,
    title,
    phrases: read.flatMap((r) => r.interpretation.phrases),
    notes,
    alternatives: read.map((r) => ({ topic: r.interpretation.topic, speaker: r.interpretation.speaker, title: r.interpretation.title })),
  };
  const strict = read.every((r) => r.strict || !r.changed);
  return {
    interpretation,
    q: read.map((r) => r.q).join(' OR '),
    filters: {},
    changed: true,
    strict,
    alternatives: read.map((r) => ({ q: r.q, filters: r.filters })),
    typedAlternatives: typed.map((r) => ({ q: r.q, filters: r.filters })),
  };
}

/** A word or phrase token as typed (a phrase in quotes). */
function tokenText(t: Extract<Token, { kind: 'word' | 'phrase' }>): string {
  return t.kind === 'phrase' ? quoted(t.text) : t.text;
}

/**
 * Splits a query's tokens at `OR`: the alternatives (their words and phrases; an alternative with
 * none is no alternative), the tokens every alternative shares (operators and exclusions), and a
 * note for each `OR` that has no alternative on one side.
 */
function splitAlternatives(tokens: Token[]): { groups: Extract<Token, { kind: 'word' | 'phrase' }>[][]; global: Token[]; notes: string[] } {
  const groups: Extract<Token, { kind: 'word' | 'phrase' }>[][] = [[]];
  const global: Token[] = [];
  let ors = 0;
  for (const tok of tokens) {
    if (tok.kind === 'or') {
      ors++;
      groups.push([]);
    } else if (tok.kind === 'word' || tok.kind === 'phrase') groups.at(-1)!.push(tok);
    else global.push(tok);
  }
  const kept = groups.filter((g) => g.length > 0);
  const notes: string[] = [];
  if (ors > 0 && kept.length < groups.length) {
    notes.push(
      kept.length < 2
        ? 'OR ignored: it needs words on both sides (every word is required)'
        : 'an OR with nothing on one side was ignored',
    );
  }
  return { groups: kept, global, notes };
}

/**
 * Reads one alternative (or a query without `OR`): operators, then a person or title among the
 * free words (`readNames`), then the topic. `raw` is the query as typed, returned as `q` when
 * nothing was read; null for an alternative, whose `q` is always rebuilt from its tokens.
 */
function readTokens(tokens: Token[], raw: string | null, kb: ReadingKb | null, requestFilters: SearchFilters, readNames: boolean, notes: string[]): QueryReading {
  const interpretation: QueryInterpretation = {
    topic: '', speaker: null, title: null, event: null, dateRange: null, years: [], exclude: [], phrases: [], applied: true, notes: [...notes],
  };
  const filters: SearchFilters = {};
  let strict = false;
  let loose = false;

  // Operators first: they are what the reader typed on purpose.
  for (const tok of tokens) {
    if (tok.kind === 'exclude') {
      interpretation.exclude.push(tok.text);
      strict = true;
      continue;
    }
    if (tok.kind !== 'op') continue;
    strict = true;
    const { name, value } = tok;
    if (name === 'speaker') {
      const person = kb ? findPerson(kb, value) : null;
      if (!person) throw new SearchInputError(`unknown speaker ${JSON.stringify(value)} in the query (speaker:)`);
      interpretation.speaker = { id: person.id, name: person.name, matched: tok.raw, via: 'operator' };
    } else if (name === 'event') {
      const event = kb ? findEvent(kb, value) : null;
      if (!event) throw new SearchInputError(`unknown event ${JSON.stringify(value)} in the query (event:)`);
      interpretation.event = { id: event.id, name: event.name, matched: tok.raw };
    } else if (name === 'year') {
      if (!/^\d{4}$/.test(value)) throw new SearchInputError(`invalid year ${JSON.stringify(value)} in the query (year:)`);
      interpretation.years.push(Number(value));
    } else {
      dateBound(name as 'from' | 'to', value);
      interpretation.dateRange = { from: null, to: null, ...interpretation.dateRange, [name]: value };
    }
  }

  // Free words: a person's name (with or without a title), else a title alone.
  const words = tokens.filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word').map((t) => t.text);
  const folded = words.map((w) => fold(w).join(' '));
  const taken = new Array<boolean>(words.length).fill(false);
  // A pasted sentence ("Thủ tướng Phạm Minh Chính nhấn mạnh …", longer than the engine reads)
  // is looking for its source, not for a speaker: only short queries are read.
  const syllableCount = words.reduce((n, w) => n + fold(w).length, 0);
  const canRead = readNames && kb !== null && !interpretation.speaker && !(requestFilters.speaker?.length) && syllableCount <= MAX_ENGINE_WORDS;
  if (canRead) {
    const people = kb.people;
    // Full names (longest form first), optionally preceded by a title.
    let best: { person: ReadingPerson; start: number; length: number } | null = null;
    for (const person of people) {
      if (person.statements === 0) continue;
      for (const form of personForms(person)) {
        for (let i = 0; i + form.length <= folded.length; i++) {
          if (form.every((s, k) => folded[i + k] === s) && (!best || form.length > best.length)) best = { person, start: i, length: form.length };
        }
      }
    }
    const title = best ? titleEndingAt(folded, best.start) : null;
    // A name alone ("pham minh chinh", "Thủ tướng Phạm Minh Chính") is searched as typed: the
    // passages that print it. With a topic beside it, it is read as the speaker.
    // Quoted phrases are topic too: 'Phạm Minh Chính "ngoại giao vắc-xin"' is his words on it.
    const hasPhrase = tokens.some((t) => t.kind === 'phrase');
    let nameAlone = best !== null && best.length + (title?.length ?? 0) === folded.length && !hasPhrase;
    if (nameAlone) best = null;
    if (best) {
      let start = best.start;
      if (title) start -= title.length;
      for (let k = start; k < best.start + best.length; k++) taken[k] = true;
      interpretation.speaker = {
        id: best.person.id,
        name: best.person.name,
        matched: words.slice(start, best.start + best.length).join(' '),
        via: title ? 'title-name' : 'name',
      };
      loose = true;
    } else if (!nameAlone) {
      // A title and a given name: "Bộ trưởng Sơn", "PM Chinh".
      for (let i = 0; i < folded.length && !interpretation.speaker; i++) {
        const title = titleAt(folded, i);
        if (!title) continue;
        const next = folded[i + title.length];
        if (next === undefined) continue;
        const fits = people.filter(
          (p) => p.statements > 0 && foldedPerson(p).givenName === next && rolesWithTitle(p, title.title).length > 0,
        );
        // A title and a given name with nothing else ("Bộ trưởng Sơn") is searched as typed too.
        if (fits.length === 1 && title.length + 1 === folded.length && !hasPhrase) {
          nameAlone = true;
          break;
        }
        if (fits.length === 1) {
          for (let k = i; k <= i + title.length; k++) taken[k] = true;
          interpretation.speaker = { id: fits[0]!.id, name: fits[0]!.name, matched: words.slice(i, i + title.length + 1).join(' '), via: 'title-name' };
          loose = true;
        }
      }
    }
    // A title alone, with a topic beside it: whoever held it on each passage's date.
    if (!interpretation.speaker && !nameAlone) {
      for (let i = 0; i < folded.length; i++) {
        const title = titleAt(folded, i);
        if (!title || title.length >= folded.length) continue;
        const holders = people.flatMap((p) =>
          p.statements > 0 ? rolesWithTitle(p, title.title).map((r) => ({ person: p, role: r })) : [],
        );
        if (holders.length === 0) continue;
        for (let k = i; k < i + title.length; k++) taken[k] = true;
        interpretation.title = {
          text: title.title,
          matched: words.slice(i, i + title.length).join(' '),
          holders: holders.map((h) => ({ id: h.person.id, name: h.person.name, from: h.role.from, to: h.role.to })),
        };
        filters.speakerSpans = holders.map((h) => ({ speakerId: h.person.id, from: roleBound(h.role.from, false), to: roleBound(h.role.to, true) }));
        loose = true;
        break;
      }
    }
  }

  if (interpretation.speaker) filters.speaker = [interpretation.speaker.id];
  if (interpretation.event && !requestFilters.event?.length) filters.event = [interpretation.event.id];
  if (interpretation.years.length) filters.year = interpretation.years;
  if (interpretation.dateRange?.from) filters.from = interpretation.dateRange.from;
  if (interpretation.dateRange?.to) filters.to = interpretation.dateRange.to;

  // The topic: free words not read as a person or title, and the quoted phrases, in typed order.
  const topicParts: string[] = [];
  let w = 0;
  for (const tok of tokens) {
    if (tok.kind === 'word') {
      if (!taken[w]) topicParts.push(tok.text);
      w++;
    } else if (tok.kind === 'phrase') {
      topicParts.push(quoted(tok.text));
      interpretation.phrases.push(tok.text);
    }
  }
  interpretation.topic = topicParts.join(' ');
  const exclusions = tokens.flatMap((t) => (t.kind === 'exclude' ? [t.phrase ? `-${quoted(t.text)}` : `-${t.text}`] : []));
  const q = [...topicParts, ...exclusions].join(' ');
  const changed = strict || loose || interpretation.notes.length > 0;
  return { interpretation, q: changed || raw === null ? q : raw, filters, changed, strict: strict && !loose };
}

/** The longest title form starting at syllable `i`. */
function titleAt(folded: string[], i: number): { title: string; length: number } | null {
  for (const t of PREPARED_TITLES) {
    if (t.syllables.every((s, k) => folded[i + k] === s)) return { title: t.title, length: t.syllables.length };
  }
  return null;
}

/** The longest title form ending just before syllable `end`. */
function titleEndingAt(folded: string[], end: number): { title: string; length: number } | null {
  for (const t of PREPARED_TITLES) {
    const start = end - t.syllables.length;
    if (start >= 0 && t.syllables.every((s, k) => folded[start + k] === s)) return { title: t.title, length: t.syllables.length };
  }
  return null;
}

/**
 * The request's filters with the reading's added. A filter the request already sets wins over
 * the query's (the reading adds a speaker only when the request names none); years intersect.
 */
export function mergeReadingFilters(request: SearchFilters, reading: SearchFilters): SearchFilters {
  const out: SearchFilters = { ...request };
  if (reading.speaker && !request.speaker?.length) out.speaker = reading.speaker;
  if (reading.speakerSpans && !request.speaker?.length) out.speakerSpans = reading.speakerSpans;
  if (reading.event && !request.event?.length) out.event = reading.event;
  if (reading.year) {
    const both = request.year?.length ? request.year.filter((y) => reading.year!.includes(y)) : reading.year;
    // `year:2023` with the 2021 facet ticked: no passage is both; year 0 matches none.
    out.year = both.length ? both : [0];
  }
  if (reading.from && (!request.from || reading.from > request.from)) out.from = reading.from;
  if (reading.to && (!request.to || reading.to < request.to)) out.to = reading.to;
  return out;
}
