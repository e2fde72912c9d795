/**
 * The curator's Remove button on an article page (shown only when this tab holds a curator
 * token). Two clicks remove, so a stray click does nothing; a removed article can be restored
 * from the same place.
 */
import { adminToken, removeArticle, restoreArticle } from '../admin-api.ts';
import { h, replaceChildren } from '../dom.ts';
import { t } from '../i18n.ts';

/** The Remove control for an article, or null for a reader without a token. */
export function adminRemoveControl(articleId: string): HTMLElement | null {
  if (!adminToken()) return null;
  const box = h('div', { class: 'admin-remove', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button', id: 'admin-remove' }, t().adminRemove);
  let armed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      button.textContent = t().adminRemoveConfirm;
      timer = setTimeout(() => {
        armed = false;
        button.textContent = t().adminRemove;
      }, 6000);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    removeArticle(articleId).then(
      () => {
        const restore = h('button', { type: 'button', class: 'button', id: 'admin-restore' }, t().adminRestore);
        restore.addEventListener('click', () => {
          restore.disabled = true;
          restoreArticle(articleId).then(
            () => replaceChildren(box, h('p', { class: 'notice' }, t().adminRestored)),
            (err: Error) => replaceChildren(box, h('p', { class: 'notice notice-error', role: 'alert' }, err.message)),
          );
        });
        replaceChildren(box, h('p', { class: 'notice', role: 'status' }, t().adminRemoved, ' '), restore);
      },
      (err: Error) => {
        button.disabled = false;
        replaceChildren(box, button, h('p', { class: 'notice notice-error', role: 'alert' }, err.message));
      },
    );
  });
  box.append(button);
  return box;
}
