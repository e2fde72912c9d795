/**
 * Characters that spam mirrors inject inside words to defeat duplicate detection: an emoji or
 * symbol between two letters ("hợp t😀ác"), a letter of another script glued into a Latin word
 * ("thường 外niên", "Việ𝐱t", "Ngoạжi"). They are removed from the passage text and every removal
 * is recorded (`CleanBlock.removed`, the `injected-char` drop and a report warning naming the
 * passage and the code points), so the verbatim check can put them back and compare.
 *
 * The rule is a class of character position, never a list of strings:
 * - **symbol between letters**: an emoji / pictograph / other symbol (`\p{So}`,
 *   `\p{Extended_Pictographic}`, skin-tone modifiers, keycap) with a letter immediately on both
 *   sides. An emoji between words ("Chúc mừng 🎉 năm mới"), "25°C", "Samsung™", "ASEAN+3",
 *   "Covid‑19" (U+2011) and "O’Brien" are untouched.
 * - **foreign letter in a Latin word**: a run of at most three letters of another script (or of
 *   compatibility forms: mathematical alphanumerics, full-width letters) inside or at the edge of
 *   a word made of Latin letters otherwise, in a block where that script is used nowhere else
 *   (so Chinese articles, "A股", a Han term quoted in a Vietnamese paragraph, Russian words keep
 *   their letters). A run that stands *for* a letter — a look-alike (Cyrillic "і" in "Vіệt",
 *   mathematical "𝐚" in "ngo𝐚̣i") whose Latin reading makes the word a Vietnamese syllable, or any
 *   look-alike in a word that is not Vietnamese — is a substitution, not an injection: removing it
 *   would rewrite the word, so it stays in the text (the search keys read it as Latin) and is
 *   reported as `look-alike-letter`.
 * - A word written wholly in another script or in mathematical letters ("𝐧𝐠𝐨𝐚̣𝐢 𝐠𝐢𝐚𝐨") is the
 *   writer's styling, kept as printed.
 *
 * @see https://www.unicode.org/reports/tr39/ (Unicode security mechanisms: mixed-script and confusable detection)
 * @see https://www.unicode.org/reports/tr24/ (script property)
 */
import { isVietnameseSyllable } from '../decode/syllable.ts';
import { CONFUSABLES } from '../../lib/vietnamese.ts';

/** One removal: `text` was at offset `at` of the block text before removal (UTF-16 units). */
export interface InWordRemoval {
  at: number;
  text: string;
}

/** A finding: what to remove, or a look-alike kept because it stands for a letter. */
export interface InjectedFinding extends InWordRemoval {
  /** The word as printed, with the character in it. */
  word: string;
  /** `remove` for an injection; `keep` for a look-alike that stands for a letter. */
  action: 'remove' | 'keep';
}

/**
 * A symbol that may be injected: pictographs, emoji modifiers, other symbols, the keycap mark —
 * except those printed inside words and numbers on purpose ("25°C", "No№", "Samsung™", "©").
 */
const SYMBOL = /^(?![°℃℉№™®©℠℗])[\p{Extended_Pictographic}\p{So}\u{1F3FB}-\u{1F3FF}\u20E3]$/u;
/** Characters a word is made of here: letters, marks, digits, and injectable symbols between them. */
const WORD = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{So}\u{1F3FB}-\u{1F3FF}\u20E3]+/gu;
const LATIN_LETTER = /^\p{Script=Latin}$/u;
const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
const MAX_RUN = 3;
/** Fast path: a text with no symbol, no letter of another script and no compatibility letter has nothing to find. */
const MAY_HAVE_INJECTED = /[\p{Extended_Pictographic}\p{So}\u20E3]|[^\P{L}\p{Script=Latin}]|[\uFF21-\uFF5A]/u;

/** Class of one character for this rule. */
type CharClass = 'latin' | 'compat' | 'foreign' | 'symbol' | 'mark' | 'digit' | 'other';

function classOf(ch: string): CharClass {
  if (MARK.test(ch)) return 'mark';
  if (SYMBOL.test(ch)) return 'symbol';
  if (/^\p{Nd}$/u.test(ch)) return 'digit';
  if (!LETTER.test(ch)) return 'other';
  const nfkc = ch.normalize('NFKC');
  // Mathematical alphanumerics, full-width and other compatibility letters read as a plain letter.
  if (nfkc !== ch && /^[A-Za-z0-9]$/.test(nfkc)) return 'compat';
  return LATIN_LETTER.test(ch) ? 'latin' : 'foreign';
}

/** The script a foreign or compatibility letter counts under for the "used elsewhere" test. */
function scriptOf(ch: string): string {
  for (const s of ['Han', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Hangul', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Devanagari', 'Armenian', 'Georgian']) {
    if (new RegExp(`\\p{Script=${s}}`, 'u').test(ch)) return s;
  }
  return classOf(ch) === 'compat' ? 'compat' : 'other-script';
}

/** The Latin letter a look-alike stands for, or null. */
function latinReading(ch: string): string | null {
  const nfkc = ch.normalize('NFKC');
  if (nfkc !== ch && /^[A-Za-z]$/.test(nfkc)) return nfkc;
  return CONFUSABLES[ch] ?? null;
}

/** Counts the letters of each foreign script and compatibility form in a text. */
function scriptCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const ch of text) {
    const c = classOf(ch);
    if (c === 'foreign' || c === 'compat') out.set(scriptOf(ch), (out.get(scriptOf(ch)) ?? 0) + 1);
  }
  return out;
}

/**
 * Finds the characters injected inside words of a block's text (see the module comment for the
 * rule). Pure; offsets are UTF-16 offsets into `text`.
 */
export function findInjected(text: string): InjectedFinding[] {
  if (!MAY_HAVE_INJECTED.test(text)) return [];
  const candidates: { finding: InjectedFinding; scripts: string[] }[] = [];
  const inCandidates = new Map<string, number>();
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const chars = [...word];
    const classes = chars.map(classOf);
    const latin = classes.filter((c) => c === 'latin').length;
    if (latin < 2 && !classes.includes('symbol')) continue;
    // Runs of non-Latin characters (with the marks that follow them).
    let i = 0;
    let offset = m.index;
    const offsets: number[] = [];
    for (const ch of chars) {
      offsets.push(offset);
      offset += ch.length;
    }
    while (i < chars.length) {
      const c = classes[i]!;
      if (c !== 'symbol' && c !== 'foreign' && c !== 'compat') {
        i++;
        continue;
      }
      let j = i;
      const kind = c === 'symbol' ? 'symbol' : 'letter';
      while (j < chars.length && (kind === 'symbol' ? classes[j] === 'symbol' : classes[j] === 'foreign' || classes[j] === 'compat' || (j > i && classes[j] === 'mark'))) j++;
      const run = chars.slice(i, j);
      const before = classes[i - 1];
      const after = classes[j];
      const start = offsets[i]!;
      const runText = run.join('');
      const letterBefore = before === 'latin' || before === 'mark';
      const letterAfter = after === 'latin';
      if (kind === 'symbol') {
        // An emoji or symbol with a Latin letter or a digit on both sides: "t😀ác", "3😀2".
        if ((letterBefore || before === 'digit') && (letterAfter || after === 'digit')) {
          candidates.push({ finding: { at: start, text: runText, word, action: 'remove' }, scripts: [] });
        }
      } else {
        const letters = run.filter((ch) => classOf(ch) !== 'mark');
        if (latin >= 2 && letters.length <= MAX_RUN && (letterBefore || letterAfter)) {
          const action = standsForLetter(chars, i, j) ? 'keep' : 'remove';
          const scripts = letters.map(scriptOf);
          for (const s of scripts) inCandidates.set(s, (inCandidates.get(s) ?? 0) + 1);
          candidates.push({ finding: { at: start, text: runText, word, action }, scripts });
        }
      }
      i = j;
    }
  }
  if (candidates.length === 0) return [];
  // A script the block also uses on its own (a Chinese paragraph, a quoted Han term) is text, not injection.
  const total = scriptCounts(text);
  return candidates
    .filter((c) => c.scripts.every((s) => (total.get(s) ?? 0) === (inCandidates.get(s) ?? 0)))
    .map((c) => c.finding);
}

/**
 * True when the run `chars[i..j)` is a look-alike standing for a letter: its Latin reading makes
 * the word a Vietnamese syllable ("Vіệt" → "Việt"), or removing it would not ("ngo𝐚̣i" → "ngọi"
 * is a syllable too, so the reading decides), or the word is not Vietnamese and every character
 * of the run has a Latin reading ("Miniѕter").
 */
function standsForLetter(chars: string[], i: number, j: number): boolean {
  const run = chars.slice(i, j);
  const readings = run.map((ch) => (MARK.test(ch) ? ch : latinReading(ch)));
  if (readings.some((r) => r === null)) return false;
  const read = [...chars.slice(0, i), ...(readings as string[]), ...chars.slice(j)].join('').normalize('NFC');
  const removed = [...chars.slice(0, i), ...chars.slice(j)].join('').normalize('NFC');
  const vietnamese = (w: string) => /^\p{L}+$/u.test(w) && isVietnameseSyllable(w);
  if (vietnamese(read)) return true;
  if (vietnamese(removed)) return false;
  return true;
}

/** The text without the findings to remove, and the removals (ascending `at`, offsets before removal). */
export function removeInjected(text: string): { text: string; removed: (InWordRemoval & { word: string })[]; kept: InjectedFinding[] } {
  const findings = findInjected(text);
  if (findings.length === 0) return { text, removed: [], kept: [] };
  const removed = findings.filter((f) => f.action === 'remove').sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const r of removed) {
    out += text.slice(pos, r.at);
    pos = r.at + r.text.length;
  }
  out += text.slice(pos);
  return { text: out, removed: removed.map((r) => ({ at: r.at, text: r.text, word: r.word })), kept: findings.filter((f) => f.action === 'keep') };
}

/** Puts recorded removals back: the inverse of `removeInjected` (for the verbatim check). */
export function restoreRemoved(text: string, removed: readonly InWordRemoval[]): string {
  let out = text;
  for (const r of [...removed].sort((a, b) => a.at - b.at)) out = out.slice(0, r.at) + r.text + out.slice(r.at);
  return out;
}

/** "U+1F600", "U+5916 U+0301": the code points of a removed string, as a report prints them. */
export function codePoints(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/**
 * One line per removal for the report: the characters, their code points and the word as
 * printed ("removed \"😀\" (U+1F600) from \"t😀ác\""). `text` is the block text after removal.
 */
export function describeRemovals(text: string, removed: readonly InWordRemoval[]): string[] {
  const printed = restoreRemoved(text, removed);
  return [...removed]
    .sort((a, b) => a.at - b.at)
    .map((r) => {
      const m = [...printed.matchAll(WORD)].find((w) => w.index <= r.at && r.at < w.index + w[0].length);
      return `removed "${r.text}" (${codePoints(r.text)}) from "${m?.[0] ?? r.text}"`;
    });
}
