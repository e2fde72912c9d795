/**
 * Stage 2, parse: `SourceDocument` → `ParsedDocument` (raw blocks with spans), by format.
 */
import type { ParsedDocument, SourceDocument, SourceFormat } from '../types.ts';
import { parseHtml } from './html.ts';
import { parseMarkdown } from './markdown.ts';
import { parseTxt } from './txt.ts';

const PARSERS: Readonly<Record<SourceFormat, (src: SourceDocument) => ParsedDocument>> = {
  txt: parseTxt,
  md: parseMarkdown,
  html: parseHtml,
};

/** Parses a source by its format; throws `IngestError` only when a file has no article at all. */
export function parseDocument(src: SourceDocument): ParsedDocument {
  return PARSERS[src.format](src);
}
