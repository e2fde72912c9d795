/**
 * Names and abbreviations from the knowledge base, as searchable equivalences.
 *
 * Every entity of the KB (event, person, general term, outlet) is a group of forms that mean the
 * same thing: "HNNG 31" = "Hội nghị Ngoại giao lần thứ 31", "BNG" = "Bộ Ngoại giao",
 * "Đại hội XIII" = "Đại hội 13". A passage that names one form carries all the forms of its group
 * in a searchable `aliases` field (document-side expansion), so a query for any form finds it with
 * exact totals and facet counts. Nothing here is a list in code: the groups come from the KB.
 */
import type { KnowledgeBase } from '../ingest/types.ts';
import { keyUnits, searchKey, splitSyllables, toNfc } from '../lib/vietnamese.ts';

/** One KB entity and every way of writing it. */
export interface AliasGroup {
  /** `event:hnng-31`, `person:pham-minh-chinh`, `term:BNG`, `outlet:baoquocte.vn`. */
  key: string;
  /** Canonical name first, then the aliases, de-duplicated. */
  forms: string[];
}

/** A form of a group, prepared for syllable-sequence matching. */
interface PreparedForm {
  group: AliasGroup;
  /** Folded, lower-cased syllables: "HNNG 31" → ["hnng", "31"]. */
  syllables: string[];
}

/** Folded search keys of a text's units (`searchKey`, as the index has them): what alias matching compares. */
export function foldedSyllables(text: string): string[] {
  return keyUnits(toNfc(text)).map((u) => searchKey(u.text, 'folded'));
}

/**
 * True when a form is specific enough to detect in running text: two or more syllables,
 * or one token written as an abbreviation ("BNG", "TBT", "NQ-CP" has two). A single
 * ordinary syllable ("Sơn") would tag half the corpus.
 */
function isDetectable(form: string): boolean {
  const syllables = splitSyllables(form);
  if (syllables.length >= 2) return true;
  const only = syllables[0]?.text ?? '';
  return only.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(only) && /\p{Lu}.*\p{Lu}/u.test(only);
}

function dedupe(forms: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of forms) {
    const form = toNfc(raw).replace(/\s+/g, ' ').trim();
    if (!form || seen.has(form)) continue;
    seen.add(form);
    out.push(form);
  }
  return out;
}

/** Collects the alias groups of a knowledge base: events, people, terms and outlets. */
export function buildAliasGroups(kb: KnowledgeBase): AliasGroup[] {
  const groups: AliasGroup[] = [];
  for (const e of kb.events) groups.push({ key: `event:${e.id}`, forms: dedupe([e.name, ...e.aliases]) });
  for (const p of kb.people) groups.push({ key: `person:${p.id}`, forms: dedupe([p.name, ...p.aliases]) });
  for (const t of kb.terms) groups.push({ key: `term:${t.term}`, forms: dedupe([t.term, ...t.aliases]) });
  for (const o of kb.outlets) groups.push({ key: `outlet:${o.host}`, forms: dedupe([o.name, ...o.aliases]) });
  return groups.filter((g) => g.forms.length > 1);
}

/** Finds which alias groups a text names, by folded syllable sequences. */
export class AliasMatcher {
  readonly groups: AliasGroup[];
  private readonly byFirst = new Map<string, PreparedForm[]>();

  constructor(groups: AliasGroup[]) {
    this.groups = groups;
    for (const group of groups) {
      for (const form of group.forms) {
        if (!isDetectable(form)) continue;
        const syllables = foldedSyllables(form);
        const first = syllables[0];
        if (!first) continue;
        const list = this.byFirst.get(first) ?? [];
        list.push({ group, syllables });
        this.byFirst.set(first, list);
      }
    }
  }

  /** Groups named anywhere in the text. */
  groupsIn(text: string): AliasGroup[] {
    const found = new Set<AliasGroup>();
    for (const match of this.matches(foldedSyllables(text))) found.add(match.group);
    return [...found];
  }

  /** Every occurrence of a detectable form in a folded syllable sequence, with its position. */
  matches(syllables: string[]): { group: AliasGroup; start: number; length: number }[] {
    const out: { group: AliasGroup; start: number; length: number }[] = [];
    for (let i = 0; i < syllables.length; i++) {
      for (const form of this.byFirst.get(syllables[i]!) ?? []) {
        const n = form.syllables.length;
        if (i + n > syllables.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = syllables[i + k] === form.syllables[k];
        if (ok) out.push({ group: form.group, start: i, length: n });
      }
    }
    return out;
  }
}
