/**
 * Where curated files live: uploads under `CORPUS_DIR/uploads/` with names the server makes
 * (a client's name is checked and slugged, never joined to a path as given), removed files
 * under `DATA_DIR/trash/<article id>/` with a note of where they came from, so a removal can be
 * undone. Every write goes to a temporary dot-name first (the corpus walker skips dot files),
 * then is renamed into place.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { detectFormat } from '../../ingest/read.ts';
import { slugify } from '../../lib/vietnamese.ts';

/** The folder under CORPUS_DIR that uploads go to. */
export const UPLOADS = 'uploads';

/** A client-given file name the server will not use; `status` is what the API answers. */
export class FileNameError extends Error {
  override name = 'FileNameError';
  constructor(
    message: string,
    readonly status: 400 | 415,
  ) {
    super(message);
  }
}

/**
 * The stored name for a client's file name: its stem slugged (`Bài phát biểu.txt` →
 * `bai-phat-bieu.txt`), its extension kept when the pipeline reads it. A name with a folder
 * (`../x.txt`, `a/b.txt`, `C:\x.txt`), a control character or a leading dot is refused.
 */
export function safeUploadName(clientName: string): string {
  const shown = JSON.stringify(clientName.slice(0, 120));
  if (clientName === '' || clientName.length > 255) throw new FileNameError(`file name ${shown} must have 1 to 255 characters`, 400);
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/u.test(clientName) || clientName.includes('..') || clientName.startsWith('.') || /^[a-z]:/i.test(clientName)) {
    throw new FileNameError(`file name ${shown} must be a plain file name, without a folder, "..", a leading dot or control characters`, 400);
  }
  const ext = path.extname(clientName).toLowerCase();
  if (!detectFormat(clientName)) throw new FileNameError(`file name ${shown}: unsupported format "${ext}"; use .txt, .md or .html`, 415);
  const stem = slugify(clientName.slice(0, clientName.length - ext.length)).slice(0, 80).replace(/-+$/, '') || 'article';
  return `${stem}${ext}`;
}

/** A stored name for a fetched page: host and path slugged, extension from its content type. */
export function nameForUrl(url: URL, ext: '.html' | '.txt' | '.md'): string {
  const stem = slugify(`${url.hostname.replace(/^www\./, '')} ${url.pathname} ${url.search}`).slice(0, 100).replace(/-+$/, '') || 'page';
  return `${stem}${ext}`;
}

/** `root/rel`, checked to stay inside `root` (rel comes from the index or the server, never from a client). */
export function inside(root: string, rel: string): string {
  const abs = path.resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + path.sep)) throw new Error(`path "${rel}" leaves ${root}`);
  return abs;
}

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Writes bytes to a temporary dot-name beside `file`, then renames it into place. */
export async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, bytes, { mode: 0o644 });
  await fs.rename(tmp, file);
}

/** Moves a file, also across file systems (CORPUS_DIR and DATA_DIR may be different volumes). */
export async function moveFile(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await fs.copyFile(from, to);
    await fs.unlink(from);
  }
}

/** What the trash keeps beside a removed file. */
export interface TrashNote {
  articleId: string;
  /** The file's path relative to CORPUS_DIR, where a restore puts it back. */
  file: string;
  title: string | null;
  removedAt: string;
  /** Why it went to the trash: removed by a curator, or replaced by a newer upload of the same name. */
  reason: 'delete' | 'replace';
}

/** The trash of `DATA_DIR`: one folder per removed article. */
export class Trash {
  constructor(
    private readonly dataDir: string,
    private readonly corpusDir: string,
  ) {}

  private folder(articleId: string): string {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(articleId)) throw new Error(`bad article id "${articleId}"`);
    return path.join(this.dataDir, 'trash', articleId);
  }

  /** Moves the article's file out of the corpus into its trash folder. */
  async put(note: TrashNote): Promise<void> {
    const dir = this.folder(note.articleId);
    await fs.rm(dir, { recursive: true, force: true });
    await moveFile(inside(this.corpusDir, note.file), path.join(dir, 'file'));
    await fs.writeFile(path.join(dir, 'note.json'), `${JSON.stringify(note, null, 2)}\n`);
  }

  /** The note of a trashed article, or null. */
  async note(articleId: string): Promise<TrashNote | null> {
    try {
      return JSON.parse(await fs.readFile(path.join(this.folder(articleId), 'note.json'), 'utf8')) as TrashNote;
    } catch {
      return null;
    }
  }

  /** Moves the file back to where it was in the corpus and forgets the trash folder. */
  async restore(note: TrashNote): Promise<void> {
    const dir = this.folder(note.articleId);
    await moveFile(path.join(dir, 'file'), inside(this.corpusDir, note.file));
    await fs.rm(dir, { recursive: true, force: true });
  }
}
