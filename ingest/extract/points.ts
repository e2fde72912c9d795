/**
 * Numbered points in every form a page prints them: "Thứ nhất, …", "Một là, …", "1. …", "1) …",
 * "(1) …", "a) …", "Firstly, …", "Secondly, …" — and runs of lines that open with the same quoted
 * key word ("“Làm tốt” hơn nữa …" three times after "Thủ tướng đề nghị … “3 làm tốt”").
 * A numbered point only counts inside a run that starts at one and counts up, so "Thứ năm"
 * meaning Thursday, or a stray "Thứ ba", is not a point.
 */

const ORDINALS: Readonly<Record<string, number>> = {
  nhất: 1, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
};
const ONE_IS: Readonly<Record<string, number>> = {
  một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
};
const EN_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  firstly: 1, secondly: 2, thirdly: 3, fourthly: 4, fifthly: 5, sixthly: 6, seventhly: 7, eighthly: 8, ninthly: 9, tenthly: 10,
};

/** The label a paragraph opens with and its number, or null. */
export function pointLabel(text: string): { label: string; ordinal: number } | null {
  const t = text.trim();
  const a = /^(Thứ\s+(nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười))\s*[,:.]/iu.exec(t);
  if (a) return { label: (a[1] ?? '').replace(/\s+/g, ' '), ordinal: ORDINALS[(a[2] ?? '').toLowerCase()] ?? 0 };
  const b = /^((Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)\s*[,:]/u.exec(t);
  if (b) return { label: (b[1] ?? '').replace(/\s+/g, ' '), ordinal: ONE_IS[(b[2] ?? '').toLowerCase()] ?? 0 };
  // "1. …", "2) …", "(3) …": a number then a space and a letter (never "15/12" or "1.500").
  const n = /^(\(?([1-9]\d?)[.)])\s+(?=[\p{L}“"])/u.exec(t);
  if (n) return { label: n[1] ?? '', ordinal: Number(n[2]) };
  // "a) …", "b) …" (a closing parenthesis only: "a." starts sentences too often).
  const l = /^(\(?([a-j])\))\s+(?=[\p{L}“"])/u.exec(t);
  if (l) return { label: l[1] ?? '', ordinal: (l[2] ?? 'a').charCodeAt(0) - 96 };
  const e = /^(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(ly)?\s*[,:]/u.exec(t);
  if (e) return { label: `${e[1]}${e[2] ?? ''}`, ordinal: EN_ORDINALS[`${e[1]}${e[2] ?? ''}`.toLowerCase()] ?? 0 };
  return null;
}

/** A run of numbered points: indexes (into the input) of each point, in order. */
export interface PointRun {
  indexes: number[];
  labels: string[];
  ordinals: number[];
}

/** Style of a label, so "1." and "a)" runs do not merge: a number, a letter, a word. */
function labelStyle(label: string): string {
  if (/\d/.test(label)) return `n${label.replace(/\d+/g, '#')}`;
  if (/^\(?[a-j]\)$/.test(label)) return 'letter';
  if (/^Thứ/iu.test(label)) return 'thu';
  if (/là$/u.test(label)) return 'la';
  return /ly$/.test(label) ? 'enly' : 'en';
}

/**
 * Finds runs of numbered points among paragraph texts (`null` for passages that cannot be
 * points, such as captions, which neither start nor break a run).
 */
export function findPointRuns(texts: readonly (string | null)[]): PointRun[] {
  const runs: PointRun[] = [];
  let current: (PointRun & { style: string }) | null = null;
  texts.forEach((text, i) => {
    if (text === null) return;
    const p = pointLabel(text);
    if (!p) return;
    const style = labelStyle(p.label);
    const last = current?.ordinals[current.ordinals.length - 1] ?? 0;
    if (current && current.style === style && p.ordinal === last + 1) {
      current.indexes.push(i);
      current.labels.push(p.label);
      current.ordinals.push(p.ordinal);
    } else if (p.ordinal === 1) {
      current = { indexes: [i], labels: [p.label], ordinals: [1], style };
      runs.push(current);
    }
  });
  return runs.filter((r) => r.indexes.length >= 2).map(({ indexes, labels, ordinals }) => ({ indexes, labels, ordinals }));
}

/** The quoted key word a line opens with ("“Làm tốt” hơn nữa …" → "Làm tốt"), or null. */
export function keywordLabel(text: string): string | null {
  const m = /^[“"]([^”"]{1,30})[”"]\s+\p{L}/u.exec(text.trim());
  return m ? (m[1] ?? '').trim() : null;
}

/**
 * Runs of two or more consecutive lines (nulls skipped) opening with the same quoted key word:
 * a speaker's points printed without numbers. Each run's labels are the key word, ordinals 1, 2, 3….
 */
export function findKeywordRuns(texts: readonly (string | null)[]): PointRun[] {
  const runs: PointRun[] = [];
  let current: PointRun | null = null;
  texts.forEach((text, i) => {
    if (text === null) return;
    const k = keywordLabel(text);
    if (k && current && current.labels[0] === k) {
      current.indexes.push(i);
      current.labels.push(k);
      current.ordinals.push(current.ordinals.length + 1);
      return;
    }
    current = k ? { indexes: [i], labels: [k], ordinals: [1] } : null;
    if (current) runs.push(current);
  });
  return runs.filter((r) => r.indexes.length >= 2);
}
