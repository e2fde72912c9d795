/**
 * Passage kinds: the cleaner's block kinds, refined — a paragraph that is essentially a
 * direct quotation is a `quote`, and a numbered point ("Thứ nhất, …") is a `list-item`.
 */
import type { CleanBlock, PassageKind } from '../types.ts';
import { pointLabel } from './points.ts';
import { isQuoteParagraph } from './quotes.ts';

/** The output kind of a clean block. */
export function passageKind(block: CleanBlock): PassageKind {
  if (block.kind === 'caption' || block.kind === 'heading' || block.kind === 'list-item') {
    return block.kind === 'heading' && isQuoteParagraph(block.text) ? 'quote' : block.kind;
  }
  if (pointLabel(block.text)) return 'list-item';
  if (isQuoteParagraph(block.text)) return 'quote';
  return 'paragraph';
}
