/** The article page (`/articles/:id`): every passage in order, each a link target (`#<passage id>`). */
import { getArticle } from '../api.ts';
import { adminRemoveControl } from '../components/admin-remove.ts';
import { errorView, isAbort, linkedPassageBlock, loadingView, metaLine, setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

/** Renders `/articles/:id`. */
export async function renderArticle(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const a = await getArticle(ctx.params.id ?? '', ctx.signal);
    setTitle(a.title);
    const body = h('div', { class: 'article-body', lang: a.language }, ...a.passages.map(linkedPassageBlock));
    replaceChildren(ctx.main, h('article', { class: 'passage-page' },
      h('p', { class: 'eyebrow' }, t().article),
      h('h1', { tabindex: '-1', lang: CONTENT_LANG }, a.title),
      metaLine([h('time', a.date ? { datetime: a.date } : {}, formatDate(a.date)), a.source && vi(a.source), a.author ? h('span', {}, `${t().author}: `, vi(a.author)) : null,
        a.url ? h('a', { href: a.url, rel: 'noopener noreferrer external', target: '_blank' }, `${t().source} ↗`) : null]),
      body,
      adminRemoveControl(a.id)));
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    target?.scrollIntoView({ block: 'center' });
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderArticle(ctx)));
  }
}
