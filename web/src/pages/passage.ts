/**
 * The passage permalink: the passage highlighted in its article (scrolled to), its neighbours,
 * the Cite dialog, the original link with a text fragment, and citation metadata in the head.
 */
import { getArticle, getPassage, type ArticleView, type PassageView } from '../api.ts';
import { citeDialog } from '../components/cite-dialog.ts';
import { errorView, eventLine, isAbort, linkedPassageBlock, loadingView, metaLine, passageBlock, passageDateView, setTitle, speakerLink } from '../components/common.ts';
import { setCitationMeta } from '../components/head-meta.ts';
import { CONTENT_LANG, h, replaceChildren, vi } from '../dom.ts';
import { formatDate, kindLabel, t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';
import { sourceUrlWithTextFragment } from '../text-fragment.ts';

/** Renders `/passages/:id`. */
export async function renderPassage(ctx: RouteContext): Promise<void> {
  replaceChildren(ctx.main, loadingView());
  try {
    const data = await getPassage(ctx.params.id ?? '', ctx.signal);
    // The article's other passages give the context; the page still works without them.
    let article: ArticleView | null = data.article && data.article.passages.length ? data.article : null;
    if (!article && data.passage.articleId) article = await getArticle(data.passage.articleId, ctx.signal).catch((err) => (isAbort(err) ? Promise.reject(err) : null));
    if (ctx.signal.aborted) return;
    const p = data.passage;
    const title = article?.title || data.article?.title || p.title;
    const source = article?.source ?? data.article?.source ?? p.source;
    const date = article?.date ?? data.article?.date ?? p.date;
    const url = article?.url ?? data.article?.url ?? p.url;
    const author = article?.author ?? data.article?.author ?? null;
    setTitle(title);
    setCitationMeta({
      title,
      date,
      publisher: source,
      author,
      url,
      language: article?.language ?? data.article?.language ?? 'vi',
      pageUrl: location.origin + location.pathname,
      description: p.text.slice(0, 300),
    });

    const fragmentUrl = sourceUrlWithTextFragment(url, p.text, p.truncated);
    const { button, dialog } = citeDialog(data.citations);
    const actions = h(
      'div',
      { class: 'actions' },
      data.citations.length ? button : null,
      fragmentUrl
        ? h('a', { class: 'button', href: fragmentUrl, rel: 'noopener noreferrer external', target: '_blank', id: 'source-link' }, `${t().openSource} ↗`)
        : h('span', { class: 'muted' }, t().noSourceUrl),
    );

    const neighbours = h(
      'nav',
      { class: 'neighbours', 'aria-label': t().neighbours },
      data.previous ? h('a', { href: `/passages/${encodeURIComponent(data.previous.id)}`, rel: 'prev' }, `← ${t().previousPassage}`) : h('span', {}),
      data.next ? h('a', { href: `/passages/${encodeURIComponent(data.next.id)}`, rel: 'next' }, `${t().nextPassage} →`) : h('span', {}),
    );

    const body = article ? articleBody(article, p) : h('div', { class: 'article-body', lang: CONTENT_LANG }, passageBlock(p, true));
    replaceChildren(
      ctx.main,
      h(
        'article',
        { class: 'passage-page' },
        h('p', { class: 'eyebrow' }, t().inArticle),
        h('h1', { tabindex: '-1', lang: CONTENT_LANG }, title),
        metaLine([h('time', date ? { datetime: date } : {}, formatDate(date)), source && vi(source), author ? h('span', {}, `${t().author}: `, vi(author)) : null]),
        h(
          'section',
          { class: 'focus-passage', 'aria-label': t().passage },
          h('blockquote', { class: 'quoted', lang: article?.language ?? 'vi' }, p.text),
          metaLine([speakerLink(p.speaker), p.kind !== 'paragraph' ? kindLabel(p.kind) : null, !date && p.dateKind === 'event' ? passageDateView(p) : null, h('a', { href: `/passages/${encodeURIComponent(p.id)}` }, t().permalink)]),
          eventLine(p),
          actions,
        ),
        neighbours,
        body,
        dialog,
      ),
    );
    // The passage is quoted at the top with its title, date and Cite button: start there (the
    // article below marks it), and put focus on the title so a screen reader starts at the page, not the body.
    window.scrollTo(0, 0);
    ctx.main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  } catch (err) {
    if (isAbort(err)) return;
    replaceChildren(ctx.main, errorView(err, () => void renderPassage(ctx)));
  }
}

function articleBody(article: ArticleView, currentPassage: PassageView): HTMLElement {
  // Every other passage keeps its permalink, so a reader can move along the article.
  const blocks = article.passages.map((p) => (p.id === currentPassage.id ? h('div', { class: 'current-wrap' }, passageBlock(p, true)) : linkedPassageBlock(p)));
  return h('div', { class: 'article-body', lang: article.language }, ...blocks);
}
