import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../ingest/errors.ts';
import { readSource } from '../../ingest/read.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-read-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, data: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  return file;
}

async function rejection(file: string, opts?: { maxBytes?: number }): Promise<IngestError> {
  const err = await readSource(file, dir, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

describe('readSource', () => {
  it('rejects an empty file with a one-line message naming it', async () => {
    const err = await rejection(await write('empty.txt', ''));
    expect(err.message).toBe('empty.txt: empty file');
  });

  it('rejects a binary file that happens to end in .txt', async () => {
    const err = await rejection(await write('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])));
    expect(err.message).toMatch(/^photo\.txt: binary file \(control byte 0x1A at offset 6\)/);
    expect(err.message).not.toContain('\n');
  });

  it('converts Windows-1258 bytes and says so in the decoding note', async () => {
    // "Hà Nội" in Windows-1258: à = 0xE0, ô = 0xF4, combining dot below = 0xF2.
    const src = await readSource(await write('cp1258.txt', new Uint8Array([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x0a])), dir);
    expect(src.text).toBe('Hà Nội\n');
    expect(src.decoding?.encoding).toBe('windows-1258');
    expect(src.decoding?.note).toBe('not UTF-8 (invalid byte 0xE0 at offset 1): converted from windows-1258 (the code page whose text reads as Vietnamese)');
  });

  it('refuses bytes that no code page turns into text, naming the first bad byte', async () => {
    const err = await rejection(await write('junk.txt', new Uint8Array([0x48, 0x8f, 0x90, 0x20, 0x4e, 0xf4, 0xf2, 0x69])));
    expect(err.code).toBe('encoding');
    expect(err.message).toMatch(/^junk\.txt: not UTF-8 \(invalid byte 0x8F at offset 1\) and no code page fits .*; save it as UTF-8$/);
  });

  it('refuses a 50 MB file from its size alone, without reading it', async () => {
    const file = await write('huge.txt', '');
    await fs.truncate(file, 50 * 1024 * 1024); // sparse: no 50 MB is written or read
    const err = await rejection(file);
    expect(err.code).toBe('too-large');
    expect(err.message).toBe('huge.txt: too large (50.0 MB > limit 5.0 MB); raise it with --max-bytes');
  });

  it('honours a smaller configured size limit', async () => {
    const err = await rejection(await write('small.txt', 'Xin chào các bạn'), { maxBytes: 4 });
    expect(err.code).toBe('too-large');
  });

  it('rejects an extension it does not read', async () => {
    const err = await rejection(await write('notes.docx', 'x'));
    expect(err.message).toBe('notes.docx: unsupported format ".docx"; use .txt, .md or .html');
  });

  it('strips a byte-order mark and normalises to NFC, hashing the raw bytes', async () => {
    const decomposed = 'Hội nghị Ngoại giao'.normalize('NFD');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decomposed, 'utf8')]);
    const src = await readSource(await write('bom.md', bytes), dir);
    expect(src.text).toBe('Hội nghị Ngoại giao'.normalize('NFC'));
    expect(src.format).toBe('md');
    expect(src.byteLength).toBe(bytes.length);
    expect(src.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects the format from .markdown and .htm extensions too', async () => {
    expect((await readSource(await write('a.markdown', '# Tiêu đề'), dir)).format).toBe('md');
    expect((await readSource(await write('b.htm', '<p>Xin chào</p>'), dir)).format).toBe('html');
  });
});
