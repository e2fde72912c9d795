/**
 * The hand-labelled ingest gold (tests/fixtures/gold/ingest-gold.json: the sixteen extras and the
 * four saved web pages) through the real pipeline: attribution precision ≥ 0.95 and recall ≥ 0.9,
 * the home page rejected, the saved pages' titles, leads, captions and junk as a reader takes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateIngest, type IngestEval } from '../../bench/eval-ingest.ts';
import { REPO } from './helpers.ts';
import { realKb } from './extract-doc.ts';

const GOLD = path.join(REPO, 'tests/fixtures/gold/ingest-gold.json');
let r: IngestEval;

beforeAll(async () => {
  r = await evaluateIngest(JSON.parse(fs.readFileSync(GOLD, 'utf8')), await realKb());
}, 60_000);

describe('ingest gold', () => {
  it('validates against schemas/ingest-gold.schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas/ingest-gold.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(JSON.parse(fs.readFileSync(GOLD, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps attribution precision ≥ 0.95 and recall ≥ 0.9', () => {
    expect(r.attribution.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.attribution.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('rejects the home page and accepts every article', () => {
    expect(r.checks['rejected']).toEqual({ ok: 20, total: 20 });
  });

  it('gets every labelled title, language, main event, lead, caption, provisional person and junk drop right', () => {
    for (const name of ['title', 'language', 'event', 'lead', 'caption', 'provisional', 'junk']) {
      expect(r.checks[name], `${name}: ${JSON.stringify(r.misses.filter((m) => m.miss.startsWith(name)))}`).toEqual({ ok: r.checks[name]?.total, total: r.checks[name]?.total });
    }
  });
});
