/**
 * Gathers what a reference of a passage is made of (citations.ts `CitationInput`) from the
 * passage, its article and the knowledge base: the absolute permalink, the speaker with the role
 * held then, the names of the events the passage is about (not those its article only mentions),
 * the language, the truncation flag and the day the reference is made (its access date).
 */
import type { Article } from '../ingest/types.ts';
import type { PassageDoc } from '../search/types.ts';
import { familyNameSet } from './citation-names.ts';
import type { CitationInput } from './citations.ts';
import type { Catalog } from './plugins/services.ts';
import { passagePath } from './present.ts';

/** Builds citation inputs for many passages, sharing what depends on the catalog only. */
export function citationInputBuilder(catalog: Catalog, origin: string, today = new Date().toISOString().slice(0, 10)) {
  const familyNames = familyNameSet([...catalog.people.values()]);
  return (passage: PassageDoc, article: Article | null): CitationInput => {
    // Events the article only mentions are not what the passage is "about" (attribution work, i9).
    const mentioned = new Set((article as (Article & { mentionedEventIds?: string[] }) | null)?.mentionedEventIds ?? []);
    const about = (passage.eventIds ?? []).filter((id) => !mentioned.has(id));
    return {
      passageId: passage.id,
      text: passage.text,
      title: article?.title || passage.title,
      date: article?.date ?? passage.date ?? null,
      source: article?.source ?? passage.source ?? null,
      author: article?.author ?? null,
      url: article?.url ?? passage.url ?? null,
      permalink: `${origin}${passagePath(passage.id)}`,
      language: article?.language ?? 'vi',
      speaker: passage.speakerId ? { name: passage.speakerName ?? passage.speakerId, role: passage.speakerRole ?? null } : null,
      events: about.map((id) => catalog.events.get(id)?.name).filter((n): n is string => Boolean(n)),
      truncated: passage.truncated === true,
      accessed: today,
      familyNames,
    };
  };
}
