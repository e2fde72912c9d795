/**
 * Who wrote it and where it ran: the byline ("Bảo Chi", "D.Ngọc - M.Chiến"), the outlet (from
 * the url's host through `outlets.json`, else from an outlet line such as "Theo dõi
 * Baoquocte.vn trên", "Theo TTXVN" or a "(TBTCO) -" tag) and the language.
 */
import type { CleanBlock, CleanDocument, KnowledgeBase } from '../types.ts';
import { escapeRegExp, foldSameLength, memoizeByObject } from './match.ts';

/** True when a short line reads as a byline: 1–4 capitalised names or initials, nothing else. */
export function looksLikeByline(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 40 || /[.!?:,;]$/.test(t)) return false;
  // Place and section labels are capitalised too.
  if (/^(Hà Nội|TP\.?\s?HCM|TP\.? Hồ Chí Minh|Việt Nam|Đà Nẵng|Hải Phòng|Cần Thơ|Thời sự|Chính trị|Thế giới|Ngoại giao|Đối ngoại)$/iu.test(t)) return false;
  const parts = t.split(/\s*[-–,&]\s*|\s+và\s+/u);
  return parts.length <= 4 && parts.every((p) => /^(\p{Lu}\.?\s*)*\p{Lu}\p{Ll}+(\s+\p{Lu}\p{Ll}*)*$/u.test(p.trim()) || /^(\p{Lu}\.)+\s*\p{Lu}\p{Ll}+$/u.test(p.trim()));
}

/** The byline: the cleaner's, else a byline-shaped block before the lead (its index, to skip it). */
export function extractByline(doc: CleanDocument): { author: string | null; blockIndex: number | null } {
  if (doc.byline) return { author: doc.byline.text.trim(), blockIndex: null };
  const firstPara = doc.blocks.findIndex((b) => b.kind === 'paragraph' && b.text.length > 80);
  const limit = Math.min(doc.blocks.length, firstPara === -1 ? 2 : Math.min(firstPara, 3));
  for (let i = 0; i < limit; i++) {
    const b = doc.blocks[i] as CleanBlock;
    if (b.kind !== 'caption' && looksLikeByline(b.text) && b.text.trim().split(/\s+/).length >= 2) return { author: b.text.trim(), blockIndex: i };
  }
  return { author: null, blockIndex: null };
}

/** The host of a url, without `www.`, `wwww.`, `amp.` or `m.`. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(w+\d*|amp|m)\./, '');
  } catch {
    return null;
  }
}

/** The outlet name: the KB's name for the url host, else the page's metadata (og:site_name, JSON-LD publisher), else a credit line naming a KB outlet, else the url host itself. */
export function extractOutlet(doc: CleanDocument, kb: KnowledgeBase): string | null {
  const host = hostOf(doc.meta.url);
  if (host) {
    const byHost = outletsByHostLength(kb.outlets).find((o) => host === o.host || host.endsWith(`.${o.host}`));
    if (byHost) return byHost.name;
  }
  if (doc.meta.source) return doc.meta.source;
  // Fold the candidate lines once: this runs for every article of an outlet the KB has no host for.
  const lines = [...doc.dropped.map((d) => d.text), ...doc.blocks.slice(0, 3).map((b) => b.text), ...doc.blocks.slice(-3).map((b) => b.text)]
    .map((l) => foldSameLength(l.trim()));
  for (const o of kb.outlets) {
    for (const pattern of outletPatterns(o)) {
      if (lines.some((l) => pattern.test(l))) return o.name;
    }
  }
  // Never null when a url is known: the host, readable, without "www." ("examplewire.com").
  return host;
}

/** The KB's outlets, longest host first (the most specific suffix wins); sorted once per KB, not per article. */
const outletsByHostLength = memoizeByObject((outlets: KnowledgeBase['outlets']) => [...outlets].sort((a, b) => b.host.length - a.host.length));

/** Lines that credit an outlet ("Theo dõi Baoquocte.vn", "Theo TTXVN", "(TBTCO) -"), folded; built once per KB entry. */
const outletPatterns = memoizeByObject((outlet: KnowledgeBase['outlets'][number]): RegExp[] =>
  [outlet.name, ...outlet.aliases, outlet.host].flatMap((name) => {
    const n = escapeRegExp(foldSameLength(name));
    return [
      new RegExp(`^theo doi ${n}(\\s|$)`, 'u'),
      new RegExp(`^theo ${n}\\s*$`, 'u'),
      new RegExp(`^\\(${n}\\)\\s*[-–]`, 'u'),
      new RegExp(`^(bao )?${n} tran trong gioi thieu`, 'u'),
    ];
  }),
);

/** The article's language: see `language.ts` (eld). */
export { detectLanguage } from './language.ts';
