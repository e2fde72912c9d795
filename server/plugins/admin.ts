/**
 * The curator's routes, `/api/admin/…`, behind `Authorization: Bearer <token>` (no cookie, so no
 * CSRF): add articles by file (raw body or multipart) or by address, replace one by uploading
 * the same file name with PUT, remove one to the trash and restore it, correct a passage's
 * speaker. Every change goes through the corpus sync (ingest + incremental index) and is one
 * line of the audit log. Read routes stay public; nothing here runs for a reader.
 *
 * @see server/README.md#curating-the-archive (security notes: token, fetch guard, audit log)
 * @see https://github.com/fastify/fastify-multipart
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IngestError, type IngestErrorCode } from '../../ingest/errors.ts';
import { saveSpeakerOverrides, type SpeakerOverride } from '../../ingest/overrides.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import { processSource } from '../../ingest/pipeline.ts';
import { decodeSource, detectFormat, SUPPORTED_EXTENSIONS } from '../../ingest/read.ts';
import type { Article, IngestWarning, KnowledgeBase } from '../../ingest/types.ts';
import { AuditLog, type AuditEntry } from '../admin/audit.ts';
import { checkUrlForm, fetchPublicPage, FetchRefusedError } from '../admin/fetch-guard.ts';
import {
  AddedArticle,
  AdminErrorBody,
  BEARER,
  FromUrlBody,
  IdParams,
  RemovedResponse,
  RestoredResponse,
  SessionResponse,
  SpeakerBody,
  SpeakerResponse,
  UploadQuery,
  UploadResponse,
} from '../admin/schemas.ts';
import { exists, FileNameError, inside, nameForUrl, safeUploadName, Trash, UPLOADS, writeAtomic, type TrashNote } from '../admin/storage.ts';
import { bearerToken, FailureLimiter, resolveAdminToken, tokenMatches } from '../admin/token.ts';
import { ApiError, apiError, type ErrorCode } from '../errors.ts';
import type { CorpusSync } from '../corpus-sync.ts';
import { articlePath } from '../present.ts';
import type { Static } from 'typebox';

/** Options of the admin routes. */
export interface AdminRoutesOptions {
  /** Ingests and indexes changed corpus files incrementally (`server/corpus-sync.ts`, the app's `corpusSync`). */
  corpusSync: Pick<CorpusSync, 'applyFiles' | 'removeFiles'>;
  /** The knowledge base the sync ingests with; a speaker correction updates its overrides in place. */
  kb: KnowledgeBase;
  /** Failed token checks per client address before it is refused for the window. Default 10 per 15 minutes. */
  maxFailures?: number;
  failureWindowMs?: number;
}

type Added = Static<typeof AddedArticle>;
type Outcome = {
  file: string;
  status: number;
  stored?: string;
  reason?: string;
  articles: Added[];
  replaced?: string;
  warnings?: IngestWarning[];
};

const RAW_TYPES = ['text/plain', 'text/html', 'text/markdown', 'text/x-markdown', 'application/xhtml+xml', 'application/octet-stream'];

/** What an ingest refusal answers: the file's content is the problem (422), or its size (413), or its kind (415). */
const STATUS_OF: Readonly<Record<IngestErrorCode, number>> = {
  empty: 422,
  binary: 422,
  encoding: 422,
  'no-article-body': 422,
  duplicate: 409,
  'too-large': 413,
  'unsupported-format': 415,
  unreadable: 422,
};

const CODE_OF: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  502: 'BAD_GATEWAY',
  504: 'GATEWAY_TIMEOUT',
};

const errors = { 400: AdminErrorBody, 401: AdminErrorBody, 403: AdminErrorBody, 404: AdminErrorBody, 409: AdminErrorBody, 413: AdminErrorBody, 415: AdminErrorBody, 422: AdminErrorBody, 429: AdminErrorBody, 502: AdminErrorBody, 503: AdminErrorBody, 504: AdminErrorBody };

function presentAdded(a: Article, passages: number): Added {
  return {
    id: a.id,
    title: a.title,
    date: a.date ?? null,
    source: a.source ?? null,
    url: a.url ?? null,
    sourceFile: a.sourceFile,
    passages,
    speakers: a.speakerIds ?? [],
    permalink: articlePath(a.id),
  };
}

/** Registers the admin routes (inside the `/api` scope, so its rate limit and readiness apply). */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, opts) => {
  const config = app.appConfig;
  const token = await resolveAdminToken(config.adminToken, config.dataDir, app.log);
  const limiter = new FailureLimiter(opts.maxFailures ?? 10, opts.failureWindowMs ?? 15 * 60_000);
  const audit = new AuditLog(config.dataDir);
  const trash = new Trash(config.dataDir, config.corpusDir);
  const maxBytes = config.uploadMaxBytes;
  const sync = opts.corpusSync;
  const kb = opts.kb;

  // One change at a time: two uploads of one name, or a delete during a replace, must not interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  };

  const record = (request: FastifyRequest, entry: Omit<AuditEntry, 'time' | 'client'>) => audit.record({ ...entry, client: request.ip });

  app.addHook('onRequest', async (request, reply) => {
    const wait = limiter.blockedFor(request.ip);
    if (wait > 0) {
      await record(request, { action: 'auth', file: null, articleId: null, outcome: 'denied', status: 429, reason: `${request.method} ${request.routeOptions.url}: too many failed tokens` });
      reply.header('retry-after', String(wait));
      throw apiError('RATE_LIMITED', `${wait} s (too many failed admin tokens from this address)`);
    }
    const presented = bearerToken(request.headers.authorization);
    if (presented === null || !tokenMatches(presented, token)) {
      limiter.fail(request.ip);
      const reason = presented === null ? 'no bearer token' : 'wrong token';
      await record(request, { action: 'auth', file: null, articleId: null, outcome: 'denied', status: 401, reason: `${request.method} ${request.routeOptions.url}: ${reason}` });
      reply.header('www-authenticate', 'Bearer realm="admin"');
      throw apiError('UNAUTHORIZED', presented === null ? 'This route needs "Authorization: Bearer <admin token>"' : 'The admin token is not valid');
    }
  });

  // Raw bodies arrive as bytes (any encoding), up to the size limit; Fastify answers 413 from the
  // Content-Length alone, or as soon as a streamed body passes the limit, before reading it whole.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
  // A file over the limit is cut at the limit (not read further) and refused on its own; the others go on.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes, files: 20, fields: 10, parts: 30, headerPairs: 200 } });

  app.setErrorHandler(async (err, request, reply) => {
    if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const file = (request.query as { filename?: string } | undefined)?.filename ?? null;
      const message = `${file ?? 'the body'}: over the size limit of ${maxBytes} bytes (UPLOAD_MAX_BYTES)`;
      await record(request, { action: actionOf(request), file, articleId: null, outcome: 'rejected', status: 413, reason: message });
      return reply.code(413).send({ error: 'PAYLOAD_TOO_LARGE', message });
    }
    throw err;
  });

  function actionOf(request: FastifyRequest): string {
    if (request.method === 'PUT') return 'replace';
    if (request.routeOptions.url?.endsWith('from-url')) return 'from-url';
    return 'upload';
  }

  /** Checks, stores, ingests and indexes one file; never throws for the file's own faults. */
  async function addOne(clientName: string, bytes: Buffer, mode: 'create' | 'replace', request: FastifyRequest, fetchedFrom?: string): Promise<Outcome> {
    const action = fetchedFrom ? 'from-url' : mode === 'replace' ? 'replace' : 'upload';
    const outcome = await serial(() => storeAndSync(clientName, bytes, mode));
    await record(request, {
      action,
      file: outcome.stored ?? clientName,
      articleId: outcome.articles[0]?.id ?? null,
      outcome: outcome.status < 300 ? 'ok' : 'rejected',
      status: outcome.status,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(fetchedFrom ? { url: fetchedFrom } : {}),
    });
    return outcome;
  }

  async function storeAndSync(clientName: string, bytes: Buffer, mode: 'create' | 'replace'): Promise<Outcome> {
    const refuse = (status: number, reason: string, stored?: string): Outcome => ({ file: clientName, status, reason, articles: [], ...(stored ? { stored } : {}) });
    let rel: string;
    try {
      rel = `${UPLOADS}/${safeUploadName(clientName)}`;
    } catch (err) {
      if (err instanceof FileNameError) return refuse(err.status, err.message);
      throw err;
    }
    if (bytes.length > maxBytes) return refuse(413, `${clientName}: over the size limit of ${maxBytes} bytes`);
    const abs = inside(config.corpusDir, rel);
    const existed = await exists(abs);
    if (existed && mode === 'create') return refuse(409, `${rel} exists already; PUT /api/admin/articles?filename=${encodeURIComponent(clientName)} replaces it`, rel);

    // The file's own faults are found before anything is written.
    let id: string;
    try {
      const extracted = processSource(decodeSource(rel, detectFormat(rel)!, bytes), kb);
      if (extracted.passages.length === 0) throw new IngestError(rel, 'no-article-body', 'no article text left after cleaning');
      id = extracted.article.id;
    } catch (err) {
      if (err instanceof IngestError) return refuse(STATUS_OF[err.code], `${clientName}: ${err.reason}`, rel);
      return refuse(422, `${clientName}: could not be read as an article (${oneLine(err)})`, rel);
    }
    const same = await app.searchService.getArticle(id);
    if (same && same.sourceFile !== rel) return refuse(409, `${clientName}: duplicate of article ${same.id} ("${same.title}", ${same.sourceFile})`, rel);
    if (same && same.sourceFile === rel) {
      const passages = (await app.searchService.findPassages({ articleId: [same.id] })).length;
      return { file: clientName, status: 200, stored: rel, reason: 'unchanged: the stored file has the same bytes', articles: [presentAdded(same, passages)] };
    }

    let trashed: TrashNote | null = null;
    if (existed) {
      const old = (await app.searchService.listArticles()).find((a) => a.sourceFile === rel);
      const oldBytes = await fs.readFile(abs);
      trashed = {
        articleId: old?.id ?? `file-${createHash('sha256').update(oldBytes).digest('hex').slice(0, 12)}`,
        file: rel,
        title: old?.title ?? null,
        removedAt: new Date().toISOString(),
        reason: 'replace',
      };
      await trash.put(trashed);
      await sync.removeFiles([rel]);
    }
    await writeAtomic(abs, bytes);
    const result = await sync.applyFiles([rel]);
    const rejected = result.rejected.find((r) => r.file === rel);
    const mine = result.articles.filter((a) => a.sourceFile === rel);
    if (rejected || mine.length === 0) {
      // Leave the corpus as it was: the new file goes, a replaced one comes back.
      await fs.rm(abs, { force: true });
      if (trashed) {
        await trash.restore(trashed);
        await sync.applyFiles([rel]);
      } else await sync.removeFiles([rel]);
      const reason = rejected?.reason ?? 'no article came out of the file';
      return refuse(/duplicate/.test(reason) ? 409 : 422, `${clientName}: ${reason}`, rel);
    }
    app.invalidateCatalog();
    const counts = await Promise.all(mine.map((a) => app.searchService.findPassages({ articleId: [a.id] }).then((p) => p.length)));
    return {
      file: clientName,
      status: 201,
      stored: rel,
      articles: mine.map((a, i) => presentAdded(a, counts[i]!)),
      warnings: result.warnings.filter((w) => w.file === rel),
      ...(trashed ? { replaced: trashed.articleId } : {}),
    };
  }

  /** 201 when a file was added (each file's outcome listed), else the first refusal's status. */
  function answer(reply: FastifyReply, outcomes: Outcome[]) {
    const files = outcomes.map(({ warnings: _w, ...o }) => o);
    const added = outcomes.filter((o) => o.status < 300);
    if (added.length > 0) {
      return reply.code(added.some((o) => o.status === 201) ? 201 : 200).send({
        articles: added.flatMap((o) => o.articles),
        warnings: added.flatMap((o) => o.warnings ?? []),
        files,
      });
    }
    const first = outcomes[0]!;
    const more = outcomes.length > 1 ? ` (and ${outcomes.length - 1} more file(s) refused)` : '';
    return reply.code(first.status).send({ error: CODE_OF[first.status] ?? 'BAD_REQUEST', message: `${first.reason}${more}`, files });
  }

  /** The uploaded files of a request: multipart parts, or the raw body named by `?filename=`. */
  async function collect(request: FastifyRequest, mode: 'create' | 'replace', filename: string | undefined): Promise<Outcome[]> {
    if (request.isMultipart()) {
      if (mode === 'replace') throw new ApiError('BAD_REQUEST', 'PUT takes one file as the raw body with ?filename=', { parameter: 'filename' });
      const outcomes: Outcome[] = [];
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const bytes = await part.toBuffer();
        if (part.file.truncated) {
          const o: Outcome = { file: part.filename, status: 413, reason: `${part.filename}: over the size limit of ${maxBytes} bytes (UPLOAD_MAX_BYTES)`, articles: [] };
          await record(request, { action: 'upload', file: part.filename, articleId: null, outcome: 'rejected', status: 413, reason: o.reason! });
          outcomes.push(o);
          continue;
        }
        outcomes.push(await addOne(part.filename, bytes, mode, request));
      }
      if (outcomes.length === 0) throw new ApiError('BAD_REQUEST', 'Invalid request: the form has no file part', { parameter: 'file' });
      return outcomes;
    }
    if (!filename) throw new ApiError('BAD_REQUEST', 'Invalid parameter "filename": a raw-body upload needs ?filename=<name>.txt|.md|.html', { parameter: 'filename' });
    if (!Buffer.isBuffer(request.body)) throw new ApiError('BAD_REQUEST', 'Invalid request: send the file as the body (text/plain, text/html, text/markdown or application/octet-stream)');
    return [await addOne(filename, request.body, mode, request)];
  }

  const uploadDoc = {
    tags: ['admin'],
    security: BEARER,
    querystring: UploadQuery,
    response: { 200: UploadResponse, 201: UploadResponse, ...errors },
  };

  app.get(
    '/admin/session',
    { schema: { tags: ['admin'], summary: 'Checks a curator token', security: BEARER, response: { 200: SessionResponse, ...errors } } },
    async () => ({ ok: true, uploadMaxBytes: maxBytes, extensions: [...SUPPORTED_EXTENSIONS] }),
  );

  app.post(
    '/admin/articles',
    {
      schema: {
        ...uploadDoc,
        summary: 'Adds articles: one file as the raw body with ?filename=, or several as multipart/form-data',
        description: 'Each file is stored under CORPUS_DIR/uploads/ with a safe name, ingested and indexed. 201 lists the new articles and each file\'s outcome; when no file could be added, the first refusal\'s status (409 exists/duplicate, 413 too large, 415 format, 422 binary, empty, undecodable, no article body).',
      },
    },
    async (request, reply) => answer(reply, await collect(request, 'create', request.query.filename)),
  );

  app.put(
    '/admin/articles',
    {
      schema: {
        ...uploadDoc,
        summary: 'Replaces the article stored under this file name (or adds it)',
        description: 'The previous file goes to the trash (restorable with POST /api/admin/articles/:id/restore).',
      },
    },
    async (request, reply) => answer(reply, await collect(request, 'replace', request.query.filename)),
  );

  app.post(
    '/admin/articles/from-url',
    {
      schema: {
        tags: ['admin'],
        security: BEARER,
        summary: 'Fetches a public page and adds it as an article, with its address as the source',
        description: 'http/https only; loopback, private, link-local and metadata addresses are refused after DNS resolution (FETCH_ALLOW_PRIVATE lists exceptions); redirects are checked the same way; time and size limits apply.',
        body: FromUrlBody,
        response: { 200: UploadResponse, 201: UploadResponse, ...errors },
      },
    },
    async (request, reply) => {
      const raw = request.body.url.trim();
      let page;
      try {
        checkUrlForm(raw);
        page = await fetchPublicPage(raw, { allowPrivate: config.fetchAllowPrivate, timeoutMs: config.fetchTimeoutMs, maxBytes });
      } catch (err) {
        if (!(err instanceof FetchRefusedError)) throw err;
        await record(request, { action: 'from-url', file: null, articleId: null, outcome: 'rejected', status: err.status, reason: err.message, url: raw.slice(0, 500) });
        return reply.code(err.status).send({ error: CODE_OF[err.status] ?? 'BAD_REQUEST', message: `${raw.slice(0, 200)}: ${err.message}`, parameter: 'url' });
      }
      const type = page.contentType.split(';')[0]!.trim().toLowerCase();
      const ext = type === 'text/html' || type === 'application/xhtml+xml' ? '.html' : type === 'text/plain' ? '.txt' : type === 'text/markdown' || type === 'text/x-markdown' ? '.md' : null;
      if (!ext) {
        const message = `${page.url}: the page is "${type || 'without a content type'}", not HTML, Markdown or plain text`;
        await record(request, { action: 'from-url', file: null, articleId: null, outcome: 'rejected', status: 415, reason: message, url: page.url });
        return reply.code(415).send({ error: 'UNSUPPORTED_MEDIA_TYPE', message, parameter: 'url' });
      }
      const name = nameForUrl(new URL(page.url), ext);
      return answer(reply, [await addOne(name, withSourceUrl(name, ext, page.body, page.url), 'create', request, page.url)]);
    },
  );

  app.delete(
    '/admin/articles/:id',
    {
      schema: {
        tags: ['admin'],
        security: BEARER,
        summary: 'Removes an article from the index and moves its file to DATA_DIR/trash/',
        params: IdParams,
        response: { 200: RemovedResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      return serial(async () => {
        const article = await app.searchService.getArticle(id);
        if (!article) {
          await record(request, { action: 'delete', file: null, articleId: id, outcome: 'rejected', status: 404, reason: 'no such article' });
          throw apiError('NOT_FOUND', `No article "${id}"`);
        }
        const note: TrashNote = { articleId: id, file: article.sourceFile, title: article.title, removedAt: new Date().toISOString(), reason: 'delete' };
        if (await exists(inside(config.corpusDir, article.sourceFile))) await trash.put(note);
        await sync.removeFiles([article.sourceFile]);
        app.invalidateCatalog();
        await record(request, { action: 'delete', file: article.sourceFile, articleId: id, outcome: 'ok', status: 200 });
        return { removed: { id, title: article.title, file: article.sourceFile }, restore: `/api/admin/articles/${id}/restore` };
      });
    },
  );

  app.post(
    '/admin/articles/:id/restore',
    {
      schema: {
        tags: ['admin'],
        security: BEARER,
        summary: 'Puts a removed (or replaced) article back from the trash and indexes it',
        params: IdParams,
        response: { 200: RestoredResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      return serial(async () => {
        const note = await trash.note(id);
        const fail = async (status: number, message: string, code: ErrorCode) => {
          await record(request, { action: 'restore', file: note?.file ?? null, articleId: id, outcome: 'rejected', status, reason: message });
          return new ApiError(code, message);
        };
        if (!note) throw await fail(404, `No article "${id}" in the trash`, 'NOT_FOUND');
        if (await exists(inside(config.corpusDir, note.file))) {
          throw await fail(409, `${note.file} exists again in the corpus; remove it before restoring article ${id}`, 'CONFLICT');
        }
        await trash.restore(note);
        const result = await sync.applyFiles([note.file]);
        const rejected = result.rejected.find((r) => r.file === note.file);
        if (rejected) throw await fail(422, `${note.file}: ${rejected.reason}`, 'UNPROCESSABLE');
        app.invalidateCatalog();
        const mine = result.articles.filter((a) => a.sourceFile === note.file);
        const counts = await Promise.all(mine.map((a) => app.searchService.findPassages({ articleId: [a.id] }).then((p) => p.length)));
        await record(request, { action: 'restore', file: note.file, articleId: mine[0]?.id ?? id, outcome: 'ok', status: 200 });
        return { articles: mine.map((a, i) => presentAdded(a, counts[i]!)), warnings: result.warnings.filter((w) => w.file === note.file) };
      });
    },
  );

  app.put(
    '/admin/passages/:id/speaker',
    {
      schema: {
        tags: ['admin'],
        security: BEARER,
        summary: "Corrects a passage's speaker (null: no speaker); kept in KB_DIR/overrides.json, applied at every ingest",
        params: IdParams,
        body: SpeakerBody,
        response: { 200: SpeakerResponse, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { speakerId } = request.body;
      return serial(async () => {
        const passage = await app.searchService.getPassage(id);
        const fail = async (status: number, message: string, code: ErrorCode, parameter?: string) => {
          await record(request, { action: 'speaker-override', file: passage?.sourceFile ?? null, articleId: passage?.articleId ?? null, outcome: 'rejected', status, reason: message });
          return new ApiError(code, message, parameter ? { parameter } : {});
        };
        if (!passage) throw await fail(404, `No passage "${id}"`, 'NOT_FOUND');
        if (speakerId !== null && !kb.people.some((p) => p.id === speakerId)) {
          throw await fail(400, `Unknown speaker id "${speakerId}" (parameter speakerId): add the person to the knowledge base first`, 'UNKNOWN_SPEAKER', 'speakerId');
        }
        const previous = (kb.speakerOverrides ?? []).find((o) => o.passageId === id);
        const override: SpeakerOverride = {
          passageId: id,
          articleId: passage.articleId,
          speakerId,
          was: previous ? previous.was : passage.speakerId,
          at: new Date().toISOString(),
        };
        const next = [...(kb.speakerOverrides ?? []).filter((o) => o.passageId !== id), override];
        await saveSpeakerOverrides(config.kbDir, next);
        kb.speakerOverrides = next;
        await sync.applyFiles([passage.sourceFile]);
        app.invalidateCatalog();
        await record(request, { action: 'speaker-override', file: passage.sourceFile, articleId: passage.articleId, outcome: 'ok', status: 200, reason: `${id}: ${override.was ?? 'none'} → ${speakerId ?? 'none'}` });
        return { passageId: id, articleId: passage.articleId, speakerId, was: override.was };
      });
    },
  );
};

/**
 * A fetched page keeps its address as the source: when the page does not name its own
 * (og:url, canonical link, a `url:` header), one line saying it is put before the page.
 */
function withSourceUrl(name: string, ext: '.html' | '.txt' | '.md', body: Buffer, url: string): Buffer {
  try {
    const src = decodeSource(`${UPLOADS}/${name}`, detectFormat(name)!, body);
    if (parseDocument(src).meta.url) return body;
  } catch {
    return body; // the ingest check that follows refuses it with the reason
  }
  // A BOM (UTF-8 only here: UTF-16 pages keep their bytes) stays first.
  const bom = body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  if (body[0] === 0xff || body[0] === 0xfe) return body;
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const head = ext === '.html' ? `<meta property="og:url" content="${attr}">\n` : ext === '.md' && !body.subarray(bom).toString('latin1').startsWith('---') ? `---\nurl: ${url}\n---\n` : ext === '.txt' ? `url: ${url}\n---\n` : '';
  return Buffer.concat([body.subarray(0, bom), Buffer.from(head, 'utf8'), body.subarray(bom)]);
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
