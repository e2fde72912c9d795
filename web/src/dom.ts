/**
 * Small DOM helpers. Every string goes in as text (`textContent`), never as HTML; the one
 * exception is `setApiHighlightedHtml`, for the API's already-escaped `highlighted`/`snippet`.
 */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element; attributes starting with `on` are listeners, `false`/null attributes are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      el.className = String(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children, turning strings into text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element (attributes only; text via `textContent`). */
export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return el;
}

/**
 * Inserts the API's highlighted text. The API HTML-escapes the passage before adding `<mark>`;
 * as a second line of defence we parse it inertly and keep only text and `<mark>` elements.
 */
export function setApiHighlightedHtml(el: Element, safeHtml: string): void {
  const doc = new DOMParser().parseFromString(`<body>${safeHtml}</body>`, 'text/html');
  const frag = document.createDocumentFragment();
  const copy = (from: Node, to: Node): void => {
    for (const node of Array.from(from.childNodes)) {
      if (node.nodeType === Node.TEXT_NODE) to.appendChild(document.createTextNode(node.textContent ?? ''));
      else if (node.nodeType === Node.ELEMENT_NODE) {
        if ((node as Element).tagName === 'MARK' || (node as Element).tagName === 'EM') {
          const mark = document.createElement('mark');
          copy(node, mark);
          to.appendChild(mark);
        } else {
          copy(node, to);
        }
      }
    }
  };
  copy(doc.body, frag);
  el.replaceChildren(frag);
}

/**
 * Language of the corpus content (passage text, titles, names, roles, themes, terms): Vietnamese
 * whatever the interface language, so with the English interface screen readers still read it
 * with a Vietnamese voice and the browser hyphenates it as Vietnamese.
 */
export const CONTENT_LANG = 'vi';

/** Vietnamese content inside interface text: a `<span lang="vi">`. */
export function vi(...children: Child[]): HTMLSpanElement {
  return h('span', { lang: CONTENT_LANG }, ...children);
}
