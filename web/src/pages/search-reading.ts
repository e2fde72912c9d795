/**
 * What the search page shows of the query's reading: removable chips ("Người phát biểu: Phạm
 * Minh Chính ×"), so the reading is never hidden; the syntax help; the date range beside the
 * year facet.
 */
import type { InterpretationView } from '../api.ts';
import { CONTENT_LANG, h } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import { DATE_BOUND, type SearchState } from '../url-state.ts';

/** One chip: a label, the value read, and a × link that drops this reading. */
function chip(label: string, value: string, removeHref: string, contentLang = true): HTMLElement {
  return h('li', { class: 'reading-chip' },
    h('span', { class: 'chip-label' }, `${label}: `),
    h('span', { class: 'chip-value', lang: contentLang ? CONTENT_LANG : null }, value),
    h('a', { class: 'chip-remove', href: removeHref, 'aria-label': t().chipRemove(`${label}: ${value}`), title: t().chipRemove(`${label}: ${value}`) }, '×'));
}

/**
 * The reading as chips. Removing the speaker or title chip searches the words as typed
 * (`literal=true`: his name then finds the passages that mention him); removing an operator's
 * chip takes that operator out of the query.
 */
export function readingChips(state: SearchState, reading: InterpretationView | null, hrefFor: (s: SearchState) => string): HTMLElement | null {
  if (!reading) return null;
  const literal = hrefFor({ ...state, literal: true, page: 1 });
  const without = (matched: string) => hrefFor({ ...state, q: state.q.replace(matched, ' ').replace(/\s+/g, ' ').trim(), page: 1 });
  const chips: HTMLElement[] = [];
  if (reading.speaker) chips.push(chip(t().chipSpeaker, reading.speaker.name, reading.speaker.matched.includes(':') ? without(reading.speaker.matched) : literal));
  if (reading.title) {
    const names = reading.title.holders.map((x) => x.name).filter((n, i, all) => all.indexOf(n) === i).join(', ');
    chips.push(chip(t().chipSpeaker, `${reading.title.text} (${t().readingTitleHolders(names)})`, literal));
  }
  if (reading.event) chips.push(chip(t().chipEvent, reading.event.name, without(reading.event.matched)));
  if (reading.dateRange) chips.push(chip(t().chipDates, `${formatDate(reading.dateRange.from)} – ${formatDate(reading.dateRange.to)}`, literal, false));
  for (const y of reading.years) chips.push(chip(t().facet_year, String(y), without(`year:${y}`), false));
  for (const x of reading.exclude) chips.push(chip(t().chipExclude, x, literal));
  if (reading.alternatives?.length) {
    // Each side as read, with the person or title read within it when it is not everyone's; × searches every word as required.
    const sides = reading.alternatives.map((a) => {
      const who = !reading.speaker && a.speaker ? a.speaker.name : !reading.title && a.title ? a.title.text : null;
      return who ? `${a.topic} (${who})` : a.topic;
    });
    chips.push(chip(t().chipAlternatives, sides.join(' | '), hrefFor({ ...state, q: state.q.replace(/(^|\s)OR(?=\s|$)/g, ' ').replace(/\s+/g, ' ').trim(), page: 1 })));
  }
  if (reading.topic && (reading.speaker || reading.title) && !reading.alternatives?.length) chips.push(h('li', { class: 'reading-topic' }, h('span', { class: 'chip-label' }, `${t().chipTopic}: `), h('span', { lang: CONTENT_LANG }, reading.topic)));
  return h('div', { class: 'reading-box', role: 'region', 'aria-label': t().readingLabel },
    h('ul', { class: 'reading-chips' }, ...chips),
    reading.applied ? null : h('p', { class: 'muted reading-note' }, t().readingNotApplied),
    ...reading.notes.map((n) => h('p', { class: 'muted reading-note' }, n)));
}

/** The search syntax, listed under the results (collapsed). */
export function syntaxHelp(): HTMLElement {
  return h('details', { class: 'syntax-help', id: 'syntax-help' },
    h('summary', {}, t().syntaxHelp),
    h('dl', {}, ...t().syntaxItems.flatMap(([code, meaning]) => [h('dt', {}, h('code', { lang: CONTENT_LANG }, code)), h('dd', {}, meaning)])));
}

/** The from/to date range form; an invalid date is named, not sent. */
export function dateRangeForm(state: SearchState, apply: (next: SearchState) => void): HTMLElement {
  const input = (id: string, label: string, value: string | undefined) =>
    h('p', { class: 'field' }, h('label', { for: id }, label), ' ',
      h('input', { id, name: id, type: 'text', inputmode: 'numeric', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', size: 10, value: value ?? '' }));
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'date-range', 'aria-labelledby': 'date-range-h' },
    h('fieldset', { class: 'facet' }, h('legend', { id: 'date-range-h' }, t().dateRange),
      input('date-from', t().dateFrom, state.from),
      input('date-to', t().dateTo, state.to),
      error,
      h('button', { type: 'submit', class: 'button button-quiet' }, t().dateApply)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = (form.querySelector('#date-from') as HTMLInputElement).value.trim();
    const to = (form.querySelector('#date-to') as HTMLInputElement).value.trim();
    if ((from && !DATE_BOUND.test(from)) || (to && !DATE_BOUND.test(to))) {
      error.textContent = t().dateInvalid;
      error.hidden = false;
      return;
    }
    apply({ ...state, from: from || undefined, to: to || undefined, page: 1 });
  });
  return form;
}
