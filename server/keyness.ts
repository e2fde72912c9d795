/**
 * Distinctive terms of a set of passages against others: Vietnamese two- and three-syllable
 * terms (n-grams of syllables) ranked by Dunning's log-likelihood G².
 *
 * Vietnamese writes one syllable per word, and most words are two syllables ("ngoại giao",
 * "hội nghị"), so syllable bigrams and trigrams approximate words and short phrases without
 * a segmenter. A term never crosses punctuation (", . ; : “ ” ( ) - …"), and a term that
 * begins or ends with a function syllable ("của", "và", "các", …) is skipped: such n-grams
 * ("của ngoại", "và hợp tác") are halves of two words, not terms.
 * @see Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
 */
import { splitSyllables, toNfc } from '../lib/vietnamese.ts';
import { familyNameSet, isFamilyName } from './citation-names.ts';

/**
 * Vietnamese function syllables: conjunctions, prepositions, classifiers, copulas, aspect and
 * degree markers, demonstratives, pronouns. Kept short on purpose: content syllables such as
 * "năm", "ngày", "quốc" stay, because "năm 2025" or "quốc tế" are terms a researcher wants.
 */
export const VIETNAMESE_STOP_SYLLABLES: ReadonlySet<string> = new Set([
  // conjunctions
  'và', 'hoặc', 'hay', 'nhưng', 'mà', 'thì', 'nên', 'vì', 'nếu', 'tuy', 'song', 'cùng', 'lẫn',
  // prepositions
  'của', 'cho', 'với', 'trong', 'ngoài', 'trên', 'dưới', 'tại', 'từ', 'đến', 'tới', 'về', 'theo', 'bởi', 'do', 'qua', 'giữa', 'để', 'nhằm', 'vào', 'ra', 'sau', 'trước', 'khi',
  // plural markers and classifiers
  'các', 'những', 'mọi', 'mỗi', 'từng', 'một', 'sự', 'việc', 'cái', 'chiếc', 'cuộc',
  // copula, aspect, modality, negation
  'là', 'có', 'được', 'bị', 'đã', 'đang', 'sẽ', 'vẫn', 'còn', 'cũng', 'đều', 'lại', 'không', 'chưa', 'chẳng', 'phải', 'cần', 'rằng',
  // degree and quantity
  'rất', 'hơn', 'nhất', 'nhiều', 'ít', 'như', 'thế', 'vậy',
  // demonstratives and pronouns
  'này', 'đó', 'kia', 'ấy', 'nay', 'đây', 'nào', 'gì', 'ai', 'tôi', 'chúng', 'ta', 'họ', 'mình', 'bạn', 'ông', 'bà', 'anh', 'chị',
]);

/** How often each term occurs, and in which passages. */
export interface TermCounts {
  /** Occurrences by term. */
  counts: Map<string, number>;
  /** Passage ids by term, in first-seen order. */
  passages: Map<string, string[]>;
  /** n-gram slots (all positions an n-gram could start), the sample size for G². */
  size: number;
  /** Syllables counted. */
  syllables: number;
  /**
   * The one syllable every occurrence of a term is preceded (`left`) or followed (`right`) by,
   * `''` when some occurrence sits at a run edge, `'*'` when the neighbours differ.
   */
  neighbours: Map<string, { left: string; right: string }>;
}

const VARIED = '*';

/** Folds one more neighbour into what was seen: the same syllable stays, anything else is "varied". */
function foldNeighbour(seen: string | undefined, next: string): string {
  return seen === undefined || seen === next ? next : VARIED;
}

/**
 * True when a term is only ever a slice of a longer phrase: every occurrence continues with the
 * same syllable ("phó thủ" → always "tướng", "công tác ngoại" → always "giao"). Such a term cuts
 * a word; the longer phrase or its parts are the real terms. A pair is checked on both sides (the
 * trigram that extends it is listed instead). A trigram is checked on the right, and on the left
 * through its first pair only: a trigram always preceded by the same syllable is often a whole
 * name after its title or a number phrase after its noun ("lần thứ 32" after "Ngoại giao").
 */
export function isClosed(term: string, tc: TermCounts): boolean {
  const n = tc.neighbours.get(term);
  if (!n) return false;
  const closed = (x: string) => x !== '' && x !== VARIED;
  const s = term.split(' ');
  if (s.length === 2) return closed(n.left) || closed(n.right);
  // A trigram whose first pair always follows the same syllable starts mid-word: "trò tiên phong" (vai trò).
  const lead = tc.neighbours.get(`${s[0]} ${s[1]}`);
  return closed(n.right) || (lead !== undefined && closed(lead.left));
}

/** Splits a text into runs of syllables that no punctuation separates (only spaces between). */
export function syllableRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let prevEnd = -1;
  const nfc = toNfc(text);
  for (const s of splitSyllables(nfc)) {
    const gap = prevEnd < 0 ? '' : nfc.slice(prevEnd, s.start);
    if (prevEnd >= 0 && !/^\s+$/u.test(gap)) {
      if (run.length) runs.push(run);
      run = [];
    }
    run.push(s.text.toLowerCase());
    prevEnd = s.end;
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * True when an n-gram is a plausible term: no function syllable in it (so also none made only
 * of function syllables; "dựng và phát" is two half-words around "và"), not only digits.
 */
export function isCandidateTerm(syllables: string[]): boolean {
  if (syllables.length === 0) return false;
  if (syllables.some((s) => VIETNAMESE_STOP_SYLLABLES.has(s))) return false;
  // Dates and numbers ("ngày 18", "năm 2023", "2025-2030", "lần thứ 32") are no terms.
  if (syllables.some((s) => /\p{N}/u.test(s) || ROMAN_NUMERAL.test(s))) return false;
  // Ordinals and counters: "thứ hai", "lần thứ", "thứ nhất".
  return !syllables.some((s, i) => ORDINAL_MARKERS.has(s) && (i > 0 || syllables.length === 1 || NUMERAL_WORDS.has(syllables[i + 1] as string) || ORDINAL_MARKERS.has(syllables[i + 1] as string)));
}

/** Roman numerals as congresses and terms are numbered ("Đại hội XIII", "khóa XII"), lower-cased. */
const ROMAN_NUMERAL = /^(?:x{1,3}(?:i{1,3}|iv|ix|vi{0,3})?|i{2,3}|iv|ix)$/;

/** Syllables that make an ordinal or a count ("lần thứ 32", "thứ nhất"). */
const ORDINAL_MARKERS: ReadonlySet<string> = new Set(['thứ', 'lần', 'khóa', 'khoá']);

/** Vietnamese numerals, spelt out. */
const NUMERAL_WORDS: ReadonlySet<string> = new Set(['nhất', 'một', 'hai', 'ba', 'bốn', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mươi', 'trăm', 'nghìn', 'ngàn', 'triệu', 'tỷ', 'tỉ']);

/** The 2- and 3-syllable n-grams of a name, lower-cased: "Hội nghị Ngoại giao lần thứ 31" → "hội nghị", …, "lần thứ 31". */
export function nameFragments(name: string, sizes: readonly number[] = [2, 3]): string[] {
  const out: string[] = [];
  for (const run of syllableRuns(name)) {
    for (const n of sizes) for (let i = 0; i + n <= run.length; i++) out.push(run.slice(i, i + n).join(' '));
  }
  return out;
}

/**
 * Runs of two or more capitalised syllables that begin with a Vietnamese family name, as the
 * corpus writes them ("Phạm Minh Chính", "Trần Lưu Quang", also people the KB does not know):
 * people's names, found in the text rather than listed per person.
 */
export function personNamesIn(text: string, families: ReadonlySet<string>): string[] {
  const names: string[] = [];
  const nfc = toNfc(text);
  let run: string[] = [];
  let prevEnd = -1;
  const flush = () => {
    if (run.length >= 2 && isFamilyName(run[0] as string, families)) names.push(run.join(' '));
    run = [];
  };
  for (const s of splitSyllables(nfc)) {
    const capital = /^\p{Lu}/u.test(s.text) && !/^\p{Lu}{2,}$/u.test(s.text);
    const joined = prevEnd >= 0 && /^ +$/.test(nfc.slice(prevEnd, s.start));
    if (!capital || !joined) flush();
    if (capital) run.push(s.text);
    prevEnd = s.end;
  }
  flush();
  return names;
}

/** What the stop list of a comparison is built from. */
export interface StopSources {
  /** Names and aliases of events (the compared ones, their kind, the events their texts name): their fragments are no terms. */
  eventNames: string[];
  /** Names and aliases of the people the knowledge base knows. */
  peopleNames: string[];
  /** Titles of the roles the knowledge base records ("Phó Thủ tướng", "Tổng Bí thư"): how people are named. */
  roleTitles: string[];
  /** The texts compared: people's names are also read from them (personNamesIn). */
  texts: string[];
}

/** A comparison's stop list: terms never listed, and people's names that no term may touch. */
export interface StopList {
  /** Lower-cased terms that are fragments of event names and role titles. */
  terms: Set<string>;
  /** People's names (lower-cased): counted as breaks, so no term contains a part of one ("phú trọng dự"). */
  names: string[];
}

/**
 * The stop list of a comparison, built from the knowledge base and the compared texts rather than
 * typed per term: every fragment of an event's name or alias ("hội nghị ngoại", "lần thứ") and of
 * a role title ("phó thủ tướng"); and people's names — the KB's and every name the texts print
 * (a capitalised run that starts with a family name: "Nguyễn Phú Trọng").
 */
export function buildStopTerms(src: StopSources): StopList {
  const terms = new Set<string>();
  for (const name of [...src.eventNames, ...src.roleTitles]) for (const f of nameFragments(name)) terms.add(f);
  const families = familyNameSet(src.peopleNames.map((name) => ({ name })));
  const names = new Set<string>();
  for (const name of src.peopleNames) if (name.trim().split(/\s+/).length >= 2) names.add(toNfc(name).toLowerCase().trim());
  for (const text of src.texts) for (const name of personNamesIn(text, families)) names.add(name.toLowerCase());
  // Longest first, so "nguyễn phú trọng" is cut before "phú trọng".
  return { terms, names: [...names].sort((a, b) => b.length - a.length) };
}

/**
 * The text with people's names replaced by a break ("|"), for counting only (the verbatim text
 * is what passages keep): a term then never spans a name or a slice of one.
 */
export function maskNames(text: string, names: readonly string[]): string {
  if (names.length === 0) return text;
  let out = toNfc(text);
  const lower = out.toLowerCase();
  const cut: { start: number; end: number }[] = [];
  for (const name of names) {
    for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + name.length)) {
      const before = lower[at - 1];
      const after = lower[at + name.length];
      if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
      if (cut.some((c) => at < c.end && at + name.length > c.start)) continue;
      cut.push({ start: at, end: at + name.length });
    }
  }
  for (const c of cut.sort((a, b) => b.start - a.start)) out = `${out.slice(0, c.start)} | ${out.slice(c.end)}`;
  return out;
}

/** Counts the 2- and 3-syllable terms of passages, leaving out the `stop` terms (buildStopTerms). */
export function countTerms(passages: { id: string; text: string }[], sizes: readonly number[] = [2, 3], stop: StopList = { terms: new Set(), names: [] }): TermCounts {
  const counts = new Map<string, number>();
  const where = new Map<string, string[]>();
  const neighbours = new Map<string, { left: string; right: string }>();
  let size = 0;
  let syllables = 0;
  for (const p of passages) {
    for (const run of syllableRuns(maskNames(p.text, stop.names))) {
      syllables += run.length;
      for (const n of sizes) {
        for (let i = 0; i + n <= run.length; i++) {
          size++;
          const gram = run.slice(i, i + n);
          if (!isCandidateTerm(gram)) continue;
          const term = gram.join(' ');
          if (stop.terms.has(term)) continue;
          counts.set(term, (counts.get(term) ?? 0) + 1);
          const ids = where.get(term) ?? [];
          if (ids[ids.length - 1] !== p.id) ids.push(p.id);
          where.set(term, ids);
          const seen = neighbours.get(term);
          neighbours.set(term, {
            left: foldNeighbour(seen?.left, run[i - 1] ?? ''),
            right: foldNeighbour(seen?.right, run[i + n] ?? ''),
          });
        }
      }
    }
  }
  return { counts, passages: where, size, syllables, neighbours };
}

/**
 * Dunning's log-likelihood G² of a term seen `a` times in a sample of `c` slots against `b`
 * times in a reference of `d` slots. 0 when the term is equally frequent in both.
 */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  if (c <= 0 || d <= 0 || a + b === 0) return 0;
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  const part = (o: number, e: number) => (o > 0 ? o * Math.log(o / e) : 0);
  return 2 * (part(a, e1) + part(b, e2));
}

/**
 * G² above which a difference is significant at p < 0.05 (chi-squared, one degree of freedom),
 * the usual cut-off of keyword lists.
 * @see https://ucrel.lancs.ac.uk/llwizard.html
 */
export const G2_CRITICAL_05 = 3.84;

/** A term more frequent in a target than in its reference. */
export interface KeyTerm {
  term: string;
  count: number;
  otherCount: number;
  g2: number;
  passageIds: string[];
}

/**
 * Terms overused in `target` compared with `reference`, strongest first. A term must occur
 * at least `minCount` times; ties go to the longer term, then alphabetical order, so the
 * ranking is stable.
 */
export function distinctiveTerms(target: TermCounts, reference: TermCounts, opts: { limit: number; minCount?: number; minG2?: number }): KeyTerm[] {
  const minCount = opts.minCount ?? 2;
  const minG2 = opts.minG2 ?? 0;
  const out: KeyTerm[] = [];
  for (const [term, a] of target.counts) {
    if (a < minCount || isClosed(term, target)) continue;
    const b = reference.counts.get(term) ?? 0;
    // Only overuse is distinctive: a term relatively rarer here than there is the other side's.
    if (a / target.size <= b / Math.max(reference.size, 1)) continue;
    const g2 = round(logLikelihood(a, b, target.size, reference.size));
    if (g2 < minG2) continue;
    out.push({ term, count: a, otherCount: b, g2, passageIds: target.passages.get(term) ?? [] });
  }
  return dropContainedDuplicates(dropStraddlingTrigrams(out, target))
    .sort((x, y) => y.g2 - x.g2 || y.term.split(' ').length - x.term.split(' ').length || x.term.localeCompare(y.term, 'vi'))
    .slice(0, opts.limit);
}

/**
 * Removes a trigram that is mostly a slice of a more frequent word pair: "tác ngoại giao" (6)
 * inside "ngoại giao" (80) straddles "công tác" + "ngoại giao". A trigram is kept when it
 * accounts for at least half the occurrences of both its bigrams ("phạm minh chính", "lần thứ 32").
 */
function dropStraddlingTrigrams(terms: KeyTerm[], target: TermCounts): KeyTerm[] {
  return terms.filter((t) => {
    const s = t.term.split(' ');
    if (s.length !== 3) return true;
    const left = target.counts.get(`${s[0]} ${s[1]}`) ?? t.count;
    const right = target.counts.get(`${s[1]} ${s[2]}`) ?? t.count;
    return t.count * 2 >= Math.max(left, right);
  });
}

/** Removes a bigram when a trigram containing it occurs exactly as often (the bigram is only ever part of it). */
function dropContainedDuplicates(terms: KeyTerm[]): KeyTerm[] {
  const trigrams = terms.filter((t) => t.term.split(' ').length === 3);
  return terms.filter(
    (t) => t.term.split(' ').length !== 2 || !trigrams.some((tri) => tri.count === t.count && tri.otherCount === t.otherCount && (` ${tri.term} `).includes(` ${t.term} `)),
  );
}

/** Merges term counts (the reference of one event is all the others together). */
export function mergeCounts(parts: TermCounts[]): TermCounts {
  const counts = new Map<string, number>();
  const passages = new Map<string, string[]>();
  const neighbours = new Map<string, { left: string; right: string }>();
  let size = 0;
  let syllables = 0;
  for (const p of parts) {
    size += p.size;
    syllables += p.syllables;
    for (const [t, n] of p.neighbours) {
      const seen = neighbours.get(t);
      neighbours.set(t, { left: foldNeighbour(seen?.left, n.left), right: foldNeighbour(seen?.right, n.right) });
    }
    for (const [t, n] of p.counts) counts.set(t, (counts.get(t) ?? 0) + n);
    for (const [t, ids] of p.passages) passages.set(t, [...(passages.get(t) ?? []), ...ids]);
  }
  return { counts, passages, size, syllables, neighbours };
}

/** A term every compared event uses, with its count in each. */
export interface SharedTerm {
  term: string;
  counts: Record<string, number>;
  passageIds: Record<string, string[]>;
}

/**
 * Terms present in every set (at least `minCount` times in each), ranked by their smallest
 * count: a term all events use often is shared, one used often by one only is not.
 */
export function sharedTerms(byKey: Map<string, TermCounts>, opts: { limit: number; minCount?: number }): SharedTerm[] {
  const minCount = opts.minCount ?? 2;
  const sets = [...byKey.entries()];
  const first = sets[0];
  if (!first) return [];
  const all = mergeCounts(sets.map(([, tc]) => tc));
  const out: (SharedTerm & { min: number; sum: number })[] = [];
  for (const term of first[1].counts.keys()) {
    const counts: Record<string, number> = {};
    const passageIds: Record<string, string[]> = {};
    let min = Infinity;
    let sum = 0;
    for (const [key, tc] of sets) {
      const n = tc.counts.get(term) ?? 0;
      counts[key] = n;
      passageIds[key] = tc.passages.get(term) ?? [];
      min = Math.min(min, n);
      sum += n;
    }
    const straddles = sets.some(([, tc]) => {
      const ks = term.split(' ');
      if (ks.length !== 3) return false;
      const n = tc.counts.get(term) ?? 0;
      return n * 2 < Math.max(tc.counts.get(`${ks[0]} ${ks[1]}`) ?? n, tc.counts.get(`${ks[1]} ${ks[2]}`) ?? n);
    });
    if (min >= minCount && !straddles && !isClosed(term, all)) out.push({ term, counts, passageIds, min, sum });
  }
  return out
    .sort((x, y) => y.min - x.min || y.sum - x.sum || x.term.localeCompare(y.term, 'vi'))
    .slice(0, opts.limit)
    .map(({ term, counts, passageIds }) => ({ term, counts, passageIds }));
}

/** Occurrences per 10 000 running words (syllables, the space-separated words of Vietnamese). */
export function per10k(count: number, words: number): number {
  return words > 0 ? Math.round((count / words) * 10000 * 100) / 100 : 0;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Escapes the HTML-significant characters of verbatim text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The passage text, HTML-escaped, with every occurrence of a term in `<mark>`: the term's
 * syllables in a row, case-insensitive, separated by spaces only (as terms are counted).
 */
export function highlightTerm(text: string, term: string): string {
  const want = term.split(' ');
  const nfc = toNfc(text);
  const syl = splitSyllables(nfc);
  const marks: { start: number; end: number }[] = [];
  for (let i = 0; i + want.length <= syl.length; i++) {
    let ok = true;
    for (let k = 0; k < want.length && ok; k++) {
      const s = syl[i + k]!;
      ok = s.text.toLowerCase() === want[k] && (k === 0 || /^\s+$/u.test(nfc.slice(syl[i + k - 1]!.end, s.start)));
    }
    if (ok) marks.push({ start: syl[i]!.start, end: syl[i + want.length - 1]!.end });
  }
  let out = '';
  let pos = 0;
  for (const m of marks) {
    if (m.start < pos) continue;
    out += escapeHtml(nfc.slice(pos, m.start)) + '<mark>' + escapeHtml(nfc.slice(m.start, m.end)) + '</mark>';
    pos = m.end;
  }
  return out + escapeHtml(nfc.slice(pos));
}
