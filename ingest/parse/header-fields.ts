import type { SourceMeta } from '../types.ts';

/** Header keys a file may declare about itself (`url:` lines, Markdown front matter) and the meta field each fills. */
const HEADER_FIELDS: Readonly<Record<string, keyof SourceMeta>> = {
  url: 'url',
  title: 'title',
  date: 'date',
  author: 'author',
  source: 'source',
  language: 'language',
  lang: 'language',
};

/** The `SourceMeta` field a header key fills (case-insensitive), or undefined for a key we don't read. */
export function headerField(key: string): keyof SourceMeta | undefined {
  return HEADER_FIELDS[key.toLowerCase()];
}
