/**
 * `/kwic?q=…&<filters>&sort=left|right&width=n`: keyword in context. Each match of the search
 * is one row — left context, keyword, right context — aligned on the keyword (the left context
 * is right-aligned and clipped on its far side), like the concordance views of Voyant and
 * Sketch Engine; each row links to its passage. The whole state is in the URL.
 */
import { getJson } from '../api.ts';
import { errorView, isAbort, loadingView, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren } from '../dom.ts';
import { formatDate } from '../i18n.ts';
import { rt } from '../research-strings.ts';
import type { RouteContext } from '../router.ts';
import { FACETS, parseSearchState } from '../url-state.ts';

/** Line orders the concordance offers. */
export const KWIC_SORTS = ['relevance', 'left', 'right', 'date-desc'] as const;
/** Words of context each side, by default and at most. */
const DEFAULT_WIDTH = 8;
const MAX_WIDTH = 30;

/** One concordance line as the API gives it. */
export interface KwicLine {
  left: string;
  match: string;
  right: string;
  passageId: string;
  articleId: string;
  date: string | null;
  speaker: { id: string; name: string } | null;
  title: string;
  truncated: boolean;
}

/** The page's state from its URL. */
export function parseKwicState(query: URLSearchParams): { q: string; sort: (typeof KWIC_SORTS)[number]; width: number; filters: URLSearchParams } {
  const search = parseSearchState(query);
  const sort = (KWIC_SORTS as readonly string[]).includes(query.get('sort') ?? '') ? (query.get('sort') as (typeof KWIC_SORTS)[number]) : 'relevance';
  const width = Math.min(MAX_WIDTH, Math.max(1, Number.parseInt(query.get('width') ?? '', 10) || DEFAULT_WIDTH));
  const filters = new URLSearchParams();
  for (const key of FACETS) for (const v of search.filters[key]) filters.append(key, v);
  return { q: search.q.trim(), sort, width, filters };
}

/** Renders `/kwic`. */
export async function renderKwic(ctx: RouteContext, navigate: (href: string) => void): Promise<void> {
  const state = parseKwicState(ctx.query);
  setTitle(state.q ? `${rt().kwicTitle}: “${state.q}”` : rt().kwicTitle);
  const input = h('input', { id: 'kwic-q', name: 'q', type: 'search', value: state.q, required: true, maxlength: '200', lang: CONTENT_LANG });
  const sort = h('select', { id: 'kwic-sort', name: 'sort' },
    h('option', { value: 'relevance' }, rt().kwicSortRelevance),
    h('option', { value: 'left' }, rt().kwicSortLeft),
    h('option', { value: 'right' }, rt().kwicSortRight),
    h('option', { value: 'date-desc' }, rt().kwicSortDate));
  sort.value = state.sort;
  const width = h('input', { id: 'kwic-width', name: 'width', type: 'number', min: '1', max: String(MAX_WIDTH), value: String(state.width) });
  const form = h('form', { class: 'kwic-form', action: '/kwic', method: 'get' },
    h('p', { class: 'field' }, h('label', { for: 'kwic-q' }, rt().kwicQuery), ' ', input),
    h('p', { class: 'field' }, h('label', { for: 'kwic-sort' }, rt().kwicSort), ' ', sort),
    h('p', { class: 'field' }, h('label', { for: 'kwic-width' }, rt().kwicWidth), ' ', width),
    h('button', { type: 'submit', class: 'button button-primary' }, rt().kwicSubmit));
  const go = (): void => {
    const qs = new URLSearchParams(state.filters);
    qs.set('q', input.value.trim());
    if (sort.value !== 'relevance') qs.set('sort', sort.value);
    if (Number(width.value) !== DEFAULT_WIDTH) qs.set('width', width.value);
    navigate(`/kwic?${qs.toString()}`);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go();
  });
  // Changing the order or the width re-sorts at once.
  sort.addEventListener('change', go);
  const results = h('div', { class: 'kwic-results', id: 'kwic-results' });
  replaceChildren(ctx.main, h('div', { class: 'kwic-page' }, h('h1', { tabindex: '-1' }, rt().kwicTitle), h('p', { class: 'muted' }, rt().kwicIntro), form, results));
  if (!state.q) {
    replaceChildren(results, h('p', { class: 'notice' }, rt().kwicNeedQuery));
    return;
  }
  replaceChildren(results, loadingView());
  try {
    const qs = new URLSearchParams(state.filters);
    qs.set('q', state.q);
    qs.set('sort', state.sort);
    qs.set('width', String(state.width));
    const body = await getJson(`kwic?${qs.toString()}`, ctx.signal);
    if (ctx.signal.aborted) return;
    const lines = (Array.isArray(body?.lines) ? body.lines : []) as KwicLine[];
    if (lines.length === 0) {
      replaceChildren(results, h('p', { class: 'notice' }, rt().kwicEmpty));
      return;
    }
    replaceChildren(
      results,
      h('p', { class: 'result-count', role: 'status' }, rt().kwicLines(lines.length, Number(body?.passages) || 0)),
      body?.limited ? h('p', { class: 'notice' }, rt().kwicLimited) : null,
      kwicTable(lines),
    );
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(results, errorView(err, () => void renderKwic(ctx, navigate)));
  }
}

/** The concordance table: left context right-aligned, keyword centred, right context left-aligned. */
export function kwicTable(lines: KwicLine[]): HTMLElement {
  return h(
    'table',
    { class: 'kwic', id: 'kwic-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'kwic-left' }, rt().kwicLeft),
      h('th', { scope: 'col', class: 'kwic-match' }, rt().kwicMatch),
      h('th', { scope: 'col', class: 'kwic-right' }, rt().kwicRight),
      h('th', { scope: 'col', class: 'kwic-source' }, rt().kwicSource))),
    h('tbody', { lang: CONTENT_LANG }, ...lines.map((l) => h('tr', {},
      h('td', { class: 'kwic-left' }, h('div', { class: 'kwic-clip' }, h('span', {}, l.left))),
      h('td', { class: 'kwic-match' }, h('a', { href: `/passages/${encodeURIComponent(l.passageId)}` }, l.match)),
      h('td', { class: 'kwic-right' }, h('div', { class: 'kwic-clip' }, h('span', {}, l.right, l.truncated ? ' […]' : ''))),
      h('td', { class: 'kwic-source' }, h('a', { href: `/passages/${encodeURIComponent(l.passageId)}`, title: l.title }, formatDate(l.date)), l.speaker ? ` · ${l.speaker.name}` : ''),
    ))),
  );
}
