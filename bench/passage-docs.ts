/**
 * The public `PassageDoc`s of a record set, built with the search module's own document builder
 * (without KB aliases or other search-only fields), so relevance is judged over exactly the
 * passages the index holds.
 */
import { AliasMatcher } from '../search/aliases.ts';
import { buildPassageDocs, toPassageDoc } from '../search/documents.ts';
import type { PassageDoc, RecordSet } from '../search/types.ts';

/** Public passage documents of a record set, as the index holds them. */
export function passageDocsOf(records: RecordSet): PassageDoc[] {
  return buildPassageDocs(records, new AliasMatcher([])).map((d) => toPassageDoc(d as unknown as Record<string, unknown>));
}
