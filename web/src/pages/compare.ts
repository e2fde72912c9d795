/**
 * Compare 2–3 events side by side: themes, key points, distinctive terms. Choosing a term
 * (kept in the URL as `term=`) charts its frequency across the events in time order and lists
 * its passages.
 */
import { compareEvents, listEvents, searchPassages, termCountsFromComparison, termPassageIds, type CompareColumn, type CompareResult, type EventSummary, type PassageView } from '../api.ts';
import { errorView, isAbort, loadingView, passageCard, setTitle } from '../components/common.ts';
import { termChart } from '../components/term-chart.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import { rt } from '../research-strings.ts';
import type { RouteContext } from '../router.ts';
import { emptySearchState } from '../url-state.ts';
import { pointList } from './event.ts';

const MAX_EVENTS = 3;
const TERMS_SHOWN = 12;

/** Event ids from `?events=a,b` (or repeated `events=`), de-duplicated, at most three. */
export function parseCompareIds(query: URLSearchParams): string[] {
  const ids = query.getAll('events').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return [...new Set(ids)];
}

function compareHref(ids: string[], term?: string | null): string {
  const qs = new URLSearchParams();
  if (ids.length) qs.set('events', ids.join(','));
  if (term) qs.set('term', term);
  const s = qs.toString().replace(/%2C/g, ',');
  return s ? `/compare?${s}` : '/compare';
}

/** Renders `/compare`. */
export async function renderCompare(ctx: RouteContext, navigate: (href: string, opts?: { replace?: boolean; focusMain?: boolean }) => void): Promise<void> {
  setTitle(t().compareTitle);
  replaceChildren(ctx.main, loadingView());
  const ids = parseCompareIds(ctx.query);
  const term = ctx.query.get('term');
  let events: EventSummary[] = [];
  try {
    events = await listEvents();
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderCompare(ctx, navigate)));
    return;
  }
  if (ctx.signal.aborted) return;
  const picker = chooser(events, ids, navigate);
  const page = h('div', { class: 'compare-page' }, h('h1', { tabindex: '-1' }, t().compareTitle), picker);
  replaceChildren(ctx.main, page);
  if (ids.length < 2 || ids.length > MAX_EVENTS) {
    if (ids.length) page.append(h('p', { class: 'notice', role: 'status' }, ids.length < 2 ? t().compareTooFew : t().compareTooMany));
    return;
  }
  const results = h('div', { class: 'compare-results' }, loadingView());
  page.append(results);
  try {
    const cmp = await compareEvents(ids, ctx.signal);
    const columns = [...cmp.columns].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
    const grid = h('div', { class: `compare-grid cols-${columns.length}` }, ...columns.map((c) => column(c, ids, term)));
    const termPanel = h('section', { class: 'term-panel', id: 'term-panel', 'aria-live': 'polite' });
    replaceChildren(results, grid, cmp.shared.length ? sharedTerms(cmp.shared.map((s) => s.term), ids, term) : null, termPanel);
    if (term) {
      await showTerm(termPanel, term, columns, cmp, ctx.signal);
      if (!ctx.sameRoute) termPanel.scrollIntoView({ block: 'start' });
    }
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(results, errorView(err, () => void renderCompare(ctx, navigate)));
  }
}

function chooser(events: EventSummary[], ids: string[], navigate: (href: string, opts?: { replace?: boolean; focusMain?: boolean }) => void): HTMLElement {
  const sorted = [...events].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const message = h('p', { class: 'form-message', role: 'status' });
  const form = h(
    'form',
    { class: 'compare-form', action: '/compare', method: 'get' },
    h('details', { class: 'compare-choices', open: ids.length < 2 || ids.length > MAX_EVENTS },
      h('summary', {}, t().compareChoose, h('span', { class: 'muted' }, ` (${ids.length})`)),
    h('fieldset', {}, h('legend', { class: 'visually-hidden' }, t().compareChoose),
      h('ul', { class: 'event-choices' }, ...sorted.map((e) => {
        const id = `cmp-${e.id}`;
        return h('li', {}, h('input', { type: 'checkbox', id, name: 'events', value: e.id, checked: ids.includes(e.id) }),
          h('label', { for: id }, vi(e.name), h('span', { class: 'muted' }, ` · ${formatDate(e.date)}`)));
      })),
    ),
    h('button', { type: 'submit', class: 'button button-primary' }, t().compareSubmit),
    ),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = Array.from(form.querySelectorAll<HTMLInputElement>('input[name=events]:checked')).map((el) => el.value);
    if (chosen.length < 2) message.textContent = t().compareTooFew;
    else if (chosen.length > MAX_EVENTS) message.textContent = t().compareTooMany;
    else navigate(compareHref(chosen));
  });
  return form;
}

function termLink(term: string, ids: string[], active: string | null): HTMLElement {
  return h('a', { class: `chip${term === active ? ' chip-active' : ''}`, href: compareHref(ids, term), 'aria-current': term === active ? 'true' : null, title: t().showTerm(term), lang: CONTENT_LANG }, term);
}

/** A term's frequency per 10 000 words, beside its chip. */
function per10kBadge(per10k: number | null | undefined): HTMLElement | null {
  return typeof per10k === 'number' ? h('span', { class: 'per10k', title: rt().per10k }, ` ${Math.round(per10k * 10) / 10}`) : null;
}

/**
 * Themes side by side with their sources: each theme once, the outlets that print it, and, where
 * outlets print it differently, every printing with its outlet.
 */
function compareThemes(themes: CompareColumn['themes']): HTMLElement {
  if (themes.length === 0) return h('p', { class: 'muted' }, t().noThemes);
  const seen = new Set<string>();
  const unique = themes.filter((th) => (seen.has(th.text) ? false : (seen.add(th.text), true)));
  const outlet = (s: string | null) => (s ? vi(s) : rt().archiveCopy);
  return h('ul', { class: 'themes' }, ...unique.map((th) => {
    const sources = th.sources ?? [];
    const outlets = [...new Set(sources.map((s) => s.source))];
    return h('li', {},
      h('q', { class: 'theme', lang: CONTENT_LANG }, th.text),
      th.passageId ? h('a', { class: 'theme-source', href: `/passages/${encodeURIComponent(th.passageId)}` }, t().passage) : null,
      outlets.length ? h('p', { class: 'theme-outlets meta' }, `${rt().themeSources}: `, ...outlets.flatMap((o, i) => (i ? [', ', outlet(o)] : [outlet(o)]))) : null,
      th.variants ? h('div', { class: 'theme-variants' }, h('p', { class: 'meta' }, rt().themeVariants), h('ul', { class: 'theme-sources' }, ...sources.map((s) =>
        h('li', {}, h('q', { class: 'theme-variant', lang: CONTENT_LANG }, s.text), ' — ', h('a', { href: `/passages/${encodeURIComponent(s.passageId)}` }, outlet(s.source)))))) : null,
    );
  }));
}

/** The passage text with every occurrence of the term marked (whole words, case-insensitive), built as DOM nodes. */
export function markTerm(text: string, term: string): (Node | string)[] {
  const nfc = text.normalize('NFC');
  const lower = nfc.toLowerCase();
  const needle = term.normalize('NFC').toLowerCase();
  const out: (Node | string)[] = [];
  let pos = 0;
  const letter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
  for (let at = lower.indexOf(needle); at >= 0 && needle; at = lower.indexOf(needle, at + needle.length)) {
    if (letter(lower[at - 1]) || letter(lower[at + needle.length])) continue;
    out.push(nfc.slice(pos, at), h('mark', {}, nfc.slice(at, at + needle.length)));
    pos = at + needle.length;
  }
  out.push(nfc.slice(pos));
  return out;
}

/** A passage card with the term marked in its text. */
function termPassageCard(p: PassageView, term: string): HTMLElement {
  const card = passageCard(p, { headingLevel: 'h4' });
  const body = card.querySelector('.passage-text');
  if (body) {
    replaceChildren(body as HTMLElement, ...markTerm(p.text, term));
    if (p.truncated) body.append(' […]');
  }
  return card;
}

function column(c: CompareColumn, ids: string[], active: string | null): HTMLElement {
  return h(
    'section',
    { class: 'compare-col', 'aria-labelledby': `col-${c.id}` },
    h('h2', { id: `col-${c.id}` }, h('a', { href: `/events/${encodeURIComponent(c.id)}`, lang: CONTENT_LANG }, c.name)),
    h('p', { class: 'meta' }, formatDate(c.date)),
    typeof c.aboutPassageCount === 'number' ? h('p', { class: 'meta term-figure' }, rt().aboutCount(c.aboutPassageCount)) : null,
    h('h3', {}, t().themes),
    compareThemes(c.themes),
    h('h3', {}, t().distinctiveTerms, h('span', { class: 'muted term-figure' }, ` (${rt().per10k})`)),
    h('ul', { class: 'chips' }, ...c.terms.slice(0, TERMS_SHOWN).map((term) => h('li', {}, termLink(term.term, ids, active), per10kBadge(term.per10k)))),
    // Key points are long: folded, so the columns' themes and terms stay side by side.
    c.keyPoints.length
      ? h('details', { class: 'points-details' }, h('summary', {}, h('h3', {}, `${t().keyPoints} (${c.keyPoints.length})`)), pointList(c.keyPoints, 'h4'))
      : h('p', { class: 'muted' }, t().noKeyPoints),
  );
}

function sharedTerms(terms: string[], ids: string[], active: string | null): HTMLElement {
  return h('section', { class: 'shared-terms' }, h('h2', {}, t().sharedTerms), h('ul', { class: 'chips' }, ...terms.slice(0, TERMS_SHOWN).map((term) => h('li', {}, termLink(term, ids, active)))));
}

/**
 * Charts the term across the events and lists its passages, from the comparison's own counts;
 * when those do not cover every event, counts passages with a phrase search instead.
 */
async function showTerm(panel: HTMLElement, term: string, columns: CompareColumn[], cmp: CompareResult, signal: AbortSignal): Promise<void> {
  replaceChildren(panel, loadingView());
  const base = emptySearchState();
  const phrase = `"${term.replace(/"/g, '')}"`;
  let counts = termCountsFromComparison(cmp, term);
  let description = t().termChartOccurrences;
  // Normalised frequencies (per 10 000 words of each event's articles) where the comparison gives them.
  const shared = cmp.shared.find((x) => x.term === term);
  const own = columns.flatMap((c) => c.terms).find((x) => x.term === term);
  const per10k: Record<string, number> | null = shared?.per10k ?? (own?.byEvent && Object.keys(own.byEvent).length ? Object.fromEntries(Object.entries(own.byEvent).map(([k, v]) => [k, v.per10k])) : null);
  if (!counts) {
    const totals = await Promise.all(
      columns.map((c) => searchPassages({ ...base, q: phrase, filters: { ...base.filters, event: [c.id] } }, 1, signal).then((r) => r.total)),
    );
    counts = Object.fromEntries(columns.map((c, i) => [c.id, totals[i] ?? 0]));
    description = t().termChartDesc;
  }
  const ids = termPassageIds(cmp, term);
  const groups: HTMLElement[] = [];
  for (const c of columns) {
    const passages = (ids[c.id] ?? []).map((id) => cmp.passages.get(id)).filter((p): p is PassageView => p !== undefined);
    if (passages.length === 0) continue;
    groups.push(h('section', { class: 'group' }, h('h3', {}, vi(c.name), h('span', { class: 'muted' }, ` · ${formatDate(c.date)}`)),
      h('ul', { class: 'cards' }, ...passages.map((p) => h('li', {}, termPassageCard(p, term))))));
  }
  if (groups.length === 0) {
    const list = await searchPassages({ ...base, q: phrase, filters: { ...base.filters, event: columns.map((c) => c.id) }, sort: 'date-asc' }, 20, signal);
    groups.push(h('ul', { class: 'cards' }, ...list.hits.map((p) => h('li', {}, passageCard(p, { headingLevel: 'h3' })))));
  }
  if (signal.aborted) return;
  const finalCounts = counts;
  replaceChildren(
    panel,
    per10k
      ? termChart(columns.map((c) => ({ label: c.name, date: c.date, count: finalCounts[c.id] ?? 0, value: per10k[c.id] ?? 0 })), t().termChart(term), rt().termChartPer10k, rt().per10k)
      : termChart(columns.map((c) => ({ label: c.name, date: c.date, count: finalCounts[c.id] ?? 0 })), t().termChart(term), description),
    h('h2', {}, t().termPassages(term)),
    ...groups,
    h('p', {}, h('a', { href: `/?q=${encodeURIComponent(phrase)}` }, `${t().allResultsFor}: ${phrase} →`)),
  );
}
