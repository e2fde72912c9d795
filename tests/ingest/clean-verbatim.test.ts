import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spanText } from '../../ingest/clean/index.ts';
import { cleanDocument } from '../../ingest/clean/index.ts';
import { findInjected, restoreRemoved } from '../../ingest/clean/injected.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import type { CleanDocument } from '../../ingest/types.ts';
import { REPO, cleanCorpusFile, corpusFiles, loadSource } from './helpers.ts';

/** What the cleaner may cut at the edges of a block: table pipes, separators, an agency tag. */
const EDGE = /^[\s|\-–—.:()]*$/u;
const AGENCY = /^(?:\(?[A-ZĐ]{2,8}\)?|\([\p{L}\d.-]+\))\s*[-–]\s*$/u;

/**
 * The block's text with its recorded in-word removals put back — and only those: each recorded
 * removal must be one the injected-character rule finds in the text as printed, so a block may
 * differ from its source by exactly its recorded in-word drops and nothing else.
 */
function printedText(doc: CleanDocument, b: { text: string; removed?: { at: number; text: string }[] }): string {
  if (!b.removed?.length) return b.text;
  const printed = restoreRemoved(b.text, b.removed);
  const found = findInjected(printed).filter((f) => f.action === 'remove').map(({ at, text }) => ({ at, text }));
  expect(b.removed, `${doc.source.path}: recorded removals in "${printed.slice(0, 60)}" are not what the injected-character rule finds`).toEqual(found);
  return printed;
}

/** Asserts the verbatim rule for every block (and the title and byline) of a document. */
function expectVerbatim(doc: CleanDocument): void {
  const parts = [...doc.blocks, ...(doc.title ? [doc.title] : []), ...(doc.byline ? [doc.byline] : [])];
  for (const part of parts) {
    const b = { ...part, text: printedText(doc, part) };
    const visible = spanText(doc.source, b.span);
    const at = visible.indexOf(b.text);
    expect(at, `${doc.source.path}: "${b.text.slice(0, 60)}" is not the text of its span "${visible.slice(0, 60)}"`).toBeGreaterThanOrEqual(0);
    const before = visible.slice(0, at);
    let after = visible.slice(at + b.text.length);
    const credit = 'credit' in b && typeof b.credit === 'string' ? b.credit : undefined;
    // In .txt the span stops before the credit; in .md/.html it is the whole element, credit included.
    if (credit && after.includes(credit)) after = after.replace(credit, '').replace(/ảnh|nguồn|photo/iu, '');
    expect(EDGE.test(before) || AGENCY.test(before), `${doc.source.path}: cut before "${b.text.slice(0, 40)}": "${before}"`).toBe(true);
    expect(EDGE.test(after), `${doc.source.path}: cut after "${b.text.slice(0, 40)}": "${after}"`).toBe(true);
  }
}

describe('the verbatim rule: cleaning removes, it never rewrites', () => {
  for (const rel of corpusFiles()) {
    it(`holds for every block of ${rel}`, () => {
      expectVerbatim(cleanCorpusFile(rel));
    });
  }

  it('holds exactly (span text equals block text) for plain-text blocks without a credit', () => {
    for (const rel of corpusFiles()) {
      const doc = cleanCorpusFile(rel);
      for (const b of doc.blocks.filter((x) => !x.credit)) {
        if (doc.dropped.some((d) => d.rule === 'agency-tag') && b === doc.blocks.find((x) => x.kind === 'paragraph')) continue;
        expect(spanText(doc.source, b.span)).toBe(printedText(doc, b));
      }
    }
  });

  describe('allows exactly the recorded in-word drops and nothing else', () => {
    const injected = () => cleanDocument(parseDocument(loadSource(path.join(REPO, 'tests/fixtures'), 'txt-injected-chars/input.txt')));

    it('accepts the spam-mirror fixture, whose blocks differ from their spans by their recorded drops', () => {
      const doc = injected();
      expect(doc.blocks.filter((b) => b.removed?.length).length).toBe(4);
      expectVerbatim(doc);
    });

    it('fails a block that lost a character without a record', () => {
      const doc = injected();
      const b = doc.blocks.find((x) => x.removed?.length)!;
      delete b.removed;
      expect(() => expectVerbatim(doc)).toThrow(/is not the text of its span/);
    });

    it('fails a recorded drop that the injected-character rule would not make (a letter of the word)', () => {
      const doc = injected();
      const b = doc.blocks[0]!;
      const at = b.text.indexOf('Nội') + 1;
      b.removed = [{ at, text: b.text[at]! }];
      b.text = b.text.slice(0, at) + b.text.slice(at + 1);
      expect(() => expectVerbatim(doc)).toThrow(/not what the injected-character rule finds/);
    });
  });

  for (const name of fs.readdirSync(path.join(REPO, 'tests/fixtures')).sort()) {
    const input = fs.readdirSync(path.join(REPO, 'tests/fixtures', name)).find((f) => f.startsWith('input.'));
    if (!input || name.includes('no-body')) continue;
    it(`holds for the Markdown/HTML fixture ${name}`, () => {
      const src = loadSource(path.join(REPO, 'tests/fixtures'), `${name}/${input}`);
      expectVerbatim(cleanDocument(parseDocument(src)));
    });

    it(`holds for a copy of ${name} saved with Windows line endings`, () => {
      const src = loadSource(path.join(REPO, 'tests/fixtures'), `${name}/${input}`);
      const crlf = { ...src, text: src.text.replace(/\r?\n/g, '\r\n') };
      const doc = cleanDocument(parseDocument(crlf));
      expect(doc.blocks.length).toBe(cleanDocument(parseDocument(src)).blocks.length);
      expectVerbatim(doc);
    });
  }
});
