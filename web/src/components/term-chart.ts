/**
 * A small SVG bar chart of one term's frequency across events, in time order. Drawn here
 * (no chart library, nothing from another origin); the numbers are also in a visually hidden
 * table for screen readers.
 */
import { CONTENT_LANG, h, svg, vi } from '../dom.ts';
import { formatDate } from '../i18n.ts';

/** One bar: an event and the term's count there. */
export interface TermPoint {
  label: string;
  date: string | null;
  count: number;
}

const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 24, right: 12, bottom: 48, left: 36 };

/** Sorts points by date, unknown dates last (pure, exported for tests). */
export function inTimeOrder(points: TermPoint[]): TermPoint[] {
  return [...points].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/**
 * Axis labels: the words the event names share are dropped ("Hội nghị Ngoại giao lần thứ 31"
 * and "… 32" become "lần thứ 31", "lần thứ 32"), then long labels are shortened.
 */
export function axisLabels(labels: string[]): string[] {
  const words = labels.map((l) => l.split(/\s+/));
  let common = 0;
  if (labels.length > 1) {
    while (words.every((w) => w.length > common + 1 && w[common] === words[0]![common])) common++;
  }
  // Keep the last shared word when it is a counter word ("lần thứ"), so labels still read.
  const start = Math.max(0, common - 2);
  return words.map((w) => {
    const label = (common >= 3 ? w.slice(start) : w).join(' ');
    return label.length > 24 ? `${label.slice(0, 23)}…` : label;
  });
}

/** The chart as a `<figure>` with an SVG and a data table. */
export function termChart(points: TermPoint[], caption: string, description: string): HTMLElement {
  const ordered = inTimeOrder(points);
  const max = Math.max(1, ...ordered.map((p) => p.count));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, ordered.length);
  const barW = Math.min(64, slot * 0.6);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': caption });
  const ticks = max <= 4 ? max : 4;
  for (let i = 0; i <= ticks; i++) {
    const value = Math.round((max * i) / ticks);
    const y = PAD.top + innerH - (innerH * value) / max;
    chart.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'chart-grid' }));
    chart.append(svg('text', { x: PAD.left - 6, y: y + 4, class: 'chart-tick', 'text-anchor': 'end' }, String(value)));
  }
  const labels = axisLabels(ordered.map((p) => p.label));
  ordered.forEach((p, i) => {
    const x = PAD.left + slot * i + (slot - barW) / 2;
    const barH = (innerH * p.count) / max;
    const y = PAD.top + innerH - barH;
    chart.append(svg('rect', { x, y, width: barW, height: Math.max(barH, p.count > 0 ? 2 : 0), class: 'chart-bar', rx: 2 }));
    chart.append(svg('text', { x: x + barW / 2, y: y - 6, class: 'chart-value', 'text-anchor': 'middle' }, String(p.count)));
    const cx = x + barW / 2;
    chart.append(svg('text', { x: cx, y: HEIGHT - PAD.bottom + 18, class: 'chart-label', 'text-anchor': 'middle', lang: CONTENT_LANG }, labels[i] ?? p.label));
    chart.append(svg('text', { x: cx, y: HEIGHT - PAD.bottom + 34, class: 'chart-date', 'text-anchor': 'middle' }, formatDate(p.date)));
  });
  const table = h(
    'table',
    { class: 'visually-hidden' },
    h('caption', {}, caption),
    h('tbody', {}, ...ordered.map((p) => h('tr', {}, h('th', { scope: 'row' }, vi(p.label), ` (${formatDate(p.date)})`), h('td', {}, String(p.count))))),
  );
  return h('figure', { class: 'chart-figure' }, h('figcaption', {}, h('strong', {}, caption), h('span', { class: 'muted' }, ` ${description}`)), chart, table);
}
