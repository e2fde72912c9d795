/**
 * The curator's routes against the real engine and real Fastify (inject): token, uploads by
 * raw body and multipart, refusals, the fetch guard (only 127.0.0.1 is ever contacted),
 * delete/restore, replace, speaker corrections and the audit log.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import { runIngest } from '../../ingest/pipeline.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import type { Config } from '../../lib/config.ts';
import { articleText, AUTH, auditLines, buildAdminApp, makeArchive, multipartBody, TOKEN, type Archive } from './admin-helpers.ts';

let archive: Archive;
let app: FastifyInstance;
let config: Config;
let kb: KnowledgeBase;
let pages: http.Server;
let pagesUrl: string;
const contacted: string[] = [];

const PAGE = articleText('Bình Định', 'ngoại giao nhân dân');

beforeAll(async () => {
  archive = await makeArchive('admin');
  // Failed tokens are limited per address; this app allows many, the limiter has its own test below.
  ({ app, config, kb } = await buildAdminApp(inject('meili'), 't_admin_', archive, { ADMIN_TOKEN: TOKEN }, { maxFailures: 1000 }));
  // The only server the fetch tests contact: 127.0.0.1, listed in FETCH_ALLOW_PRIVATE.
  pages = http.createServer((req, res) => {
    contacted.push(req.url ?? '');
    if (req.url === '/bai-viet') {
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>${PAGE.title}</title></head><body><article><h1>${PAGE.title}</h1>${PAGE.text
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((p) => `<p>${p}</p>`)
        .join('')}</article></body></html>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (req.url === '/redirect-private') {
      res.writeHead(302, { location: 'http://127.0.0.2:9/secret' }).end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>x</p>'.repeat(40_000));
    } else if (req.url === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
  pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await new Promise((r) => pages?.close(r));
  await fs.rm(archive.root, { recursive: true, force: true });
});

const upload = (filename: string, body: string | Buffer, headers: Record<string, string> = AUTH, method: 'POST' | 'PUT' = 'POST') =>
  app.inject({ method, url: `/api/admin/articles?filename=${encodeURIComponent(filename)}`, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, payload: body });
const search = async (q: string) => (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })).json();

describe('access', () => {
  const routes = [
    { method: 'GET', url: '/api/admin/session' },
    { method: 'POST', url: '/api/admin/articles?filename=a.txt', payload: 'x', headers: { 'content-type': 'text/plain' } },
    { method: 'PUT', url: '/api/admin/articles?filename=a.txt', payload: 'x', headers: { 'content-type': 'text/plain' } },
    { method: 'POST', url: '/api/admin/articles/from-url', payload: { url: 'http://127.0.0.1:9/x' } },
    { method: 'DELETE', url: '/api/admin/articles/a-000000000001' },
    { method: 'POST', url: '/api/admin/articles/a-000000000001/restore' },
    { method: 'PUT', url: '/api/admin/passages/a-000000000001-00000000/speaker', payload: { speakerId: null } },
  ] as const;

  it.each(routes)('$method $url answers 401 without a token and with a wrong one', async (route) => {
    const base = { method: route.method, url: route.url, payload: 'payload' in route ? route.payload : undefined };
    const none = await app.inject({ ...base, headers: { ...('headers' in route ? route.headers : {}) } });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="admin"');
    expect(none.json().error).toBe('UNAUTHORIZED');
    const wrong = await app.inject({ ...base, headers: { ...('headers' in route ? route.headers : {}), authorization: 'Bearer not-the-token-at-all-000' } });
    expect(wrong.statusCode).toBe(401);
    expect(JSON.stringify(wrong.json())).not.toContain(TOKEN);
  });

  it('takes the token only from the Authorization header, not a cookie or the query', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/admin/session', headers: { cookie: `token=${TOKEN}` } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/admin/session?token=${TOKEN}` })).statusCode).toBe(401);
    const ok = await app.inject({ method: 'GET', url: '/api/admin/session', headers: AUTH });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, uploadMaxBytes: 200000 });
  });

  it('keeps read routes public', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/search?q=ngo%E1%BA%A1i%20giao' })).statusCode).toBe(200);
  });
});

describe('adding files', () => {
  const A = articleText('Phú Yên', 'ngoại giao kinh tế');

  it('stores a raw-body .txt under uploads/, indexes it and answers 201 with the article', async () => {
    const res = await upload('Bài Phú Yên.txt', A.text);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.articles).toHaveLength(1);
    expect(body.articles[0]).toMatchObject({ title: A.title, date: '2025-08-12', sourceFile: 'uploads/bai-phu-yen.txt' });
    expect(body.articles[0].permalink).toBe(`/articles/${body.articles[0].id}`);
    expect(await fs.readFile(path.join(archive.corpusDir, 'uploads/bai-phu-yen.txt'), 'utf8')).toBe(A.text);
    // Found by search right after the answer.
    const found = await search(A.phrase);
    expect(found.hits.map((h: { articleId: string }) => h.articleId)).toContain(body.articles[0].id);
    expect((await app.inject({ method: 'GET', url: `/api/articles/${body.articles[0].id}` })).statusCode).toBe(200);
  });

  it('refuses the same name again with 409 and says PUT replaces it', async () => {
    const res = await upload('Bài Phú Yên.txt', articleText('Phú Yên', 'du lịch').text);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^uploads\/bai-phu-yen\.txt exists already; PUT \/api\/admin\/articles\?filename=/);
  });

  it('refuses the same article under another name as a duplicate', async () => {
    const res = await upload('copy.txt', A.text);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^copy\.txt: duplicate of article a-[0-9a-f]{12} \("Bộ Ngoại giao tổ chức hội nghị về ngoại giao kinh tế tại Phú Yên", uploads\/bai-phu-yen\.txt\)/);
  });

  it('refuses a ../ file name and writes nothing outside uploads/', async () => {
    const res = await upload('../../evil.txt', articleText('Hà Giang', 'biên giới').text);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('file name "../../evil.txt" must be a plain file name, without a folder, "..", a leading dot or control characters');
    await expect(fs.stat(path.join(archive.root, 'evil.txt'))).rejects.toThrow();
    await expect(fs.stat(path.join(archive.corpusDir, 'evil.txt'))).rejects.toThrow();
  });

  it('refuses a binary file with 422 naming it', async () => {
    const res = await upload('anh.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), { ...AUTH, 'content-type': 'application/octet-stream' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('anh.txt: binary file (control byte 0x1A at offset 6), not text');
    await expect(fs.stat(path.join(archive.corpusDir, 'uploads/anh.txt'))).rejects.toThrow();
  });

  it('refuses a format it does not read with 415', async () => {
    const res = await upload('bai.docx', 'x');
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/unsupported format "\.docx"/);
  });

  it('answers 413 for a body over the limit, from its Content-Length, before reading it', async () => {
    const res = await upload('lon.txt', 'a'.repeat(200_001));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: 'PAYLOAD_TOO_LARGE', message: 'lon.txt: over the size limit of 200000 bytes (UPLOAD_MAX_BYTES)' });
    await expect(fs.stat(path.join(archive.corpusDir, 'uploads/lon.txt'))).rejects.toThrow();
  });

  it('takes several files as multipart and answers each one', async () => {
    const B = articleText('Tây Ninh', 'hợp tác biên giới');
    const C = articleText('Kon Tum', 'bảo hộ công dân');
    const { payload, headers } = await multipartBody([
      { name: 'tay-ninh.txt', content: B.text },
      { name: 'kon-tum.md', content: `# ${C.title}\n\n${C.text.split('\n').slice(2).join('\n')}`, type: 'text/markdown' },
      { name: 'trong.txt', content: '   \n' },
      { name: 'qua-lon.txt', content: 'b'.repeat(200_001) },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/admin/articles', headers: { ...AUTH, ...headers }, payload });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.articles.map((a: { title: string }) => a.title)).toEqual([B.title, C.title]);
    expect(body.files.map((f: { file: string; status: number }) => [f.file, f.status])).toEqual([
      ['tay-ninh.txt', 201],
      ['kon-tum.md', 201],
      ['trong.txt', 422],
      ['qua-lon.txt', 413],
    ]);
    expect(body.files[2].reason).toBe('trong.txt: empty file (only whitespace)');
  });
});

describe('adding by address', () => {
  it('fetches a page from an allowed address and keeps the address as its source', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/articles/from-url', headers: AUTH, payload: { url: `${pagesUrl}/bai-viet` } });
    expect(res.statusCode).toBe(201);
    const [a] = res.json().articles;
    expect(a.title).toBe(PAGE.title);
    expect(a.url).toBe(`${pagesUrl}/bai-viet`);
    expect(a.sourceFile).toMatch(/^uploads\/127-0-0-1-bai-viet\.html$/);
    const audit = (await auditLines(archive.dataDir)).filter((l) => l.action === 'from-url');
    expect(audit.at(-1)).toMatchObject({ outcome: 'ok', status: 201, url: `${pagesUrl}/bai-viet`, articleId: a.id });
  });

  it.each([
    ['a loopback address not in the allow list', 'http://127.0.0.2:9/x', 403, /resolves to 127\.0\.0\.2, a loopback, private, link-local or reserved address/],
    ['a private address', 'http://10.0.0.7/x', 403, /resolves to 10\.0\.0\.7/],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 403, /resolves to 169\.254\.169\.254/],
    ['an IPv6 loopback', 'http://[::1]:9/x', 403, /resolves to ::1/],
    ['an IPv4-mapped IPv6 private address', 'http://[::ffff:192.168.1.1]/x', 403, /resolves to ::ffff:c0a8:101/],
    ['a file:// address', 'file:///etc/passwd', 400, /only http and https addresses can be fetched, not file:/],
    ['an address with a password', 'http://user:pw@127.0.0.1:9/x', 400, /user name or password/],
  ])('refuses %s without contacting it', async (_label, url, status, message) => {
    const before = contacted.length;
    const res = await app.inject({ method: 'POST', url: '/api/admin/articles/from-url', headers: AUTH, payload: { url } });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toMatch(message);
    expect(res.json().parameter).toBe('url');
    expect(contacted.length).toBe(before);
  });

  it('re-checks a redirect and refuses one to a private address', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/articles/from-url', headers: AUTH, payload: { url: `${pagesUrl}/redirect-private` } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/resolves to 127\.0\.0\.2/);
  });

  it('refuses a page over the size limit with 413 and a non-text page with 415', async () => {
    const big = await app.inject({ method: 'POST', url: '/api/admin/articles/from-url', headers: AUTH, payload: { url: `${pagesUrl}/big` } });
    expect(big.statusCode).toBe(413);
    const png = await app.inject({ method: 'POST', url: '/api/admin/articles/from-url', headers: AUTH, payload: { url: `${pagesUrl}/image` } });
    expect(png.statusCode).toBe(415);
    expect(png.json().message).toMatch(/the page is "image\/png", not HTML, Markdown or plain text/);
  });
});

describe('removing, restoring and replacing', () => {
  const D = articleText('Điện Biên', 'đối ngoại địa phương');
  let id: string;

  it('removes an article from the index and moves its file to the trash', async () => {
    id = (await upload('dien-bien.txt', D.text)).json().articles[0].id;
    const res = await app.inject({ method: 'DELETE', url: `/api/admin/articles/${id}`, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ removed: { id, title: D.title, file: 'uploads/dien-bien.txt' }, restore: `/api/admin/articles/${id}/restore` });
    expect((await app.inject({ method: 'GET', url: `/api/articles/${id}` })).statusCode).toBe(404);
    expect((await search(D.phrase)).hits.map((h: { articleId: string }) => h.articleId)).not.toContain(id);
    expect(await fs.readFile(path.join(archive.dataDir, 'trash', id, 'file'), 'utf8')).toBe(D.text);
    await expect(fs.stat(path.join(archive.corpusDir, 'uploads/dien-bien.txt'))).rejects.toThrow();
  });

  it('restores it from the trash', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/admin/articles/${id}/restore`, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.json().articles[0]).toMatchObject({ id, title: D.title });
    expect((await app.inject({ method: 'GET', url: `/api/articles/${id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/admin/articles/${id}/restore`, headers: AUTH })).statusCode).toBe(404);
  });

  it('answers 404 for an article that does not exist', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/api/admin/articles/a-ffffffffffff', headers: AUTH })).statusCode).toBe(404);
  });

  it('replaces the article of a file name with PUT, the old one going to the trash', async () => {
    const E = articleText('Điện Biên', 'thông tin đối ngoại');
    const res = await upload('dien-bien.txt', E.text, AUTH, 'PUT');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.articles[0].title).toBe(E.title);
    expect(body.files[0].replaced).toBe(id);
    expect((await app.inject({ method: 'GET', url: `/api/articles/${id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/articles/${body.articles[0].id}` })).statusCode).toBe(200);
    expect(await fs.readFile(path.join(archive.dataDir, 'trash', id, 'file'), 'utf8')).toBe(D.text);
  });

  it('keeps the old article when the replacement is refused', async () => {
    const res = await upload('dien-bien.txt', Buffer.from([0, 1, 2, 3]), { ...AUTH, 'content-type': 'application/octet-stream' }, 'PUT');
    expect(res.statusCode).toBe(422);
    expect((await search('thông tin đối ngoại tại Điện Biên')).total).toBeGreaterThan(0);
  });
});

describe('correcting a speaker', () => {
  it('stores the correction beside the corpus and it survives a fresh ingest', async () => {
    const [article] = (await search('kinh nghiệm thực tiễn của Tây Ninh')).hits;
    const passageId: string = article.id;
    const res = await app.inject({ method: 'PUT', url: `/api/admin/passages/${passageId}/speaker`, headers: AUTH, payload: { speakerId: 'bui-thanh-son' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ passageId, speakerId: 'bui-thanh-son' });
    const shown = (await app.inject({ method: 'GET', url: `/api/passages/${passageId}` })).json();
    expect(shown.passage.speaker?.id).toBe('bui-thanh-son');
    // The source file is untouched; a re-ingest from scratch (a restart) applies the correction again.
    const reloaded = await loadKnowledgeBase(config.kbDir);
    const fresh = await runIngest({ inputDir: config.corpusDir, kb: reloaded });
    expect(fresh.passages.find((p) => p.id === passageId)?.speakerId).toBe('bui-thanh-son');
    expect(JSON.parse(await fs.readFile(path.join(archive.kbDir, 'overrides.json'), 'utf8')).speakers[0]).toMatchObject({ passageId, speakerId: 'bui-thanh-son' });
    expect(kb.speakerOverrides).toHaveLength(1);
  });

  it('refuses a speaker the knowledge base does not know', async () => {
    const [hit] = (await search('kinh nghiệm thực tiễn của Tây Ninh')).hits;
    const res = await app.inject({ method: 'PUT', url: `/api/admin/passages/${hit.id}/speaker`, headers: AUTH, payload: { speakerId: 'nguoi-khong-co' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('speakerId');
  });
});

describe('the audit log', () => {
  it('has one line per write with time, action, file, article id, outcome and client, never the token', async () => {
    const raw = await fs.readFile(path.join(archive.dataDir, 'audit.jsonl'), 'utf8');
    expect(raw).not.toContain(TOKEN);
    const lines = await auditLines(archive.dataDir);
    const upload = lines.find((l) => l.action === 'upload' && l.file === 'uploads/bai-phu-yen.txt' && l.outcome === 'ok');
    expect(upload).toMatchObject({ status: 201, client: '127.0.0.1' });
    expect(upload?.articleId).toMatch(/^a-[0-9a-f]{12}$/);
    expect(Date.parse(String(upload?.time))).not.toBeNaN();
    expect(lines.some((l) => l.action === 'auth' && l.outcome === 'denied' && l.status === 401)).toBe(true);
    expect(lines.some((l) => l.action === 'delete' && l.outcome === 'ok')).toBe(true);
    expect(lines.some((l) => l.action === 'restore' && l.outcome === 'ok')).toBe(true);
    expect(lines.some((l) => l.action === 'upload' && l.file === 'lon.txt' && l.status === 413)).toBe(true);
  });
});
