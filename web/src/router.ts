/**
 * Client-side routing with the History API: paths map to page renderers; same-origin link
 * clicks become `pushState`, Back/Forward re-render. The server answers every client path
 * with `index.html`, so a shared URL opens the same page.
 */
import { getLang } from './i18n.ts';

/** What a page receives when it renders. */
export interface RouteContext {
  main: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the user navigates away, so late responses never paint over a newer page. */
  signal: AbortSignal;
  /** True when the page is already on screen and only its URL state changed (search typing, Back). */
  sameRoute: boolean;
}

/** A path pattern and the page that renders it. */
export interface Route {
  name: string;
  pattern: RegExp;
  keys: string[];
  render: (ctx: RouteContext) => void | Promise<void>;
}

/** Builds a route from a path pattern with `:name` segments (`/passages/:id`). */
export function route(name: string, path: string, render: Route['render']): Route {
  const keys: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { name, pattern: new RegExp(`^${source}/?$`), keys, render };
}

/** Finds the route for a path; the params are URI-decoded. */
export function matchRoute(routes: Route[], pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => {
      try {
        params[k] = decodeURIComponent(m[i + 1] ?? '');
      } catch {
        params[k] = m[i + 1] ?? '';
      }
    });
    return { route: r, params };
  }
  return null;
}

/** Adds `lang=en` to an in-app URL when the interface is in English (Vietnamese is the default, so no parameter). */
export function withLang(href: string): string {
  const url = new URL(href, location.origin);
  if (getLang() === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return url.pathname + url.search + url.hash;
}

/** A router bound to a `<main>` element. */
export class Router {
  private controller: AbortController | null = null;
  private currentRoute: Route | null = null;

  constructor(
    private readonly routes: Route[],
    private readonly notFound: Route['render'],
    private readonly main: HTMLElement,
    private readonly afterRender: (routeName: string | null, sameRoute: boolean, focusMain: boolean) => void,
  ) {}

  /** Listens for Back/Forward and same-origin link clicks, then renders the current URL. */
  start(): void {
    // The pages render after a fetch, so the browser's own restoration would scroll an empty
    // page: each entry keeps its scroll position and Back puts it back once the page is drawn.
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    window.addEventListener('popstate', () => void this.render(false).then(() => {
      const y = (history.state as { scrollY?: unknown } | null)?.scrollY;
      if (typeof y === 'number') window.scrollTo(0, y);
    }));
    document.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const a = (event.target as Element | null)?.closest?.('a');
      if (!a || a.target || a.hasAttribute('download')) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/docs')) return;
      event.preventDefault();
      this.navigate(url.pathname + url.search + url.hash);
    });
    void this.render(false);
  }

  /** Goes to an in-app URL: a new history entry, or `replace` to change the current one (typing). */
  navigate(href: string, opts: { replace?: boolean; focusMain?: boolean } = {}): void {
    const target = withLang(href);
    if (target === location.pathname + location.search + location.hash && !opts.replace) return;
    if (opts.replace) history.replaceState(history.state, '', target);
    else {
      history.replaceState({ ...(history.state ?? {}), scrollY: window.scrollY }, '');
      history.pushState(null, '', target);
    }
    const focusMain = opts.focusMain ?? !opts.replace;
    // A followed link (a result, "Next page") starts the reader at the top of what it opens.
    void this.render(focusMain).then(() => {
      if (focusMain && !opts.replace) window.scrollTo(0, 0);
    });
  }

  /** The name of the route on screen. */
  get current(): string | null {
    return this.currentRoute?.name ?? null;
  }

  /** Renders the page for the current URL. */
  async render(focusMain: boolean): Promise<void> {
    const found = matchRoute(this.routes, location.pathname);
    const sameRoute = found !== null && found.route === this.currentRoute && found.route.name === 'search';
    if (!sameRoute) {
      this.controller?.abort();
      this.controller = new AbortController();
    }
    const signal = (this.controller ??= new AbortController()).signal;
    this.currentRoute = found?.route ?? null;
    const ctx: RouteContext = { main: this.main, params: found?.params ?? {}, query: new URLSearchParams(location.search), signal, sameRoute };
    await (found ? found.route.render(ctx) : this.notFound(ctx));
    this.afterRender(this.current, sameRoute, focusMain);
  }
}
