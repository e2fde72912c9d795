/**
 * Reads a researcher's query into the parts the engine and the highlighter need.
 *
 * Vietnamese writes one syllable per word and its diacritics carry meaning, so a query is
 * read as syllables, in one of two modes:
 * - `exact` when the query carries diacritics: every syllable is matched by its Telex key on the
 *   Telex twin of the text ("bạn" → `banj`, never "bàn" `banf`);
 * - `folded` otherwise: syllables match whatever their diacritics ("ngoai giao" → "ngoại giao").
 * Curly and guillemet quotes become straight quotes (phrases); a run of syllables that is a KB
 * form ("HNNG 31", "Bộ Ngoại giao") becomes a phrase so that it is matched as a whole.
 */
import { foldDiacritics, hasDiacritics, keyUnits, searchKey, toNfc, type KeyMode } from '../lib/vietnamese.ts';
import { decodeTypedSyllable, isEnglishText } from '../lib/vietnamese-query.ts';
import type { AliasMatcher } from './aliases.ts';

export type MatchMode = KeyMode;

/** A word or a quoted phrase of the query, as syllables (NFC, diacritics as typed). */
export interface QueryPart {
  phrase: boolean;
  syllables: string[];
  /** A phrase made from a KB form, not typed in quotes by the user. */
  fromKb?: boolean;
  /**
   * `-word` / `-"phrase"`: hits must not contain it (Meilisearch's negative operator). Not part of
   * `ParsedQuery.syllables`, never a phrase to keep, never marked.
   * @see https://www.meilisearch.com/docs/reference/api/search#negative-search
   */
  negated?: boolean;
}

/** `-word` or `-"a phrase"` at the start of the query or after a space. */
const EXCLUSION = /(^|\s)-(?:"([^"]*)"?|([^\s"]+))/gu;

/** Takes the exclusions out of a query: the rest, and each excluded word or phrase. */
function takeExclusions(text: string): { rest: string; excluded: string[] } {
  const excluded: string[] = [];
  const rest = text.replace(EXCLUSION, (_all, lead: string, phrase?: string, word?: string) => {
    const value = (phrase ?? word ?? '').trim();
    if (value) excluded.push(value);
    return lead;
  });
  return { rest, excluded };
}

export interface ParsedQuery {
  parts: QueryPart[];
  /** All syllables in order. */
  syllables: string[];
  /** `exact` when any syllable carries a diacritic (or was typed as Telex/VNI keys). */
  mode: MatchMode;
  /**
   * True when the query spells a KB form ("BNG", "HNNG 31"): only then are the passages' alias
   * fields searched, so "ngoại giao" counts passages that say it, not those that say "BNG".
   */
  namesKnownForm: boolean;
}

/** The longest query Meilisearch reads word by word; longer ones are searched in chunks. */
export const MAX_ENGINE_WORDS = 10;

/** Opening and closing quote marks that Vietnamese text and keyboards produce, mapped to `"`. */
const QUOTES = /[“”„‟«»〝〞＂‹›「」『』]|‘|’(?!\p{L})|(?<!\p{L})’/gu;

/** Replaces typographic quotes with straight double quotes, so they delimit phrases. */
export function normalizeQuotes(q: string): string {
  return q.replace(QUOTES, '"');
}

/** Keys already computed, per mode. Vietnamese has a few thousand syllables, so this stays small. */
const KEY_CACHE: Record<MatchMode, Map<string, string>> = { exact: new Map(), folded: new Map() };
/** Entries per mode before a cache starts over (names and foreign words keep adding new ones). */
const KEY_CACHE_LIMIT = 50_000;

/**
 * Matching key of a syllable (a unit of `keyUnits`) in a mode: `searchKey`, the same function
 * that builds the engine's twin fields, so the query and the index can never disagree.
 * Memoised: highlighting keys every syllable of every hit, and computing keys (NFD, mark tables)
 * was four tenths of the server's CPU time under load.
 */
export function syllableKey(syllable: string, mode: MatchMode): string {
  const cache = KEY_CACHE[mode];
  let key = cache.get(syllable);
  if (key === undefined) {
    key = searchKey(syllable, mode);
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(syllable, key);
  }
  return key;
}

/**
 * Groups runs of free words that spell a KB form into phrases: `HNNG 31 chủ đề` →
 * `"HNNG 31"` + `chủ` + `đề`. Single-syllable forms (abbreviations) need no phrase.
 */
function phraseKnownForms(parts: QueryPart[], matcher: AliasMatcher | null): QueryPart[] {
  if (!matcher) return parts;
  const out: QueryPart[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const folded = run.map((s) => syllableKey(s, 'folded'));
    const found = matcher.matches(folded).filter((m) => m.length >= 2);
    // Longest first, non-overlapping.
    found.sort((a, b) => b.length - a.length || a.start - b.start);
    const taken: boolean[] = new Array(run.length).fill(false);
    const phrases = new Map<number, number>();
    for (const m of found) {
      let free = true;
      for (let k = m.start; k < m.start + m.length; k++) free &&= !taken[k];
      if (!free) continue;
      for (let k = m.start; k < m.start + m.length; k++) taken[k] = true;
      phrases.set(m.start, m.length);
    }
    for (let i = 0; i < run.length; ) {
      const len = phrases.get(i);
      if (len) {
        out.push({ phrase: true, syllables: run.slice(i, i + len), fromKb: true });
        i += len;
      } else {
        out.push({ phrase: false, syllables: [run[i]!] });
        i += 1;
      }
    }
    run = [];
  };
  for (const part of parts) {
    if (part.phrase) {
      flush();
      out.push(part);
    } else run.push(...part.syllables);
  }
  flush();
  return out;
}

/**
 * Parses a raw query string. Words are cut by `keyUnits` (the index's own cutting: format
 * characters ignored, a ZWSP a boundary, "HNNG31" two units, "23/9/2025" one); the units of one
 * typed word ("HNNG31", "G20") stay together as a phrase. A word is read as Telex / VNI keys only
 * with evidence (`decodeTypedSyllable`) and never in a query the detector reads as English.
 */
export function parseQuery(raw: string, matcher: AliasMatcher | null = null): ParsedQuery {
  const { rest: text, excluded } = takeExclusions(normalizeQuotes(toNfc(raw)));
  const segments = text.split('"');
  let parts: QueryPart[] = [];
  let typedKeys = false;
  let english: boolean | undefined;
  const decode = (word: string): string | null => {
    const decoded = decodeTypedSyllable(word);
    if (decoded === null) return null;
    english ??= isEnglishText(text);
    if (english) return null;
    typedKeys = true;
    return decoded;
  };
  segments.forEach((segment, i) => {
    // Odd segments sit between quotes; an unclosed last quote leaves free words.
    const isPhrase = i % 2 === 1 && i < segments.length - 1;
    const units = keyUnits(segment, decode);
    const syllables = units.map((u) => u.read ?? u.text);
    if (syllables.length === 0) return;
    if (isPhrase) {
      parts.push({ phrase: true, syllables });
      return;
    }
    // Units with nothing between them were typed as one word ("HNNG31", "G20"), and so were
    // numbers joined by one / . or - ("23/9/2025", "292/2025"): each such run is a phrase.
    const joined = (a: { text: string; end: number }, b: { text: string; start: number }) =>
      b.start === a.end || (b.start === a.end + 1 && /^\d/.test(a.text) && /^\d/.test(b.text) && /[/.-]/.test(segment[a.end]!));
    for (let k = 0; k < units.length; ) {
      let end = k + 1;
      while (end < units.length && joined(units[end - 1]!, units[end]!)) end++;
      parts.push({ phrase: end - k > 1, syllables: syllables.slice(k, end) });
      k = end;
    }
  });
  parts = phraseKnownForms(parts, matcher);
  const syllables = parts.flatMap((p) => p.syllables);
  for (const value of excluded) {
    const negated = keyUnits(value, decode).map((u) => u.read ?? u.text);
    if (negated.length > 0) parts.push({ phrase: false, syllables: negated, negated: true });
  }
  const mode: MatchMode = typedKeys || syllables.some(hasDiacritics) ? 'exact' : 'folded';
  const namesKnownForm = matcher !== null && matcher.matches(syllables.map((s) => syllableKey(s, 'folded'))).length > 0;
  return { parts, syllables, mode, namesKnownForm };
}

/**
 * The query a researcher would type to run `parsed` without diacritics: what the relaxed-search
 * offer proposes ("Lào" → "Lao"; a typed phrase keeps its quotes; Telex keys are decoded first).
 */
export function relaxedQueryText(parsed: ParsedQuery): string {
  return parsed.parts
    .map((p) => {
      const words = foldDiacritics(p.syllables.join(' '));
      // An exclusion stays one: "Lào -Thái" without diacritics is "Lao -Thai", not "Lao Thai".
      if (p.negated) return p.syllables.length > 1 ? `-"${words}"` : `-${words}`;
      return p.phrase && !p.fromKb && p.syllables.length > 1 ? `"${words}"` : words;
    })
    .join(' ');
}

/** Renders parts as a Meilisearch `q` in a mode (phrases quoted, syllables as their keys). */
export function renderQuery(parts: QueryPart[], mode: MatchMode): string {
  return parts
    .map((p) => {
      const keys = p.syllables.map((s) => syllableKey(s, mode)).join(' ');
      if (p.negated) return p.syllables.length > 1 ? `-"${keys}"` : `-${keys}`;
      return p.phrase && p.syllables.length > 1 ? `"${keys}"` : keys;
    })
    .join(' ');
}

/**
 * Engine attributes a mode searches on: the text; the alias fields only for a query that names a
 * KB form; the context fields (speaker, tagged events) only in the last-resort context search.
 */
export function attributesFor(mode: MatchMode, withAliases: boolean, withContext = false): string[] {
  const telex = mode === 'exact' ? 'Telex' : 'Folded';
  const out = [`text${telex}`];
  if (withAliases || withContext) out.push(`aliases${telex}`);
  if (withContext) out.push(`context${telex}`);
  return out;
}

/** Number of engine words a query uses (a phrase counts each of its syllables). */
export function engineWordCount(parts: QueryPart[]): number {
  return parts.reduce((n, p) => n + p.syllables.length, 0);
}

/**
 * Splits a long query into chunks of at most `MAX_ENGINE_WORDS` syllables of about equal size,
 * keeping phrases whole where they fit.
 */
export function chunkParts(parts: QueryPart[], max = MAX_ENGINE_WORDS): QueryPart[][] {
  const words = parts.flatMap((p) =>
    p.syllables.length > max ? p.syllables.map((s) => ({ phrase: false, syllables: [s] })) : [p],
  );
  const total = engineWordCount(words);
  const n = Math.ceil(total / max);
  const size = Math.ceil(total / n);
  const chunks: QueryPart[][] = [];
  let current: QueryPart[] = [];
  let count = 0;
  for (const w of words) {
    if (count + w.syllables.length > size && current.length > 0) {
      chunks.push(current);
      current = [];
      count = 0;
    }
    current.push(w);
    count += w.syllables.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
