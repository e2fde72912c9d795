/**
 * Entry point: builds the page frame (header with the search box, language switch, footer),
 * wires the router and the keyboard habits (`/` focuses search, Esc clears it).
 */
import { h, replaceChildren } from './dom.ts';
import { getLang, initLang, setLang, t } from './i18n.ts';
import { clearCitationMeta } from './components/head-meta.ts';
import { renderCompare } from './pages/compare.ts';
import { renderEvent, renderEvents } from './pages/event.ts';
import { renderKwic } from './pages/kwic.ts';
import { renderPassage } from './pages/passage.ts';
import { renderSearch, unmountSearch } from './pages/search.ts';
import { renderSpeaker } from './pages/speaker.ts';
import { renderSpeakers } from './pages/speakers.ts';
import { renderArticle } from './pages/article.ts';
import { renderAdmin } from './pages/admin.ts';
import { adminToken } from './admin-api.ts';
import { route, Router, type RouteContext } from './router.ts';
import { emptySearchState, MAX_QUERY_LENGTH, parseSearchState, serializeSearchState } from './url-state.ts';
import { errorView, setTitle } from './components/common.ts';
import { ApiRequestError } from './api.ts';

const DEBOUNCE_MS = 250;

/**
 * Touch-only devices: the primary pointer is a finger (no hover), or there is no fine pointer at
 * all. They have no "/" or Esc key to offer, so the keyboard hints are not shown (the same query
 * hides them in styles.css before this script runs). A tablet with a trackpad keyboard has a fine
 * pointer and keeps them.
 * @see https://www.w3.org/TR/mediaqueries-4/#mf-interaction
 */
const TOUCH_ONLY_QUERY = '(hover: none) and (pointer: coarse), not all and (any-pointer: fine)';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  // A checkbox or button has no text to type into: `/` still jumps to the search box from there.
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((el as HTMLInputElement).type);
}

function boot(): void {
  initLang(new URLSearchParams(location.search));
  const main = document.getElementById('main') as HTMLElement;
  const header = document.getElementById('site-header') as HTMLElement;
  const footer = document.getElementById('site-footer') as HTMLElement;
  const skip = document.getElementById('skip-link') as HTMLAnchorElement;

  const input = h('input', {
    id: 'q',
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: String(MAX_QUERY_LENGTH),
    'aria-describedby': 'q-hint',
    enterkeyhint: 'search',
  });
  const touchOnly = window.matchMedia(TOUCH_ONLY_QUERY);
  /** Shows the keyboard hints (the "/" badge, "Press / to search, Esc to clear") except on touch-only devices; a screen reader is not told of keys either. */
  const paintKeyHints = (): void => {
    const keys = !touchOnly.matches;
    for (const el of form.querySelectorAll<HTMLElement>('.kbd-hint, #q-hint')) el.hidden = !keys;
    if (keys) input.setAttribute('aria-describedby', 'q-hint');
    else input.removeAttribute('aria-describedby');
  };
  touchOnly.addEventListener('change', () => paintKeyHints());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let router: Router;

  /** Commits the box's text to the URL; `replace` while typing so Back skips keystrokes. */
  const commitQuery = (replace: boolean): void => {
    clearTimeout(timer);
    const onSearch = router.current === 'search';
    const base = onSearch ? parseSearchState(new URLSearchParams(location.search)) : emptySearchState();
    if (onSearch && base.q === input.value.trim()) return;
    const qs = serializeSearchState({ ...base, q: input.value, page: 1, literal: undefined }).toString();
    router.navigate(qs ? `/?${qs}` : '/', { replace: onSearch && replace, focusMain: false });
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => commitQuery(true), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value !== '') {
      event.preventDefault();
      input.value = '';
      commitQuery(true);
    }
  });
  const form = h('form', { role: 'search', class: 'search-form', action: '/', method: 'get' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    commitQuery(false);
  });

  // From the search box straight to the first result, past the header, filters and facets.
  const skipToResults = h('a', { class: 'skip-results', href: '#results', id: 'skip-results' });
  skipToResults.addEventListener('click', (event) => {
    event.preventDefault();
    const first = document.querySelector<HTMLElement>('#results .card-title a, #results a');
    if (first) first.focus();
    else document.getElementById('result-count')?.focus();
  });
  const langButton = h('button', { type: 'button', class: 'button button-quiet lang-switch', id: 'lang-switch' });
  langButton.addEventListener('click', () => {
    setLang(getLang() === 'vi' ? 'en' : 'vi');
    paintFrame();
    unmountSearch();
    router.navigate(location.pathname + location.search + location.hash, { replace: true, focusMain: false });
    langButton.focus();
  });

  const paintFrame = (): void => {
    skip.textContent = t().skip;
    skipToResults.textContent = t().skipToResults;
    input.placeholder = t().searchPlaceholder;
    langButton.textContent = t().switchLang;
    langButton.setAttribute('aria-label', t().switchLangLabel);
    langButton.setAttribute('lang', getLang() === 'vi' ? 'en' : 'vi');
    replaceChildren(
      form,
      h('label', { for: 'q', class: 'search-label' }, t().searchLabel),
      h('div', { class: 'search-box' }, input, h('kbd', { class: 'kbd-hint', 'aria-hidden': 'true' }, '/')),
      h('p', { id: 'q-hint', class: 'hint' }, t().searchHint),
      skipToResults,
    );
    paintKeyHints();
    replaceChildren(
      header,
      h(
        'div',
        { class: 'header-inner' },
        h('div', { class: 'brand' }, h('a', { href: '/', class: 'brand-name' }, t().appName), h('span', { class: 'brand-tagline' }, t().tagline)),
        h(
          'nav',
          { class: 'main-nav', 'aria-label': t().mainNav },
          h('a', { href: '/', 'data-nav': 'search' }, t().navSearch),
          h('a', { href: '/events', 'data-nav': 'events' }, t().navEvents),
          h('a', { href: '/speakers', 'data-nav': 'speakers' }, t().speakersTitle),
          h('a', { href: '/compare', 'data-nav': 'compare' }, t().navCompare),
          adminToken() ? h('a', { href: '/admin', 'data-nav': 'admin' }, t().adminNav) : null,
          langButton,
        ),
        form,
      ),
    );
    replaceChildren(footer, h('p', {}, t().footer), h('p', {}, h('a', { href: '/docs', rel: 'external' }, 'API')));
  };
  paintFrame();

  const deps = { navigate: (href: string, opts?: { replace?: boolean; focusMain?: boolean }) => router.navigate(href, opts), searchInput: input };
  const leaveSearch = (fn: (ctx: RouteContext) => Promise<void>) => (ctx: RouteContext) => {
    unmountSearch();
    return fn(ctx);
  };
  // Every page but the passage page (which sets its own) drops the previous page's citation tags.
  const withoutCitationMeta = (fn: (ctx: RouteContext) => Promise<void>) => (ctx: RouteContext) => {
    clearCitationMeta();
    return fn(ctx);
  };
  const search = withoutCitationMeta((ctx) => renderSearch(ctx, deps));
  const routes = [
    route('search', '/', search),
    route('search', '/search', search),
    route('passage', '/passages/:id', leaveSearch(renderPassage)),
    route('article', '/articles/:id', leaveSearch(withoutCitationMeta(renderArticle))),
    route('speakers', '/speakers', leaveSearch(withoutCitationMeta(renderSpeakers))),
    route('speaker', '/speakers/:id', leaveSearch(withoutCitationMeta(renderSpeaker))),
    route('events', '/events', leaveSearch(withoutCitationMeta(renderEvents))),
    route('event', '/events/:id', leaveSearch(withoutCitationMeta(renderEvent))),
    route('compare', '/compare', leaveSearch(withoutCitationMeta((ctx) => renderCompare(ctx, deps.navigate)))),
    route('kwic', '/kwic', leaveSearch(withoutCitationMeta((ctx) => renderKwic(ctx, (href) => deps.navigate(href))))),
    route('admin', '/admin', leaveSearch(withoutCitationMeta(renderAdmin))),
  ];
  router = new Router(
    routes,
    (ctx) => {
      unmountSearch();
      clearCitationMeta();
      setTitle(t().notFound);
      replaceChildren(ctx.main, h('h1', { tabindex: '-1' }, t().notFound), errorView(new ApiRequestError(404, 'not found')));
    },
    main,
    (name, sameRoute, focusMain) => {
      for (const a of header.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
        const active = a.dataset.nav === name || (a.dataset.nav === 'events' && name === 'event') || (a.dataset.nav === 'speakers' && name === 'speaker');
        if (active) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      if (name !== 'search') input.value = '';
      if (focusMain && !sameRoute && !main.contains(document.activeElement)) {
        const heading = main.querySelector<HTMLElement>('h1');
        if (heading && name !== 'passage') heading.focus({ preventScroll: true });
      }
    },
  );

  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  router.start();
}

boot();
