/** The list of speakers (`/speakers`), alphabetical in Vietnamese order. */
import { getJson } from '../api.ts';
import { errorView, isAbort, loadingView, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { getLang, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

/** Renders `/speakers`. */
export async function renderSpeakers(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const body = await getJson('speakers', ctx.signal);
    const en = getLang() === 'en';
    const people: { id: string; name: string; role: string | null; count: number }[] = (Array.isArray(body?.speakers) ? body.speakers : []).map(
      (p: { id: string; name?: string; latestRole?: string | null; latestRoleEn?: string | null; passageCount?: number }) => ({
        id: String(p.id),
        name: p.name ?? String(p.id),
        // The role held at the latest statement, never a former office.
        role: (en ? p.latestRoleEn : null) ?? p.latestRole ?? null,
        count: p.passageCount ?? 0,
      }),
    );
    people.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
    const speakers = people.filter((p) => p.count > 0);
    const others = people.filter((p) => p.count === 0).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    setTitle(t().speakersTitle);
    const item = (p: (typeof people)[number]) => h('li', {}, h('a', { href: `/speakers/${encodeURIComponent(p.id)}`, lang: CONTENT_LANG }, p.name),
      h('span', { class: 'muted' }, ...(p.role ? [' · ', en ? p.role : vi(p.role)] : []), p.count ? ` · ${t().passagesCount(p.count)}` : ''));
    replaceChildren(ctx.main, h('div', {}, h('h1', { tabindex: '-1' }, t().speakersTitle),
      h('ul', { class: 'article-list', id: 'speakers-with-statements' }, ...speakers.map(item)),
      others.length
        ? h('details', { class: 'people-without-statements' }, h('summary', {}, t().peopleWithoutStatements(others.length)), h('ul', { class: 'article-list' }, ...others.map(item)))
        : null));
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderSpeakers(ctx)));
  }
}
