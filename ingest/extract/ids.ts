/**
 * Stable, content-derived ids: re-ingesting the same file, or adding another file,
 * never changes an id (nothing depends on file order or on randomness).
 */
import { createHash } from 'node:crypto';

/** Article id: `a-` + the first 12 hex digits of the source file's SHA-256. */
export function articleId(sourceSha256: string): string {
  return `a-${sourceSha256.slice(0, 12)}`;
}

/** 8 hex digits of the SHA-256 of a passage's text. */
export function passageHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/**
 * Passage ids for the texts of one article, in order: `<articleId>-<hash>`, with `-2`, `-3`…
 * for the second and later copies of the same text in that article.
 */
export function passageIds(articleIdValue: string, texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const base = `${articleIdValue}-${passageHash(text)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
