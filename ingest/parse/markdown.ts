/**
 * Markdown parser (unified + remark-parse): mdast nodes → `RawBlock`s whose spans are the
 * nodes' `position.start.offset … position.end.offset` in the source.
 *
 * A YAML-style front matter (`---` … `---` at the top) is read into meta and blanked out with
 * spaces before parsing, so offsets stay those of the file.
 */
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { normalizeSpace } from '../../lib/vietnamese.ts';
import type { ParsedDocument, RawBlock, RawBlockKind, SourceDocument, SourceMeta } from '../types.ts';
import { headerField } from './header-fields.ts';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const parser = unified().use(remarkParse);

/** Parses Markdown into mdast (exported for the verbatim check of spans). */
export function parseMarkdownTree(text: string): Root {
  return parser.parse(text);
}

/** Visible text of an mdast node: text, inline code and image alt, breaks as spaces. */
export function mdastText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if (node.type === 'break') return ' ';
  if (node.type === 'html' || node.type === 'code' || node.type === 'yaml') return '';
  if ('children' in node) {
    const parts = (node as Parent).children.map((c) => mdastText(c as Nodes));
    // Block children (list items, quotes) are separate lines: keep a space between them.
    return parts.join(isBlockParent(node) ? ' ' : '');
  }
  return '';
}

function isBlockParent(node: Nodes): boolean {
  return ['root', 'list', 'listItem', 'blockquote', 'table', 'tableRow'].includes(node.type);
}

/** Parses a `.md` source into blocks: headings, paragraphs, list items, quotes, image captions. */
export function parseMarkdown(src: SourceDocument): ParsedDocument {
  const meta: SourceMeta = {};
  let text = src.text;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    for (const line of fm[1]!.split(/\r?\n/)) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      const field = m ? headerField(m[1]!) : undefined;
      if (m && field && m[2]) meta[field] = m[2].replace(/^["']|["']$/g, '').trim();
    }
    text = text.slice(0, fm[0].length).replace(/[^\r\n]/g, ' ') + text.slice(fm[0].length);
  }
  const tree = parseMarkdownTree(text);
  const blocks: RawBlock[] = [];
  let afterImage = false;
  const push = (kind: RawBlockKind, node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    blocks.push({ kind, text: normalizeSpace(mdastText(node)), span: { start, end } });
  };
  const visit = (nodes: RootContent[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          push('heading', node);
          afterImage = false;
          break;
        case 'paragraph': {
          const visible = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
          const imagesOnly = visible.length > 0 && visible.every((c) => c.type === 'image' || c.type === 'imageReference');
          const emphasisOnly = visible.length > 0 && visible.every((c) => c.type === 'emphasis' || c.type === 'strong');
          if (imagesOnly) {
            // The alt text is all a reader sees of a photo; an empty one is dropped by the cleaner.
            push('caption', node);
            afterImage = true;
          } else {
            push(afterImage && emphasisOnly ? 'caption' : 'paragraph', node);
            afterImage = false;
          }
          break;
        }
        case 'list':
          for (const item of node.children) push('list-item', item);
          afterImage = false;
          break;
        case 'blockquote':
          visit(node.children);
          break;
        case 'table':
          for (const row of node.children) push('table-row', row);
          break;
        default:
          break;
      }
    }
  };
  visit(tree.children);
  return { source: src, meta, blocks };
}
