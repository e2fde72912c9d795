/**
 * Pipeline cases as fixture folders: `tests/fixtures/<case>/input.(txt|md|html)` and the
 * `expected.json` of what parse + clean make of it (or the one-line error it is rejected with).
 * Run with `UPDATE_FIXTURES=1` to rewrite the expectations deliberately after a reviewed change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../ingest/clean/index.ts';
import { IngestError } from '../../ingest/errors.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import { REPO, loadSource } from './helpers.ts';

const ROOT = path.join(REPO, 'tests/fixtures');
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';

/** The observable outcome of one fixture, as stored in `expected.json`. */
function outcome(rel: string): unknown {
  try {
    const doc = cleanDocument(parseDocument(loadSource(ROOT, rel)));
    return {
      title: doc.title?.text ?? null,
      byline: doc.byline?.text ?? null,
      meta: doc.meta,
      blocks: doc.blocks.map((b) => (b.credit ? { kind: b.kind, text: b.text, credit: b.credit } : { kind: b.kind, text: b.text })),
      dropped: doc.dropped,
    };
  } catch (err) {
    if (err instanceof IngestError) return { error: err.message };
    throw err;
  }
}

describe('fixtures', () => {
  for (const name of fs.readdirSync(ROOT).sort()) {
    const input = fs.readdirSync(path.join(ROOT, name)).find((f) => f.startsWith('input.'));
    if (!input) continue;
    it(`cleans ${name}/${input} as expected.json says`, () => {
      const actual = outcome(`${name}/${input}`);
      const file = path.join(ROOT, name, 'expected.json');
      if (UPDATE || !fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
      expect(actual).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
    });
  }
});
