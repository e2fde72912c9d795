/**
 * The Cite dialog: the API's citation formats in an accessible `<dialog>` (focus trapped and
 * returned by the browser, Esc closes), with a Copy button.
 */
import type { Citation } from '../api.ts';
import { h } from '../dom.ts';
import { t } from '../i18n.ts';

/** Copies text: the async Clipboard API, else a selected hidden textarea and `execCommand`. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or insecure context: fall through to the legacy path.
  }
  const area = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  area.value = text;
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Builds the dialog and the button that opens it. */
export function citeDialog(citations: Citation[]): { button: HTMLButtonElement; dialog: HTMLDialogElement } {
  const titleId = 'cite-title';
  const select = h('select', { id: 'cite-format' });
  for (const [i, c] of citations.entries()) select.append(h('option', { value: String(i) }, c.label));
  const output = h('pre', { class: 'citation', id: 'cite-text', tabindex: '0', 'aria-labelledby': 'cite-format-label' });
  const status = h('p', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
  const show = (): void => {
    output.textContent = citations[Number(select.value)]?.text ?? '';
    status.textContent = '';
  };
  select.addEventListener('change', show);
  const copy = h('button', { type: 'button', class: 'button button-primary', id: 'cite-copy' }, t().copy);
  copy.addEventListener('click', async () => {
    const ok = await copyText(output.textContent ?? '');
    status.textContent = ok ? t().copied : t().copyFailed;
  });
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': titleId },
    h(
      'form',
      { method: 'dialog', class: 'dialog-close-form' },
      h('button', { type: 'submit', class: 'button button-quiet dialog-close', 'aria-label': t().close }, '×'),
    ),
    h('h2', { id: titleId }, t().citeTitle),
    h('p', { class: 'field' }, h('label', { for: 'cite-format', id: 'cite-format-label' }, t().citeFormat), ' ', select),
    output,
    h('div', { class: 'dialog-actions' }, copy, status),
  );
  show();
  const button = h('button', { type: 'button', class: 'button', id: 'cite-open', 'aria-haspopup': 'dialog' }, t().cite);
  button.addEventListener('click', () => {
    show();
    dialog.showModal();
    select.focus();
  });
  return { button, dialog };
}
