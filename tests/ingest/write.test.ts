import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../ingest/pipeline.ts';
import { writeRecords } from '../../ingest/write.ts';

const empty: IngestResult = { articles: [], passages: [], people: [], events: [], rejected: [{ file: 'x.txt', reason: 'empty file' }], candidates: [], warnings: [], fingerprint: 'f', filesIn: 1, dropped: {} };
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-write-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('writeRecords', () => {
  it('writes the five files and leaves no temporary file behind', async () => {
    const out = path.join(dir, 'out');
    await writeRecords(empty, out);
    expect((await fs.readdir(out)).sort()).toEqual(['articles.jsonl', 'events.json', 'passages.jsonl', 'people.json', 'report.json']);
    expect(JSON.parse(await fs.readFile(path.join(out, 'report.json'), 'utf8'))).toMatchObject({ filesIn: 1, articles: 0, rejected: [{ file: 'x.txt', reason: 'empty file' }] });
  });

  it('leaves the previous records whole when one of them cannot be replaced', async () => {
    const out = path.join(dir, 'out2');
    await writeRecords(empty, out);
    const before = await fs.readFile(path.join(out, 'people.json'), 'utf8');
    await fs.rm(path.join(out, 'events.json'));
    await fs.mkdir(path.join(out, 'events.json')); // a folder where a record file should go
    const people = [{ id: 'bui-thanh-son', name: 'Bùi Thanh Sơn', aliases: [], roles: [] }];
    await expect(writeRecords({ ...empty, people }, out)).rejects.toThrow(/events\.json: exists and is not a file/);
    expect(await fs.readFile(path.join(out, 'people.json'), 'utf8')).toBe(before);
    expect((await fs.readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
