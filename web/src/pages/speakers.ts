/** The list of speakers (`/speakers`), alphabetical in Vietnamese order. */
import { getJson } from '../api.ts';
import { errorView, isAbort, loadingView, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

/** Renders `/speakers`. */
export async function renderSpeakers(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const body = await getJson('speakers', ctx.signal);
    const people: { id: string; name: string; role: string | null; count: number }[] = (Array.isArray(body?.speakers) ? body.speakers : []).map(
      (p: { id: string; name?: string; roles?: { title: string }[]; passageCount?: number }) => ({
        id: String(p.id),
        name: p.name ?? String(p.id),
        role: p.roles?.at(-1)?.title ?? null,
        count: p.passageCount ?? 0,
      }),
    );
    people.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
    setTitle(t().speakersTitle);
    replaceChildren(ctx.main, h('div', {}, h('h1', { tabindex: '-1' }, t().speakersTitle),
      h('ul', { class: 'article-list' }, ...people.map((p) => h('li', {}, h('a', { href: `/speakers/${encodeURIComponent(p.id)}`, lang: CONTENT_LANG }, p.name),
        h('span', { class: 'muted' }, ...(p.role ? [' · ', vi(p.role)] : []), ` · ${t().passagesCount(p.count)}`))))));
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderSpeakers(ctx)));
  }
}
