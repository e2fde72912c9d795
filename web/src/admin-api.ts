/**
 * The curator's side of the API (`/api/admin/…`). The token is kept in `sessionStorage` (gone
 * when the tab closes, never in a cookie, never in a URL) and sent as `Authorization: Bearer`.
 * Uploads go through XMLHttpRequest, the one browser API that reports upload progress.
 */
import { ApiRequestError } from './api.ts';

const TOKEN_KEY = 'ngkb.adminToken';

/** The curator token of this tab, or null. */
export function adminToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the curator token for this tab. */
export function setAdminToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage disabled: the token lives as long as the page.
  }
}

// The API's JSON, before normalisation.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Unsafe = any;

/** An article an upload added, as the page shows it. */
export interface AddedArticleView {
  id: string;
  title: string;
  date: string | null;
  permalink: string;
}

/** One file's outcome. */
export interface FileOutcomeView {
  file: string;
  status: number;
  reason: string | null;
  articles: AddedArticleView[];
}

function toOutcomes(body: Unsafe, fallbackName: string, status: number): FileOutcomeView[] {
  const files: Unsafe[] = Array.isArray(body?.files) ? body.files : [];
  if (files.length === 0) return [{ file: fallbackName, status, reason: typeof body?.message === 'string' ? body.message : null, articles: [] }];
  return files.map((f) => ({
    file: String(f.file ?? fallbackName),
    status: Number(f.status ?? status),
    reason: typeof f.reason === 'string' ? f.reason : null,
    articles: (Array.isArray(f.articles) ? f.articles : []).map((a: Unsafe) => ({ id: String(a.id), title: String(a.title), date: a.date ?? null, permalink: String(a.permalink ?? `/articles/${a.id}`) })),
  }));
}

async function adminJson(method: string, path: string, body?: unknown): Promise<{ status: number; body: Unsafe }> {
  let res: Response;
  try {
    res = await fetch(`/api/admin/${path}`, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${adminToken() ?? ''}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      credentials: 'omit',
    });
  } catch {
    throw new ApiRequestError(0, 'network error');
  }
  const json: Unsafe = await res.json().catch(() => null);
  return { status: res.status, body: json };
}

/** Checks the tab's token: the server's upload limit (bytes) when it accepts it, else null. */
export async function checkAdminToken(): Promise<{ uploadMaxBytes: number } | null> {
  const { status, body } = await adminJson('GET', 'session');
  return status === 200 ? { uploadMaxBytes: Number(body?.uploadMaxBytes) || 0 } : null;
}

/** Uploads one file as the raw body, reporting progress (0–1); resolves with the file's outcome. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<FileOutcomeView> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/admin/articles?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('authorization', `Bearer ${adminToken() ?? ''}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Unsafe = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: a proxy's page; the status says enough.
      }
      onProgress(1);
      resolve(toOutcomes(body, file.name, xhr.status)[0]!);
    };
    xhr.onerror = () => resolve({ file: file.name, status: 0, reason: null, articles: [] });
    xhr.send(file);
  });
}

/** Asks the server to fetch a page and add it. */
export async function addFromUrl(url: string): Promise<FileOutcomeView> {
  const { status, body } = await adminJson('POST', 'articles/from-url', { url });
  return toOutcomes(body, url, status)[0]!;
}

/** Removes an article (its file goes to the server's trash); throws with the server's message. */
export async function removeArticle(id: string): Promise<void> {
  const { status, body } = await adminJson('DELETE', `articles/${encodeURIComponent(id)}`);
  if (status !== 200) throw new ApiRequestError(status, typeof body?.message === 'string' ? body.message : 'error');
}

/** Puts a removed article back. */
export async function restoreArticle(id: string): Promise<void> {
  const { status, body } = await adminJson('POST', `articles/${encodeURIComponent(id)}/restore`);
  if (status !== 200) throw new ApiRequestError(status, typeof body?.message === 'string' ? body.message : 'error');
}
