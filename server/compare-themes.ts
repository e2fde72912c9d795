/**
 * Themes of an event side by side with their sources: the slogan each article quotes, with the
 * outlet that printed it. Two quotations of one theme that differ (a word more, other
 * punctuation) are both kept, each with its outlet, so a reader sees the variants instead of one
 * silently chosen.
 */
import type { Article } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';
import { foldDiacritics } from '../lib/vietnamese.ts';

/** One printing of a theme. */
export interface ThemeSource {
  /** The theme as this article prints it, verbatim. */
  text: string;
  /** The outlet; null when unknown. */
  source: string | null;
  articleId: string;
  passage: PassageDoc;
}

/** A theme and every printing of it. */
export interface ThemeGroup {
  /** The first printing's text (verbatim). */
  text: string;
  passage: PassageDoc;
  sources: ThemeSource[];
  /** True when the printings do not all read the same. */
  variants: boolean;
}

function words(text: string): string[] {
  return foldDiacritics(text.normalize('NFC')).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** True when two printings are one theme: most of their words in common (Jaccard ≥ 0.6). */
export function sameTheme(a: string, b: string): boolean {
  const x = new Set(words(a));
  const y = new Set(words(b));
  const inter = [...x].filter((w) => y.has(w)).length;
  const union = new Set([...x, ...y]).size;
  return union > 0 && inter / union >= 0.6;
}

/** Groups the themes the articles quote for an event, keeping every distinct printing with its outlet. */
export function groupThemes(eventId: string, articles: Article[], passageOf: (id: string) => PassageDoc | undefined): ThemeGroup[] {
  const groups: ThemeGroup[] = [];
  for (const a of articles) {
    for (const t of a.themes ?? []) {
      if (t.eventId !== null && t.eventId !== eventId) continue;
      const passage = passageOf(t.passageId);
      if (!passage) continue;
      const printing: ThemeSource = { text: t.text, source: a.source ?? null, articleId: a.id, passage };
      const group = groups.find((g) => sameTheme(g.text, t.text));
      if (!group) {
        groups.push({ text: t.text, passage, sources: [printing], variants: false });
        continue;
      }
      if (group.sources.some((s) => s.text === t.text && s.source === printing.source)) continue;
      group.sources.push(printing);
      group.variants = new Set(group.sources.map((s) => s.text.normalize('NFC').replace(/\s+/g, ' ').trim())).size > 1;
    }
  }
  return groups;
}
