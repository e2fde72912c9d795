/**
 * The closing report of an ingest run: what came in, what came out, what was rejected and why,
 * and which titled names the knowledge base does not know yet.
 */
import type { IngestResult } from './pipeline.ts';

/** `report.json`: counts, rejections and candidates (no timestamps, so two runs compare equal). */
export interface IngestReport {
  fingerprint: string;
  filesIn: number;
  articles: number;
  passages: number;
  byKind: Record<string, number>;
  quotes: number;
  people: number;
  events: number;
  rejected: { file: string; reason: string }[];
  /** Lines cleaning removed, by rule. */
  dropped: Record<string, number>;
  /** Unknown people, one entry per name and title, with how many passages name them. */
  candidates: { name: string; title: string; count: number; articleIds: string[] }[];
  warnings: { file: string; rule: string; message: string }[];
}

/**
 * Summarises a result. `streamed` gives the passage counts of a result whose passages were
 * streamed to disk (`runIngestStreaming`), counted in record order as they went.
 */
export function buildReport(r: IngestResult, streamed?: { passages: number; byKind: Record<string, number> }): IngestReport {
  const byKind: Record<string, number> = streamed ? { ...streamed.byKind } : {};
  if (!streamed) for (const p of r.passages) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
  const cands = new Map<string, IngestReport['candidates'][number]>();
  for (const c of r.candidates) {
    const key = `${c.title}\u0000${c.name}`;
    const entry = cands.get(key) ?? { name: c.name, title: c.title, count: 0, articleIds: [] };
    entry.count++;
    if (!entry.articleIds.includes(c.articleId)) entry.articleIds.push(c.articleId);
    cands.set(key, entry);
  }
  return {
    fingerprint: r.fingerprint,
    filesIn: r.filesIn ?? r.articles.length + r.rejected.length,
    articles: r.articles.length,
    passages: streamed ? streamed.passages : r.passages.length,
    byKind,
    quotes: r.articles.reduce((n, a) => n + a.quotes.length, 0),
    people: r.people.length,
    events: r.events.length,
    rejected: r.rejected,
    dropped: r.dropped ?? {},
    candidates: [...cands.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    warnings: r.warnings,
  };
}

/** The report as the lines a person reads at the end of `npm run ingest`. */
export function formatReport(rep: IngestReport): string[] {
  const kinds = Object.entries(rep.byKind)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const lines = [
    `Articles in: ${rep.filesIn} files → ${rep.articles} articles`,
    `Records out: ${rep.articles} articles, ${rep.passages} passages (${kinds || 'none'}), ${rep.quotes} quotes, ${rep.people} people, ${rep.events} events`,
    `Captions: ${rep.byKind['caption'] ?? 0}`,
  ];
  const drops = Object.entries(rep.dropped).sort(([, a], [, b]) => b - a);
  const total = drops.reduce((n, [, c]) => n + c, 0);
  lines.push(`Cleaned away: ${total} lines${total ? ` (${drops.map(([rule, c]) => `${rule} ${c}`).join(', ')})` : ''}`);
  lines.push(rep.rejected.length ? `Rejected: ${rep.rejected.length} file(s)` : 'Rejected: none');
  for (const r of rep.rejected) lines.push(`  ✗ ${r.file}: ${r.reason}`);
  lines.push(rep.candidates.length ? `Candidate people (not in the knowledge base): ${rep.candidates.length}` : 'Candidate people: none');
  for (const c of rep.candidates.slice(0, 30)) lines.push(`  ? ${c.title} ${c.name} (${c.count}×)`);
  if (rep.candidates.length > 30) lines.push(`  … and ${rep.candidates.length - 30} more in report.json`);
  if (rep.warnings.length) lines.push(`Warnings: ${rep.warnings.length} (see report.json)`);
  return lines;
}
