/**
 * Highlighting done by us, not the engine: the engine's highlighter marks byte ranges of folded
 * tokens and prefix matches ("<em>Bằn</em>g"); ours marks whole syllables.
 *
 * The text is HTML-escaped first, then whole syllables (by `keyUnits` offsets, the cutting the index uses) whose key
 * matches a query syllable are wrapped in `<mark>`: the Telex key for exact queries, the folded
 * form otherwise. Runs of KB forms the query named ("HNNG 31" for "Hội nghị Ngoại giao lần thứ 31")
 * are marked too.
 */
import { keyUnits, type Syllable } from '../lib/vietnamese.ts';
import { syllableKey, type MatchMode } from './query.ts';

/** What to mark in a passage. */
export interface HighlightTerms {
  mode: MatchMode;
  /** Syllable sequences (as keys of `mode`) to mark where they occur contiguously; words are length 1. */
  sequences: string[][];
  /** Folded syllable sequences of KB forms to mark (aliases of what the query named). */
  foldedSequences: string[][];
}

/** Passage texts whose units are kept (about 8 kB each): a page of hits repeats across queries, pages and users. */
const UNIT_CACHE_LIMIT = 2_000;
const UNIT_CACHE = new Map<string, Syllable[]>();

/**
 * `keyUnits` of a passage text, memoised (cleared when full): cutting text into units is most of
 * the highlighter's work, and the same passages come back in many answers.
 */
function unitsOf(text: string): Syllable[] {
  let units = UNIT_CACHE.get(text);
  if (units === undefined) {
    units = keyUnits(text);
    if (UNIT_CACHE.size >= UNIT_CACHE_LIMIT) UNIT_CACHE.clear();
    UNIT_CACHE.set(text, units);
  }
  return units;
}

/** Syllables on each side of the match in a snippet. */
const SNIPPET_SYLLABLES = 30;

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  // Most syllables and gaps hold nothing to escape: skip the replace (a hot path of every search).
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIAL_ALL, (c) => `&#${c.charCodeAt(0)};`) : text;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;

function markSequences(keys: string[], sequences: string[][], marked: boolean[]): void {
  for (const seq of sequences) {
    if (seq.length === 0) continue;
    for (let i = 0; i + seq.length <= keys.length; i++) {
      let ok = true;
      for (let k = 0; k < seq.length && ok; k++) ok = keys[i + k] === seq[k];
      if (ok) for (let k = 0; k < seq.length; k++) marked[i + k] = true;
    }
  }
}

/** Which syllables of a text the terms mark. */
export function markedSyllables(syllables: Syllable[], terms: HighlightTerms): boolean[] {
  const marked = new Array<boolean>(syllables.length).fill(false);
  markSequences(syllables.map((s) => syllableKey(s.text, terms.mode)), terms.sequences, marked);
  if (terms.foldedSequences.length) {
    markSequences(syllables.map((s) => syllableKey(s.text, 'folded')), terms.foldedSequences, marked);
  }
  return marked;
}

/** Renders `text[from, to)` escaped, with marked syllables in `<mark>` (adjacent ones merged across spaces and `/ - , ; :`). */
function render(text: string, syllables: Syllable[], marked: boolean[], from: number, to: number, first: number, last: number): string {
  let out = '';
  let pos = from;
  let open = false;
  for (let i = first; i <= last; i++) {
    const s = syllables[i]!;
    const gap = text.slice(pos, s.start);
    if (open && !(marked[i] && /^[\s/\-–,;:]*$/.test(gap))) {
      out += '</mark>';
      open = false;
    }
    out += escapeHtml(gap);
    if (marked[i] && !open) {
      out += '<mark>';
      open = true;
    }
    out += escapeHtml(s.text);
    pos = s.end;
  }
  if (open) out += '</mark>';
  return out + escapeHtml(text.slice(pos, to));
}

/** The whole text, escaped, with matched syllables marked. */
export function highlightText(text: string, terms: HighlightTerms): string {
  return highlightPassage(text, terms).highlighted;
}

/**
 * A window of about `SNIPPET_SYLLABLES` syllables around the densest run of matches, escaped
 * and marked like `highlightText`, with "…" where the passage is cut.
 */
export function snippetText(text: string, terms: HighlightTerms, size = SNIPPET_SYLLABLES): string {
  return highlightPassage(text, terms, size).snippet;
}

/** Both renderings of a hit, splitting and matching its syllables once. */
export function highlightPassage(text: string, terms: HighlightTerms, size = SNIPPET_SYLLABLES): { highlighted: string; snippet: string } {
  // The index's own cutting: a date, a grouped number or a glued word is one unit, marked whole.
  const syllables = unitsOf(text);
  if (syllables.length === 0) return { highlighted: escapeHtml(text), snippet: escapeHtml(text) };
  const marked = markedSyllables(syllables, terms);
  const n = syllables.length;
  const highlighted = render(text, syllables, marked, 0, text.length, 0, n - 1);
  const width = Math.min(size, n);
  // Densest window: the start with most marks in [start, start + width).
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (marked[i]) count++;
    if (i >= width && marked[i - width]) count--;
    const start = i - width + 1;
    if (start >= 0 && count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Give the first match a little context before it.
  const firstMark = marked.indexOf(true, best);
  if (bestCount > 0 && firstMark >= 0) best = Math.max(0, Math.min(firstMark - 5, n - width));
  const first = best;
  const last = Math.min(n - 1, first + width - 1);
  const from = first === 0 ? 0 : syllables[first]!.start;
  const to = last === n - 1 ? text.length : syllables[last]!.end;
  const body = first === 0 && last === n - 1 ? highlighted : render(text, syllables, marked, from, to, first, last);
  return { highlighted, snippet: (first > 0 ? '…' : '') + body + (last < n - 1 ? '…' : '') };
}
