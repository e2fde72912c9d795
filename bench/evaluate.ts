/**
 * Runs a judged query set through one or more rankers (our search, the default-settings baseline)
 * and scores each ranking; formats the side-by-side report. No engine access of its own: a ranker
 * is any function from a query to the texts of its top hits.
 */
import { scoreRanking, summarize, type QueryScore, type Summary } from './metrics.ts';
import { relevanceOf, type JudgedQuery, type LabelledFilters } from './query-set.ts';

/** Returns the texts of the first 10 hits for a query, best first. */
export type Ranker = (query: JudgedQuery) => Promise<string[]>;

/** What one query scored under each ranker. */
export interface QueryOutcome {
  q: string;
  filters?: LabelledFilters;
  totalRelevant: number;
  orphanPieces: string[];
  scores: Record<string, QueryScore>;
}

/** The whole run: per-query outcomes and per-ranker means. */
export interface EvalReport {
  rankers: string[];
  queries: QueryOutcome[];
  summary: Record<string, Summary>;
}

/** Scores every query under every ranker, one query at a time (the engine is shared; no load here). */
export async function evaluate(queries: readonly JudgedQuery[], rankers: Record<string, Ranker>): Promise<EvalReport> {
  const names = Object.keys(rankers);
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const scores: Record<string, QueryScore> = {};
    for (const name of names) {
      const texts = await rankers[name]!(query);
      scores[name] = scoreRanking(relevanceOf(texts.slice(0, 10), query), query.totalRelevant);
    }
    outcomes.push({ q: query.q, filters: query.filters, totalRelevant: query.totalRelevant, orphanPieces: query.orphanPieces, scores });
  }
  const summary: Record<string, Summary> = {};
  for (const name of names) summary[name] = summarize(outcomes.map((o) => o.scores[name]!));
  return { rankers: names, queries: outcomes, summary };
}

const fmt = (x: number) => x.toFixed(3);
const rankCell = (s: QueryScore | undefined) => (s === undefined ? '' : s.rank === null ? '–' : String(s.rank));

function describeQuery(o: QueryOutcome): string {
  const q = o.q.length > 60 ? `${o.q.slice(0, 57)}…` : o.q;
  const f = o.filters && Object.keys(o.filters).length > 0 ? ` ${JSON.stringify(o.filters)}` : '';
  return `${q}${f}`;
}

/** A plain-text report: one line per query with the rank of the first relevant hit per ranker, then the means. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  const head = report.rankers.map((r) => r.padStart(9)).join('');
  lines.push(`${'#'.padStart(3)} ${head}  ${'rel'.padStart(4)}  query  (rank of first relevant hit in top 10; – = none)`);
  report.queries.forEach((o, i) => {
    const cells = report.rankers.map((r) => rankCell(o.scores[r]).padStart(9)).join('');
    const orphan = o.orphanPieces.length > 0 ? `  [${o.orphanPieces.length} piece(s) in no passage]` : '';
    lines.push(`${String(i + 1).padStart(3)} ${cells}  ${String(o.totalRelevant).padStart(4)}  ${describeQuery(o)}${orphan}`);
  });
  lines.push('');
  lines.push(`${'metric'.padEnd(10)}${report.rankers.map((r) => r.padStart(10)).join('')}`);
  for (const [label, key] of [['MRR@10', 'mrr10'], ['Recall@5', 'recall5'], ['nDCG@10', 'ndcg10']] as const) {
    lines.push(`${label.padEnd(10)}${report.rankers.map((r) => fmt(report.summary[r]![key]).padStart(10)).join('')}`);
  }
  lines.push(`${'queries'.padEnd(10)}${report.rankers.map((r) => String(report.summary[r]!.queries).padStart(10)).join('')}`);
  return lines.join('\n');
}

/** Queries whose first relevant hit under `ranker` is not at rank 1, worst first: what to look at. */
export function weakQueries(report: EvalReport, ranker: string): QueryOutcome[] {
  return report.queries
    .filter((o) => (o.scores[ranker]?.rr ?? 0) < 1)
    .sort((a, b) => (a.scores[ranker]?.rr ?? 0) - (b.scores[ranker]?.rr ?? 0));
}
