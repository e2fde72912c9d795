/**
 * A small SVG bar chart of one term's frequency across events, in time order: normalised
 * (occurrences per 10 000 words, so a long report does not outweigh a short one), one row per
 * event with its label on a line of its own above the bar, so labels can never overlap however
 * narrow the screen. Drawn here (no chart library, nothing from another origin); the numbers are
 * also in a visually hidden table for screen readers.
 */
import { CONTENT_LANG, h, svg, vi } from '../dom.ts';
import { formatDate } from '../i18n.ts';

/** One bar: an event, the term's frequency there (`value`, e.g. per 10 000 words) and its raw count. */
export interface TermPoint {
  label: string;
  date: string | null;
  count: number;
  /** The plotted value; the count when absent. */
  value?: number;
}

/** Drawing width in SVG units: about a phone's width, so text is drawn near its CSS size there. */
const WIDTH = 320;
const ROW = 46;
const PAD = { top: 6, right: 56, left: 4 };
/** Characters of a label that fit on its line at the label's font size. */
const LABEL_CHARS = 30;

/** Sorts points by date, unknown dates last (pure, exported for tests). */
export function inTimeOrder(points: TermPoint[]): TermPoint[] {
  return [...points].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/**
 * Axis labels: the words the event names share are dropped ("Hội nghị Ngoại giao lần thứ 31"
 * and "… 32" become "lần thứ 31", "lần thứ 32"), then long labels are shortened.
 */
export function axisLabels(labels: string[], max = 24): string[] {
  const words = labels.map((l) => l.split(/\s+/));
  let common = 0;
  if (labels.length > 1) {
    while (words.every((w) => w.length > common + 1 && w[common] === words[0]![common])) common++;
  }
  // Keep the last shared word when it is a counter word ("lần thứ"), so labels still read.
  const start = Math.max(0, common - 2);
  return words.map((w) => {
    const label = (common >= 3 ? w.slice(start) : w).join(' ');
    return label.length > max ? `${label.slice(0, max - 1)}…` : label;
  });
}

/** Formats a value: one decimal under 10, whole numbers above. */
function formatValue(v: number): string {
  return v < 10 ? (Math.round(v * 10) / 10).toLocaleString() : Math.round(v).toLocaleString();
}

/** The chart as a `<figure>` with an SVG and a data table. `unit` names the plotted value ("per 10,000 words"). */
export function termChart(points: TermPoint[], caption: string, description: string, unit = ''): HTMLElement {
  const ordered = inTimeOrder(points);
  const value = (p: TermPoint) => p.value ?? p.count;
  const max = Math.max(1e-9, ...ordered.map(value));
  const innerW = WIDTH - PAD.left - PAD.right;
  const height = PAD.top + ROW * ordered.length;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart chart-rows', role: 'img', 'aria-label': caption });
  const labels = axisLabels(ordered.map((p) => p.label), LABEL_CHARS);
  ordered.forEach((p, i) => {
    const top = PAD.top + ROW * i;
    const w = (innerW * value(p)) / max;
    chart.append(svg('text', { x: PAD.left, y: top + 12, class: 'chart-label', lang: CONTENT_LANG }, `${labels[i] ?? p.label} · ${formatDate(p.date)}`));
    chart.append(svg('rect', { x: PAD.left, y: top + 18, width: Math.max(w, value(p) > 0 ? 2 : 0), height: 16, class: 'chart-bar', rx: 2 }));
    chart.append(svg('text', { x: PAD.left + Math.max(w, 0) + 4, y: top + 30, class: 'chart-value' }, formatValue(value(p))));
  });
  // Wrapped: a table ignores its own 1 px width, and its overflow would widen a phone's page.
  const table = h(
    'div',
    { class: 'visually-hidden' },
    h('table', {},
    h('caption', {}, caption),
    h('tbody', {}, ...ordered.map((p) => h('tr', {}, h('th', { scope: 'row' }, vi(p.label), ` (${formatDate(p.date)})`), h('td', {}, `${formatValue(value(p))}${unit ? ` ${unit}` : ''} (${p.count})`))))),
  );
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, h('strong', {}, caption), h('span', { class: 'muted' }, ` ${description}`)), chart, table);
}
