/** Pieces several pages share: status messages, passage cards, meta lines. */
import { ApiRequestError, type PassageView } from '../api.ts';
import { CONTENT_LANG, h, setApiHighlightedHtml, vi } from '../dom.ts';
import { formatDate, getLang, kindLabel, t } from '../i18n.ts';
import { rt } from '../research-strings.ts';

/** A polite loading line. */
export function loadingView(): HTMLElement {
  return h('p', { class: 'status', role: 'status' }, t().loading);
}

/** The plain message shown when the API fails (never the server's internals). */
export function errorView(err: unknown, onRetry?: () => void): HTMLElement {
  // A 400 on a detail page means the id in the URL is malformed: to a reader, that page does not exist.
  const notFound = err instanceof ApiRequestError && (err.status === 404 || err.status === 400);
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', {}, notFound ? t().notFound : t().apiError),
    onRetry && !notFound ? h('button', { type: 'button', class: 'button', onclick: () => onRetry() }, t().retry) : null,
    notFound ? h('p', {}, h('a', { href: '/' }, t().backToSearch)) : null,
  );
}

/** True for the error fetch throws when a request is aborted (a newer one replaced it). */
export function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}

/** "12/8/2018 · Báo Thế giới & Việt Nam" */
export function metaLine(parts: (Node | string | null | undefined | false)[]): HTMLElement {
  const el = h('p', { class: 'meta' });
  let first = true;
  for (const part of parts) {
    if (!part) continue;
    if (!first) el.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    el.append(part);
    first = false;
  }
  return el;
}

/** A speaker as a link to their page, with the role they held then. */
export function speakerLink(speaker: PassageView['speaker']): HTMLElement | null {
  if (!speaker) return null;
  return h('span', { class: 'speaker', lang: CONTENT_LANG }, h('a', { href: `/speakers/${encodeURIComponent(speaker.id)}` }, speaker.name), speaker.role ? `, ${speaker.role}` : '');
}

/** A passage card: title link, meta, and the snippet (API-escaped HTML) or plain text. */
export function passageCard(p: PassageView, opts: { headingLevel?: 'h2' | 'h3' | 'h4'; showTitle?: boolean } = {}): HTMLElement {
  const body = h('p', { class: 'passage-text', lang: CONTENT_LANG });
  if (p.snippet ?? p.highlighted) setApiHighlightedHtml(body, (p.snippet ?? p.highlighted) as string);
  else body.textContent = p.text;
  // A snippet that stops before the passage's end ("…") does not reach the cut.
  if (p.truncated && !(p.snippet ?? '').endsWith('…')) body.append(truncatedMark());
  const heading = opts.headingLevel ?? 'h2';
  const titleLink = () => h('a', { href: `/passages/${encodeURIComponent(p.id)}`, lang: p.title ? CONTENT_LANG : null }, p.title || t().passage);
  const title = opts.showTitle === false ? null : h(heading, { class: 'card-title' }, titleLink());
  return h(
    'article',
    { class: 'card' },
    title,
    metaLine([passageDateView(p), p.source && vi(p.source), speakerLink(p.speaker), p.kind !== 'paragraph' ? h('span', { class: 'kind-label' }, kindLabel(p.kind)) : null]),
    eventLine(p),
    body,
    opts.showTitle === false ? h('p', { class: 'card-link' }, titleLink()) : null,
  );
}

/**
 * The date a passage is known by: its publication date, or — when the article has none — the
 * date of the event it reports, labelled "ngày sự kiện" so it is never taken for a publication date.
 */
export function passageDateView(p: PassageView): HTMLElement {
  const date = p.passageDate ?? p.date;
  const time = h('time', date ? { datetime: date } : {}, formatDate(date));
  if (p.dateKind !== 'event') return time;
  return h('span', { class: 'date-event', title: t().eventDateTitle }, time, ' ', h('span', { class: 'date-kind' }, `(${t().eventDateLabel})`));
}

/** The events a passage is from, each linking to its page; null when it has none. */
export function eventLine(p: PassageView): HTMLElement | null {
  const events = p.events ?? [];
  if (events.length === 0) return null;
  const line = h('p', { class: 'card-events' }, h('span', { class: 'visually-hidden' }, `${t().eventsOfHit}: `));
  events.forEach((e, i) => {
    if (i > 0) line.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    // The API names events in the interface language (the KB's English names in English).
    line.append(h('a', { class: 'event-link', href: `/events/${encodeURIComponent(e.id)}`, lang: getLang() === 'en' ? null : CONTENT_LANG }, e.name));
  });
  return line;
}

/** One passage of an article as its own block (heading, quote or paragraph), `id` = passage id so `#<id>` finds it. */
export function passageBlock(p: PassageView, current = false): HTMLElement {
  const tag = p.kind === 'heading' ? 'h2' : p.kind === 'quote' ? 'blockquote' : 'p';
  const el = h(tag, { id: p.id, class: `block block-${p.kind}${current ? ' current' : ''}` }, p.text, p.truncated ? truncatedMark() : null);
  if (current) el.setAttribute('aria-current', 'true');
  return el;
}

/** A passage block followed by its `¶` permalink, so a reader can move to that passage's page. */
export function linkedPassageBlock(p: PassageView): HTMLElement {
  const block = passageBlock(p);
  block.append(' ', h('a', { class: 'anchor', href: `/passages/${encodeURIComponent(p.id)}`, 'aria-label': `${t().permalink}: ${p.text.slice(0, 40)}…` }, '¶'));
  return block;
}

/** "[…]" after a passage cut off at the end of a truncated source, explained to screen readers and on hover. */
export function truncatedMark(): HTMLElement {
  return h('span', { class: 'truncated-mark', title: rt().truncatedMark }, ' […]', h('span', { class: 'visually-hidden' }, ` (${rt().truncatedMark})`));
}

/** Sets the document title: "Page — App name". */
export function setTitle(title: string): void {
  document.title = title ? `${title} — ${t().appName}` : t().appName;
}
