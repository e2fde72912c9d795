/**
 * Plain-text parser: one `RawBlock` per non-blank line, with its span in the source.
 *
 * Text files carry no structure beyond lines: some outlets separate paragraphs with a blank
 * line, others do not, and copies of web pages keep table pipes (`| caption |`). Deciding what
 * a line is (title, caption, chrome) is the cleaner's job; this stage only reads the header
 * the corpus files declare about themselves:
 *   - a `key: value` block closed by `---` (`url:`, `fetched-from:`), and
 *   - a leading ` date YYYY-MM-DD ` glued to the first line, whose rest stays text.
 */
import { normalizeSpace } from '../../lib/vietnamese.ts';
import type { ParsedDocument, RawBlock, SourceDocument, SourceMeta } from '../types.ts';
import { headerField } from './header-fields.ts';

const HEADER_KEY = /^([a-z][a-z-]*):\s*(.*)$/i;
const DATE_PREFIX = /^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|$)/;

/** A line of the file with its offsets (without the line break). */
interface Line {
  start: number;
  end: number;
  text: string;
}

/** Splits text into lines with offsets; `\r\n` and `\r` count as breaks too. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    lines.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

/** Parses a `.txt` source into header meta and line blocks. */
export function parseTxt(src: SourceDocument): ParsedDocument {
  const lines = splitLines(src.text);
  const meta: SourceMeta = {};
  let first = readHeader(lines, meta);
  const blocks: RawBlock[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    let start = line.start;
    let body = line.text;
    if (blocks.length === 0) {
      const m = DATE_PREFIX.exec(body);
      if (m) {
        meta.date ??= m[1]!;
        start += m[0].length;
        body = body.slice(m[0].length);
      }
    }
    const lead = body.length - body.trimStart().length;
    const trimmed = body.trim();
    if (normalizeSpace(trimmed) === '') continue;
    const span = { start: start + lead, end: start + lead + trimmed.length };
    const kind = trimmed.startsWith('|') || trimmed.endsWith('|') ? 'table-row' : 'line';
    blocks.push({ kind, text: normalizeSpace(trimmed), span });
  }
  return { source: src, meta, blocks };
}

/** Reads a leading `key: value … ---` header into meta; returns the index of the first body line. */
function readHeader(lines: Line[], meta: SourceMeta): number {
  const found: [string, string][] = [];
  for (let i = 0; i < Math.min(lines.length, 12); i++) {
    const t = lines[i]!.text.trim();
    if (t === '---') {
      if (found.length === 0) return 0;
      for (const [key, value] of found) {
        const field = headerField(key);
        if (field && value) meta[field] = value;
      }
      return i + 1;
    }
    const m = HEADER_KEY.exec(t);
    if (!m) return 0;
    found.push([m[1]!, m[2]!.trim()]);
  }
  return 0;
}
