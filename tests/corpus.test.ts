import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

interface SourceEntry { file: string; origin: string; sha256: string; bytes: number }
const entries: SourceEntry[] = JSON.parse(fs.readFileSync('corpus/sources.json', 'utf8'));

describe('vendored corpus', () => {
  it('records all five seeds and sixteen extra articles', () => {
    expect(entries.filter((e) => e.file.startsWith('seeds/'))).toHaveLength(5);
    expect(entries.filter((e) => e.file.startsWith('extra/'))).toHaveLength(16);
  });

  it.each(entries.map((e) => [e.file, e]))('keeps %s byte for byte', (_file, entry) => {
    const buf = fs.readFileSync(`corpus/raw/${entry.file}`);
    expect(buf.length).toBe(entry.bytes);
    expect(createHash('sha256').update(buf).digest('hex')).toBe(entry.sha256);
  });
});
