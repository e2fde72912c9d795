import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSearchService } from '../../search/index.ts';
import { CORPUS, REPO } from './helpers.ts';

const run = promisify(execFile);
const TSX = path.join(REPO, 'node_modules/.bin/tsx');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run ingest -- …` as a user would (without npm's banner), never on a terminal. */
async function ingest(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(MEILI_|INDEX_PREFIX)/.test(k)));
  try {
    const { stdout, stderr } = await run(TSX, ['ingest/cli.ts', ...args], { cwd: REPO, env: { ...clean, LOG_LEVEL: 'silent', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function readJsonl(file: string): Promise<Record<string, unknown>[]> {
  const text = await fs.readFile(file, 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

let tmp: string;
let input: string;
let first: CliRun;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-cli-'));
  input = path.join(tmp, 'in');
  await fs.cp(CORPUS, input, { recursive: true });
  await fs.rm(path.join(input, 'extra/05-daibieunhandan-toan-van-tbt-hnng32.txt'));
  first = await ingest(['--input', input, '--out', path.join(tmp, 'out1'), '--no-index']);
}, 180_000);
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('npm run ingest', () => {
  it('writes the five record files and exits 0', async () => {
    expect(first.code).toBe(0);
    expect((await fs.readdir(path.join(tmp, 'out1'))).sort()).toEqual(['articles.jsonl', 'events.json', 'passages.jsonl', 'people.json', 'report.json']);
  });

  it('prints a closing report of articles in, records out, rejections and candidates', () => {
    expect(first.stdout).toContain('Articles in: 20 files → 20 articles');
    expect(first.stdout).toMatch(/Records out: 20 articles, \d+ passages \(caption \d+/);
    expect(first.stdout).toContain('Rejected: none');
    expect(first.stdout).toMatch(/Cleaned away: \d+ lines \(after-section-end \d+, /);
    expect(first.stdout).toMatch(/Candidate people/);
  });

  it('prints plain progress lines when not on a terminal', () => {
    expect(first.stderr).toContain('[1/20] extra/01-qdnd-en-hnng30-preview.txt');
    expect(first.stderr).toContain('[20/20] seeds/004_710aeb7dca7f122c.txt');
  });

  it('writes records that validate against the JSON Schemas in schemas/', async () => {
    const ajv = new Ajv({ allErrors: true });
    const schema = async (name: string) => JSON.parse(await fs.readFile(path.join(REPO, 'schemas', `${name}.schema.json`), 'utf8')) as object;
    const check = async (name: string, rows: unknown[]) => {
      const validate = ajv.compile(await schema(name));
      for (const row of rows) expect(validate(row), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    };
    await check('article', await readJsonl(path.join(tmp, 'out1/articles.jsonl')));
    await check('passage', await readJsonl(path.join(tmp, 'out1/passages.jsonl')));
    await check('person', JSON.parse(await fs.readFile(path.join(tmp, 'out1/people.json'), 'utf8')) as unknown[]);
    await check('event', JSON.parse(await fs.readFile(path.join(tmp, 'out1/events.json'), 'utf8')) as unknown[]);
  });

  it('gives every passage a span whose source text is the passage', async () => {
    const passages = await readJsonl(path.join(tmp, 'out1/passages.jsonl'));
    const articles = new Map((await readJsonl(path.join(tmp, 'out1/articles.jsonl'))).map((a) => [a['id'], a['sourceFile'] as string]));
    const { normalizeSpace } = await import('../../lib/vietnamese.ts');
    for (const p of passages) {
      const text = (await fs.readFile(path.join(input, articles.get(p['articleId'])!), 'utf8')).normalize('NFC');
      const span = p['span'] as { start: number; end: number };
      expect(normalizeSpace(text.slice(span.start, span.end))).toContain(p['text']);
    }
  });

  it('writes byte-identical records when run twice on the same input', async () => {
    const again = await ingest(['--input', input, '--out', path.join(tmp, 'out2'), '--no-index']);
    expect(again.code).toBe(0);
    for (const f of ['articles.jsonl', 'passages.jsonl', 'people.json', 'events.json', 'report.json']) {
      expect(await fs.readFile(path.join(tmp, 'out2', f), 'utf8')).toBe(await fs.readFile(path.join(tmp, 'out1', f), 'utf8'));
    }
  });

  it('keeps every id when another article is added', async () => {
    await fs.copyFile(path.join(CORPUS, 'extra/05-daibieunhandan-toan-van-tbt-hnng32.txt'), path.join(input, 'extra/05-added.txt'));
    try {
      const added = await ingest(['--input', input, '--out', path.join(tmp, 'out3'), '--no-index']);
      expect(added.code).toBe(0);
      const ids = async (dir: string) => new Set((await readJsonl(path.join(tmp, dir, 'passages.jsonl'))).map((p) => `${p['id']}`));
      const before = await ids('out1');
      const after = await ids('out3');
      expect(after.size).toBeGreaterThan(before.size);
      for (const id of before) expect(after.has(id), id).toBe(true);
    } finally {
      await fs.rm(path.join(input, 'extra/05-added.txt'));
    }
  });

  it('exits non-zero with --strict when a file is rejected, naming it in the report', async () => {
    const bad = path.join(tmp, 'bad');
    await fs.mkdir(bad);
    await fs.copyFile(path.join(CORPUS, 'seeds/002_5d03adc93472d6dd.txt'), path.join(bad, 'good.txt'));
    await fs.writeFile(path.join(bad, 'empty.txt'), '');
    const lenient = await ingest(['--input', bad, '--out', path.join(tmp, 'out-bad'), '--no-index']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('✗ empty.txt: empty file');
    const strict = await ingest(['--input', bad, '--out', path.join(tmp, 'out-bad'), '--no-index', '--strict']);
    expect(strict.code).toBe(1);
  });

  it('exits non-zero when no article came out', async () => {
    const none = path.join(tmp, 'none');
    await fs.mkdir(none);
    await fs.writeFile(path.join(none, 'empty.txt'), '');
    const res = await ingest(['--input', none, '--out', path.join(tmp, 'out-none'), '--no-index']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('No article came out of the input.');
  });

  it('refuses a bad --max-bytes with a usage message', async () => {
    const res = await ingest(['--input', input, '--out', path.join(tmp, 'x'), '--max-bytes', 'lots']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--max-bytes must be a positive whole number of bytes');
  });

  it('indexes the records into Meilisearch without --no-index', async () => {
    const meili = inject('meili');
    const prefix = 't_ingest_cli_';
    const res = await ingest(['--input', input, '--out', path.join(tmp, 'out-index')], { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, INDEX_PREFIX: prefix });
    expect(res.code, res.stderr.split('\n').filter((l) => !l.startsWith('[')).join('\n')).toBe(0);
    expect(res.stdout).toMatch(/Indexed \d+ passages/);
    const service = createSearchService({ url: meili.url, masterKey: meili.masterKey, indexPrefix: prefix });
    expect((await service.listArticles()).length).toBe(20);
  }, 120_000);

  it('run again on the same engine, applies an added file in place instead of rebuilding', async () => {
    const meili = inject('meili');
    const prefix = 't_ingest_cli_';
    const env = { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, INDEX_PREFIX: prefix };
    const again = await ingest(['--input', input, '--out', path.join(tmp, 'out-index')], env);
    expect(again.stdout).toMatch(/Index is current \(fingerprint [0-9a-f]{12}\): nothing to apply/);
    await fs.copyFile(path.join(CORPUS, 'extra/05-daibieunhandan-toan-van-tbt-hnng32.txt'), path.join(input, 'extra/05-daibieunhandan-toan-van-tbt-hnng32.txt'));
    const res = await ingest(['--input', input, '--out', path.join(tmp, 'out-index')], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Applied in place: 1 article(s) written, 0 removed');
    const service = createSearchService({ url: meili.url, masterKey: meili.masterKey, indexPrefix: prefix });
    const articles = await service.listArticles();
    expect(articles.length).toBe(21);
    expect(articles.map((a) => a.sourceFile)).toContain('extra/05-daibieunhandan-toan-van-tbt-hnng32.txt');
  }, 180_000);
});
