/** The speaker page: roles over time, then statements grouped by event with dates. */
import { getJson, getSpeaker } from '../api.ts';
import { errorView, isAbort, loadingView, passageCard, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { formatDate, getLang, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

/** Renders `/speakers/:id`. */
export async function renderSpeaker(ctx: RouteContext, deps: { navigate: (href: string) => void } = { navigate: (href) => location.assign(href) }): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const [s, raw] = await Promise.all([getSpeaker(ctx.params.id ?? '', ctx.signal), getJson(`speakers/${encodeURIComponent(ctx.params.id ?? '')}`, ctx.signal)]);
    setTitle(s.name);
    const en = getLang() === 'en';
    const rawRoles: { title?: string; titleEn?: string }[] = Array.isArray(raw?.speaker?.roles) ? raw.speaker.roles : [];
    const roleName = (title: string) => (en ? rawRoles.find((r) => r.title === title)?.titleEn : undefined) ?? title;
    const summary = raw?.summary ?? null;
    const byYear: { key: string; count: number }[] = Array.isArray(summary?.byYear) ? summary.byYear : [];
    const byEvent: { id: string; name: string; nameEn?: string; date: string | null; count: number }[] = Array.isArray(summary?.byEvent) ? summary.byEvent : [];
    // A search within this person's statements: the search page with the speaker filter.
    const within = h('form', { class: 'speaker-search', role: 'search', action: '/', method: 'get' },
      h('label', { for: 'speaker-q' }, t().searchWithinSpeaker), ' ',
      h('input', { id: 'speaker-q', name: 'q', type: 'search', autocomplete: 'off' }), ' ',
      h('button', { type: 'submit', class: 'button' }, t().navSearch));
    within.addEventListener('submit', (event) => {
      event.preventDefault();
      const q = (within.querySelector('#speaker-q') as HTMLInputElement).value.trim();
      const qs = new URLSearchParams({ speaker: s.id });
      if (q) qs.set('q', q);
      deps.navigate(`/?${qs}`);
    });
    const summaryBox = summary
      ? h('section', { 'aria-labelledby': 'summary-h', class: 'speaker-summary' }, h('h2', { id: 'summary-h' }, t().speakerSummary),
        h('p', {}, t().statementSpan(raw?.speaker?.passageCount ?? 0, formatDate(summary.first), formatDate(summary.last))),
        byYear.length ? h('p', {}, `${t().facet_year}: `, byYear.map((y) => `${y.key} (${y.count})`).join(' · ')) : null,
        byEvent.length ? h('ul', { class: 'article-list' }, ...byEvent.map((e) => h('li', {}, h('a', { href: `/events/${encodeURIComponent(e.id)}`, lang: en && e.nameEn ? null : CONTENT_LANG }, en && e.nameEn ? e.nameEn : e.name), h('span', { class: 'muted' }, ` · ${formatDate(e.date)} · ${t().passagesCount(e.count)}`)))) : null)
      : null;
    const roles = [...s.roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
    const groups = [...s.groups].sort((a, b) => (b.event?.date ?? '').localeCompare(a.event?.date ?? ''));
    replaceChildren(
      ctx.main,
      h(
        'div',
        { class: 'speaker-page' },
        h('p', { class: 'eyebrow' }, t().speaker),
        h('h1', { tabindex: '-1', lang: CONTENT_LANG }, s.name),
        h('section', { 'aria-labelledby': 'roles-h' }, h('h2', { id: 'roles-h' }, t().roles),
          h('ol', { class: 'timeline' }, ...roles.map((r) =>
            h('li', {}, h('span', { class: 'timeline-dates' }, `${r.from ? formatDate(r.from) : '…'} – ${r.to ? formatDate(r.to) : t().present}`), h('span', { class: 'timeline-title', lang: en && roleName(r.title) !== r.title ? null : CONTENT_LANG }, roleName(r.title))),
          )),
        ),
        summaryBox,
        within,
        h('section', { 'aria-labelledby': 'statements-h' }, h('h2', { id: 'statements-h' }, t().statements),
          groups.length === 0 ? h('p', { class: 'muted' }, t().noStatements) : null,
          ...groups.map((g) =>
            h('section', { class: 'group' },
              h('h3', {}, g.event ? h('a', { href: `/events/${encodeURIComponent(g.event.id)}`, lang: en && g.event.nameEn ? null : CONTENT_LANG }, en && g.event.nameEn ? g.event.nameEn : g.event.name) : t().otherStatements,
                g.event?.date ? h('span', { class: 'muted' }, ` · ${formatDate(g.event.date)}`) : null),
              h('ul', { class: 'cards' }, ...g.passages.map((p) => h('li', {}, passageCard({ ...p, speaker: null }, { headingLevel: 'h4' })))),
            ),
          ),
        ),
        h('p', {}, h('a', { href: `/?speaker=${encodeURIComponent(s.id)}` }, `${t().allResultsFor}: `, vi(s.name), ' →')),
      ),
    );
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderSpeaker(ctx)));
  }
}
