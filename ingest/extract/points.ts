/**
 * Numbered points: paragraphs that open with "Thứ nhất, …", "Thứ hai, …" (or "Một là, …").
 * A point only counts inside a run that starts at one and counts up, so "Thứ năm" meaning
 * Thursday, or a stray "Thứ ba", is not a point.
 */

const ORDINALS: Readonly<Record<string, number>> = {
  nhất: 1, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
};
const ONE_IS: Readonly<Record<string, number>> = {
  một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10,
};

/** The label a paragraph opens with and its number, or null. */
export function pointLabel(text: string): { label: string; ordinal: number } | null {
  const t = text.trim();
  const a = /^(Thứ\s+(nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười))\s*[,:.]/iu.exec(t);
  if (a) return { label: (a[1] ?? '').replace(/\s+/g, ' '), ordinal: ORDINALS[(a[2] ?? '').toLowerCase()] ?? 0 };
  const b = /^((Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)\s*[,:]/u.exec(t);
  if (b) return { label: (b[1] ?? '').replace(/\s+/g, ' '), ordinal: ONE_IS[(b[2] ?? '').toLowerCase()] ?? 0 };
  return null;
}

/** A run of numbered points: indexes (into the input) of each point, in order. */
export interface PointRun {
  indexes: number[];
  labels: string[];
  ordinals: number[];
}

/**
 * Finds runs of numbered points among paragraph texts (`null` for passages that cannot be
 * points, such as captions, which neither start nor break a run).
 */
export function findPointRuns(texts: readonly (string | null)[]): PointRun[] {
  const runs: PointRun[] = [];
  let current: PointRun | null = null;
  texts.forEach((text, i) => {
    if (text === null) return;
    const p = pointLabel(text);
    if (!p) return;
    const last = current?.ordinals[current.ordinals.length - 1] ?? 0;
    if (current && p.ordinal === last + 1) {
      current.indexes.push(i);
      current.labels.push(p.label);
      current.ordinals.push(p.ordinal);
    } else if (p.ordinal === 1) {
      current = { indexes: [i], labels: [p.label], ordinals: [1] };
      runs.push(current);
    }
  });
  return runs.filter((r) => r.indexes.length >= 2);
}
