/** The speaker page: roles over time, then statements grouped by event with dates. */
import { getSpeaker } from '../api.ts';
import { errorView, isAbort, loadingView, passageCard, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

/** Renders `/speakers/:id`. */
export async function renderSpeaker(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const s = await getSpeaker(ctx.params.id ?? '', ctx.signal);
    setTitle(s.name);
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
            h('li', {}, h('span', { class: 'timeline-dates' }, `${r.from ? formatDate(r.from) : '…'} – ${r.to ? formatDate(r.to) : t().present}`), h('span', { class: 'timeline-title', lang: CONTENT_LANG }, r.title)),
          )),
        ),
        h('section', { 'aria-labelledby': 'statements-h' }, h('h2', { id: 'statements-h' }, t().statements),
          groups.length === 0 ? h('p', { class: 'muted' }, t().noStatements) : null,
          ...groups.map((g) =>
            h('section', { class: 'group' },
              h('h3', {}, g.event ? h('a', { href: `/events/${encodeURIComponent(g.event.id)}`, lang: CONTENT_LANG }, g.event.name) : t().otherStatements,
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
