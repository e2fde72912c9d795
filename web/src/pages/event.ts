/** The event page (date, themes verbatim, speakers, key points, articles) and the list of events. */
import { eventDisplayName, getEvent, listEvents, type EventPage, type PointGroupView } from '../api.ts';
import { errorView, isAbort, loadingView, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { formatDate, getLang, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

/** A theme slogan, quoted verbatim, linking to the passage it comes from. */
export function themeList(themes: EventPage['themes']): HTMLElement {
  if (themes.length === 0) return h('p', { class: 'muted' }, t().noThemes);
  const seen = new Set<string>();
  const unique = themes.filter((th) => (seen.has(th.text) ? false : (seen.add(th.text), true)));
  return h('ul', { class: 'themes' }, ...unique.map((th) =>
    h('li', {}, h('q', { class: 'theme', lang: CONTENT_LANG }, th.text),
      th.source ? h('span', { class: 'theme-outlet muted' }, ' — ', vi(th.source)) : null,
      th.passageId ? h('a', { class: 'theme-source', href: `/passages/${encodeURIComponent(th.passageId)}` }, t().passage) : null),
  ));
}

/**
 * The event as a programme: each numbered list as its own block, headed by who enumerates and
 * the sentence that introduces it, its points in document order, each linking to its passage.
 */
export function pointGroupList(groups: PointGroupView[]): HTMLElement {
  if (groups.length === 0) return h('p', { class: 'muted' }, t().noKeyPoints);
  return h('div', { class: 'point-groups' }, ...groups.map((g) =>
    h('section', { class: 'point-group' },
      g.speaker
        // The role comes in the interface's language (`?lang=`); the name as printed.
        ? h('h3', { class: 'point-group-speaker' }, h('a', { href: `/speakers/${encodeURIComponent(g.speaker.id)}`, lang: CONTENT_LANG }, g.speaker.name), g.speaker.role ? h('span', { class: 'muted', lang: getLang() === 'en' ? null : CONTENT_LANG }, `, ${g.speaker.role}`) : null)
        : null,
      g.intro
        ? h('p', { class: 'point-group-intro', lang: CONTENT_LANG }, g.intro.text, g.intro.passageId ? h('a', { class: 'anchor', href: `/passages/${encodeURIComponent(g.intro.passageId)}`, 'aria-label': t().passage }, ' ¶') : null)
        : null,
      h('ol', { class: 'points' }, ...g.points.map((p) => {
        const starts = p.label && p.text.startsWith(p.label);
        return h('li', {},
          h('span', { lang: CONTENT_LANG }, starts ? h('strong', {}, p.label) : null, starts ? p.text.slice(p.label.length) : p.text),
          p.passageId ? h('a', { class: 'anchor', href: `/passages/${encodeURIComponent(p.passageId)}`, 'aria-label': `${t().passage}: ${p.label || p.text.slice(0, 30)}` }, ' ¶') : null);
      })),
    )));
}

/** Key points ("Thứ nhất, …") grouped by article (each article numbers its own), each linking to its passage. */
export function pointList(points: EventPage['keyPoints'], headingLevel: 'h3' | 'h4' = 'h3'): HTMLElement {
  if (points.length === 0) return h('p', { class: 'muted' }, t().noKeyPoints);
  const groups = new Map<string, EventPage['keyPoints']>();
  for (const p of points) {
    const key = p.articleId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const item = (p: EventPage['keyPoints'][number]): HTMLElement => {
    // The label is printed in the text itself ("Thứ nhất, …"): bold it there rather than repeat it.
    const starts = p.label && p.text.startsWith(p.label);
    return h('li', {},
      h('span', { lang: CONTENT_LANG },
        starts ? h('strong', {}, p.label) : p.label ? h('strong', {}, `${p.label}: `) : null,
        starts ? p.text.slice(p.label.length) : p.text),
      p.passageId ? h('a', { class: 'anchor', href: `/passages/${encodeURIComponent(p.passageId)}`, 'aria-label': `${t().passage}: ${p.label || p.text.slice(0, 30)}` }, ' ¶') : null,
    );
  };
  const wrap = h('div', { class: 'points-groups' });
  for (const group of groups.values()) {
    const title = group[0]?.articleTitle;
    if (groups.size > 1 && title) wrap.append(h(headingLevel, { class: 'points-article', lang: CONTENT_LANG }, title));
    wrap.append(h('ul', { class: 'points' }, ...group.map(item)));
  }
  return wrap;
}

/** Renders `/events/:id`. */
export async function renderEvent(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const e = await getEvent(ctx.params.id ?? '', ctx.signal);
    setTitle(eventDisplayName(e));
    const when = e.endDate && e.endDate !== e.date ? `${formatDate(e.date)} – ${formatDate(e.endDate)}` : formatDate(e.date);
    replaceChildren(
      ctx.main,
      h('div', { class: 'event-page' },
        h('p', { class: 'eyebrow' }, t().facet_event),
        h('h1', { tabindex: '-1', lang: eventDisplayName(e) === e.name ? CONTENT_LANG : null }, eventDisplayName(e)),
        eventDisplayName(e) !== e.name ? h('p', { class: 'muted', lang: CONTENT_LANG }, e.name) : null,
        h('p', { class: 'meta' }, h('time', e.date ? { datetime: e.date } : {}, when)),
        h('section', { 'aria-labelledby': 'themes-h' }, h('h2', { id: 'themes-h' }, t().themes), themeList(e.themes),
          e.otherThemes.length ? h('div', { class: 'other-themes' }, h('h3', {}, t().sessionThemes), themeList(e.otherThemes)) : null),
        h('section', { 'aria-labelledby': 'speakers-h' }, h('h2', { id: 'speakers-h' }, t().speakers),
          h('ul', { class: 'chips' }, ...e.speakers.map((s) => h('li', {}, h('a', { class: 'chip', href: `/speakers/${encodeURIComponent(s.id)}` }, vi(s.name), e.speakerRoles[s.id] ? h('span', { class: 'muted', lang: getLang() === 'en' ? null : CONTENT_LANG }, ` · ${e.speakerRoles[s.id]}`) : null))))),
        h('section', { 'aria-labelledby': 'points-h' }, h('h2', { id: 'points-h' }, t().keyPoints), e.pointGroups.length ? pointGroupList(e.pointGroups) : pointList(e.keyPoints)),
        h('section', { 'aria-labelledby': 'articles-h' }, h('h2', { id: 'articles-h' }, t().articles),
          h('ul', { class: 'article-list' }, ...e.articles.map((a) =>
            h('li', {}, h('a', { href: `/articles/${encodeURIComponent(a.id)}`, lang: CONTENT_LANG }, a.title), h('span', { class: 'muted' }, ` · ${formatDate(a.date)}`, ...(a.source ? [' · ', vi(a.source)] : []))),
          ))),
        h('p', { class: 'actions' },
          h('a', { class: 'button', href: `/?event=${encodeURIComponent(e.id)}` }, `${t().allResultsFor} →`),
          h('a', { class: 'button', href: `/compare?events=${encodeURIComponent(e.id)}` }, t().navCompare)),
      ),
    );
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderEvent(ctx)));
  }
}

/** Renders `/events`: every event, newest first. */
export async function renderEvents(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const events = await listEvents();
    if (ctx.signal.aborted) return;
    setTitle(t().eventsTitle);
    const sorted = [...events].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
    replaceChildren(ctx.main, h('div', {}, h('h1', { tabindex: '-1' }, t().eventsTitle),
      h('ul', { class: 'article-list' }, ...sorted.map((e) => h('li', {}, h('a', { href: `/events/${encodeURIComponent(e.id)}`, lang: eventDisplayName(e) === e.name ? CONTENT_LANG : null }, eventDisplayName(e)), h('span', { class: 'muted' }, ` · ${formatDate(e.date)}`))))));
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderEvents(ctx)));
  }
}
