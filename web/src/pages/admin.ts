/**
 * "Add to the archive" (`/admin`): the curator enters the token once (kept in sessionStorage),
 * then drops several files or pastes an address; each file gets a progress bar and its outcome —
 * a link to the new article, or the server's one-line reason.
 */
import { addFromUrl, adminToken, checkAdminToken, setAdminToken, uploadFile, type FileOutcomeView } from '../admin-api.ts';
import { setTitle } from '../components/common.ts';
import { CONTENT_LANG, h, replaceChildren } from '../dom.ts';
import { t } from '../i18n.ts';
import type { RouteContext } from '../router.ts';

const ACCEPT = '.txt,.md,.markdown,.html,.htm';

/** Renders `/admin`. */
export async function renderAdmin(ctx: RouteContext): Promise<void> {
  setTitle(t().adminTitle);
  const session = adminToken() ? await checkAdminToken().catch(() => null) : null;
  if (!session) {
    setAdminToken(null);
    renderTokenForm(ctx);
    return;
  }
  renderUploader(ctx, session.uploadMaxBytes);
}

function renderTokenForm(ctx: RouteContext, wrong = false): void {
  const input = h('input', { id: 'admin-token', type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'admin-token-hint' });
  const form = h('form', { class: 'admin-token-form' },
    h('label', { for: 'admin-token' }, t().adminTokenLabel),
    input,
    h('p', { id: 'admin-token-hint', class: 'hint' }, t().adminTokenHint),
    wrong ? h('p', { class: 'notice notice-error', role: 'alert' }, t().adminTokenWrong) : null,
    h('button', { type: 'submit', class: 'button button-primary' }, t().adminTokenSubmit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setAdminToken(input.value.trim());
    void checkAdminToken().then(
      (session) => {
        if (session) renderUploader(ctx, session.uploadMaxBytes);
        else {
          setAdminToken(null);
          renderTokenForm(ctx, true);
        }
      },
      () => renderTokenForm(ctx, true),
    );
  });
  replaceChildren(ctx.main, h('section', { class: 'admin-page' }, h('h1', { tabindex: '-1' }, t().adminTitle), form));
  input.focus();
}

function renderUploader(ctx: RouteContext, maxBytes: number): void {
  const list = h('ul', { class: 'upload-list', id: 'upload-list', 'aria-live': 'polite' });
  const fileInput = h('input', { id: 'admin-files', type: 'file', multiple: true, accept: ACCEPT, class: 'visually-hidden' });
  const zone = h('div', { class: 'drop-zone', id: 'drop-zone' },
    h('p', {}, t().adminDrop, ' ', h('label', { for: 'admin-files', class: 'button' }, t().adminChoose)),
    h('p', { class: 'hint' }, t().adminFormats((maxBytes / 1024 / 1024).toLocaleString(undefined, { maximumFractionDigits: 1 }))),
    fileInput);
  const send = (files: File[]) => {
    // One after another: the server applies changes one at a time anyway, and the list stays in order.
    void files.reduce<Promise<void>>((prev, file) => prev.then(() => sendOne(file, list)), Promise.resolve());
  };
  fileInput.addEventListener('change', () => {
    send([...(fileInput.files ?? [])]);
    fileInput.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('drop-zone-active');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-zone-active'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('drop-zone-active');
    send([...(event.dataTransfer?.files ?? [])]);
  });

  const urlInput = h('input', { id: 'admin-url', type: 'url', name: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'https://' });
  const urlForm = h('form', { class: 'admin-url-form' },
    h('label', { for: 'admin-url' }, t().adminUrlLabel),
    h('div', { class: 'search-box' }, urlInput, h('button', { type: 'submit', class: 'button' }, t().adminUrlSubmit)));
  urlForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = urlInput.value.trim();
    if (!url) return;
    const row = progressRow(url, list);
    row.progress.removeAttribute('value'); // indeterminate: the server fetches, then ingests
    void addFromUrl(url).then(
      (o) => row.done(o),
      () => row.done({ file: url, status: 0, reason: null, articles: [] }),
    );
    urlInput.value = '';
  });

  const forget = h('button', { type: 'button', class: 'button button-quiet' }, t().adminForget);
  forget.addEventListener('click', () => {
    setAdminToken(null);
    renderTokenForm(ctx);
  });
  replaceChildren(ctx.main, h('section', { class: 'admin-page' },
    h('h1', { tabindex: '-1' }, t().adminTitle),
    zone,
    urlForm,
    h('h2', {}, t().adminUploads),
    list,
    h('p', {}, forget)));
}

function sendOne(file: File, list: HTMLElement): Promise<void> {
  const row = progressRow(file.name, list);
  return uploadFile(file, (f) => {
    row.progress.value = f;
  }).then((o) => row.done(o));
}

/** A list item with a progress bar, then the outcome. */
function progressRow(name: string, list: HTMLElement): { progress: HTMLProgressElement; done: (o: FileOutcomeView) => void } {
  const progress = h('progress', { max: '1', value: '0', 'aria-label': name });
  const outcome = h('p', { class: 'upload-outcome' });
  const li = h('li', { class: 'upload-item', 'data-file': name }, h('span', { class: 'upload-name' }, name), progress, outcome);
  list.append(li);
  return {
    progress,
    done: (o) => {
      progress.value = 1;
      li.dataset.status = String(o.status);
      if (o.status === 201 || o.status === 200) {
        replaceChildren(outcome, o.status === 201 ? t().adminAdded : t().adminUnchanged, ' ',
          ...o.articles.map((a) => h('a', { href: a.permalink, lang: CONTENT_LANG }, a.title)));
        li.classList.add('upload-ok');
      } else {
        replaceChildren(outcome, o.status === 0 ? t().adminNetwork : `${t().adminRefused} ${o.reason ?? o.status}`);
        outcome.setAttribute('role', 'alert');
        li.classList.add('upload-refused');
      }
    },
  };
}
