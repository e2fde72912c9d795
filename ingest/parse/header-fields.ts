import type { SourceMeta } from '../types.ts';

/** The text fields a header may fill (not `dateFrom`, which only the HTML parser sets). */
export type HeaderField = Exclude<keyof SourceMeta, 'dateFrom'>;

/** Header keys a file may declare about itself (`url:` lines, Markdown front matter) and the meta field each fills. */
const HEADER_FIELDS: Readonly<Record<string, HeaderField>> = {
  url: 'url',
  title: 'title',
  date: 'date',
  author: 'author',
  source: 'source',
  language: 'language',
  lang: 'language',
};

/** The `SourceMeta` field a header key fills (case-insensitive), or undefined for a key we don't read. */
export function headerField(key: string): HeaderField | undefined {
  return HEADER_FIELDS[key.toLowerCase()];
}
