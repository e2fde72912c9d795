/**
 * Text matching shared by the extractors: diacritic-folded, case-folded patterns whose
 * match offsets stay valid in the original (NFC) text, and word-boundary checks that
 * treat Vietnamese letters as letters.
 */
import { foldDiacritics, hasDiacritics } from '../../lib/vietnamese.ts';

/** One occurrence of something in a text, as UTF-16 offsets into that text. */
export interface TextMatch {
  start: number;
  end: number;
}

/**
 * Folds diacritics and case one code point at a time, so every offset in the result is the
 * same offset in the input ("Hội nghị" → "hoi nghi", same length). Characters whose folded
 * form would change length are kept as they are.
 */
export function foldSameLength(text: string): string {
  let out = '';
  for (const ch of text) {
    let folded = FOLD_CACHE.get(ch);
    if (folded === undefined) {
      const f = foldDiacritics(ch).toLowerCase();
      folded = f.length === ch.length ? f : ch;
      FOLD_CACHE.set(ch, folded);
    }
    out += folded;
  }
  return out;
}

/** Folded form of each character seen so far (folding one character at a time is the hot path). */
const FOLD_CACHE = new Map<string, string>();

/** Vowel pairs whose tone mark is printed on either vowel ("hoà" / "hòa", "thuỷ" / "thủy"). */
const TONE_PAIRS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const marks = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  for (const [first, second] of [['o', 'a'], ['o', 'e'], ['u', 'y'], ['O', 'A'], ['O', 'E'], ['U', 'Y'], ['O', 'a'], ['O', 'e'], ['U', 'y']] as const) {
    for (const mark of marks) {
      const onSecond = (first + second + mark).normalize('NFC');
      const onFirst = (first + mark + second).normalize('NFC');
      if (onSecond.length === 2 && onFirst.length === 2) map.set(onSecond, onFirst);
    }
  }
  return map;
})();

/**
 * Moves tone marks in "oa", "oe", "uy" onto the first vowel, keeping the length, so the old and
 * new placements compare equal ("Nguyễn Hoà Bình" = "Nguyễn Hòa Bình") with offsets unchanged.
 */
export function canonicalTones(text: string): string {
  return text.replace(/[oOuU][\u00C0-\u1EF9]/gu, (pair) => TONE_PAIRS.get(pair) ?? pair);
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns a literal phrase into a pattern source that tolerates the spacing variants real pages
 * print: any run of spaces, and hyphens or dashes with or without spaces ("2025-2030",
 * "2025 - 2030", "2025 – 2030").
 */
export function flexiblePattern(phrase: string): string {
  return phrase
    .trim()
    .split(/\s*[-\u2010-\u2015]\s*/)
    .map((part) => part.split(/\s+/).map(escapeRegExp).join('\\s+'))
    .join('\\s*[-\\u2010-\\u2015]\\s*');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True when `[start, end)` is not glued to a letter or digit on either side. */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text[start - 1] : '';
  const after = end < text.length ? text[end] : '';
  return !(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after));
}

/**
 * A matcher for a set of aliases. Aliases written with diacritics match on folded text
 * (so "Hoi nghi Ngoai giao 31" and "Hội nghị Ngoại giao 31" both match) when `foldAll`
 * is set; otherwise aliases with diacritics match case-insensitively but diacritic-sensitively,
 * and plain-ASCII aliases match case-sensitively ("Nguyen Phu Trong", never "tố làm").
 */
export interface AliasEntry {
  id: string;
  alias: string;
}

/** A compiled alias matcher: `find(text)` returns whole-word, non-overlapping matches, longest first. */
export interface AliasMatcher {
  find(text: string): (TextMatch & { id: string })[];
}

/** Compiles aliases into a matcher (see `AliasEntry` for the folding rules). */
export function compileAliases(entries: AliasEntry[], opts: { foldAll: boolean }): AliasMatcher {
  const compiled = entries
    .filter((e) => e.alias.trim().length > 0)
    .map((e) => {
      const folded = opts.foldAll || hasDiacritics(e.alias);
      const source = flexiblePattern(opts.foldAll ? foldSameLength(e.alias) : canonicalTones(e.alias));
      const flags = opts.foldAll ? 'gu' : folded ? 'giu' : 'gu';
      // A literal every match contains (the alias's first word, as the pattern spells it): a text
      // without it is skipped before the regex runs (most texts name none of the KB's entities).
      const first = (opts.foldAll ? foldSameLength(e.alias) : canonicalTones(e.alias)).trim().split(/\s*[-\u2010-\u2015]\s*/)[0]!.split(/\s+/)[0]!;
      const caseless = flags.includes('i');
      const needle = caseless ? (SAFE_LOWER.test(first) ? first.toLowerCase() : '') : first;
      return { id: e.id, re: new RegExp(source, flags), onFolded: opts.foldAll || folded, needle, caseless };
    });
  const memo = new Map<string, (TextMatch & { id: string })[]>();
  return {
    find(text: string) {
      const hit = memo.get(text);
      if (hit) return hit;
      const result = findUncached(text);
      // Extraction asks about the same passage several times (events, figures, themes); remember a bounded number.
      if (memo.size > 5000) memo.clear();
      memo.set(text, result);
      return result;
    },
  };

  function findUncached(text: string): (TextMatch & { id: string })[] {
    const foldedText = opts.foldAll ? foldSameLength(text) : canonicalTones(text);
    const found: (TextMatch & { id: string })[] = [];
    // Lower-cased copy for the caseless aliases' prefilter, only where lower-casing agrees with the
    // regex's case folding (Latin letters; not "ſ", "ẛ", Greek, …); elsewhere every regex runs.
    let lowered: string | null | undefined;
    for (const c of compiled) {
      const hay = c.onFolded ? foldedText : text;
      if (c.needle) {
        if (!c.caseless) {
          if (!hay.includes(c.needle)) continue;
        } else {
          if (lowered === undefined) lowered = SAFE_LOWER.test(hay) ? hay.toLowerCase() : null;
          if (lowered !== null && !lowered.includes(c.needle)) continue;
        }
      }
      c.re.lastIndex = 0;
      for (const m of hay.matchAll(c.re)) {
        const start = m.index;
        const end = start + m[0].length;
        if (isWholeWord(text, start, end)) found.push({ id: c.id, start, end });
      }
    }
    // Longest match wins where two overlap ("Thủ tướng Phạm Minh Chính" over "Phạm Minh Chính").
    found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const out: (TextMatch & { id: string })[] = [];
    for (const f of found) {
      const last = out[out.length - 1];
      if (last && f.start < last.end) {
        if (f.end - f.start > last.end - last.start) out[out.length - 1] = f;
        continue;
      }
      out.push(f);
    }
    return out;
  }
}

/** Text where `toLowerCase` and the `i` flag's Unicode case folding agree: Latin scripts and punctuation, without "ſ" and "ẛ". */
const SAFE_LOWER = /^[\u0000-\u017E\u0180-\u024F\u0300-\u036F\u1E00-\u1E9A\u1E9C-\u1EFF\u2000-\u206F]*$/;

/**
 * Wraps `build` so it runs once per key object (a loaded knowledge base, one of its entries):
 * matchers compiled from the KB are reused by every article without holding the KB alive.
 */
export function memoizeByObject<K extends object, T>(build: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** Offset where the sentence containing `pos` starts (after ". ", "! ", "? " or the text start). */
export function sentenceStart(text: string, pos: number): number {
  let i = pos - 1;
  while (i > 0) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?' || ch === ';') && /\s/.test(text[i + 1] ?? '')) return i + 1;
    i--;
  }
  return 0;
}

/** Offset where the sentence containing `pos` ends (exclusive). */
export function sentenceEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const ch = text[i];
    if ((ch === '.' || ch === '!' || ch === '?' || ch === ';') && (i + 1 === text.length || /\s/.test(text[i + 1] ?? ''))) return i + 1;
  }
  return text.length;
}

/** Counts syllables (space-separated words with a letter or digit). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
