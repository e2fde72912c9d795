/**
 * Ingest evaluation: `npm run eval:ingest -- --gold FILE [--json]`. Runs the real pipeline
 * (read → parse → clean → extract) on every file a hand-labelled gold file names and scores
 * attribution precision and recall, rejections, titles, dates, languages, main events, leads,
 * captions, list items, provisional people and junk, printing each file's misses.
 * Gold format: `schemas/ingest-gold.schema.json`; the labelled set is `tests/fixtures/gold/ingest-gold.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '../ingest/kb.ts';
import { processSource, readSource } from '../ingest/pipeline.ts';
import type { ExtractedArticle, KnowledgeBase } from '../ingest/types.ts';

/** One file of the gold set (see the JSON Schema). */
export interface GoldFile {
  file: string;
  rejected?: boolean;
  title?: string;
  date?: string | null;
  language?: string;
  lead?: string;
  events?: string[];
  speakers?: { text: string; speaker: string | null }[];
  captions?: string[];
  listItems?: string[];
  provisional?: string[];
  junk?: string[];
}

/** Scores: counts per check, and attribution precision/recall over the labelled passages. */
export interface IngestEval {
  attribution: { tp: number; fp: number; fn: number; precision: number; recall: number };
  checks: Record<string, { ok: number; total: number }>;
  misses: { file: string; miss: string }[];
}

const REPO = path.resolve(import.meta.dirname, '..');

/** Evaluates the pipeline against a gold set; paths in the gold are relative to `root`. */
export async function evaluateIngest(gold: { files: GoldFile[] }, kb: KnowledgeBase, root = REPO): Promise<IngestEval> {
  const checks: IngestEval['checks'] = {};
  const misses: IngestEval['misses'] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const check = (name: string, file: string, ok: boolean, miss: string) => {
    const c = (checks[name] ??= { ok: 0, total: 0 });
    c.total++;
    if (ok) c.ok++;
    else misses.push({ file, miss: `${name}: ${miss}` });
  };
  for (const g of gold.files) {
    const abs = path.join(root, g.file);
    let out: ExtractedArticle | null = null;
    let error = '';
    try {
      out = processSource(await readSource(abs, path.dirname(abs)), kb);
      if (out.passages.length === 0) out = null;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    check('rejected', g.file, (out === null) === (g.rejected === true), out ? 'accepted, should be rejected' : `rejected: ${error}`);
    if (!out) continue;
    const a = out.article;
    const find = (snippet: string) => out!.passages.find((p) => p.text.includes(snippet));
    if (g.title !== undefined) check('title', g.file, a.title === g.title, `"${a.title}" ≠ "${g.title}"`);
    if (g.date !== undefined) check('date', g.file, a.date === g.date, `${a.date} ≠ ${g.date}`);
    if (g.language !== undefined) check('language', g.file, a.language === g.language, `${a.language} ≠ ${g.language}`);
    if (g.events !== undefined) check('event', g.file, (a.eventIds[0] ?? null) === (g.events[0] ?? null), `main event ${a.eventIds[0] ?? 'none'} ≠ ${g.events[0] ?? 'none'}`);
    if (g.lead !== undefined) check('lead', g.file, (out.passages[0]?.text ?? '').includes(g.lead), `first passage is "${out.passages[0]?.text.slice(0, 60)}…"`);
    for (const s of g.speakers ?? []) {
      const p = find(s.text);
      const got = p?.speakerId ?? null;
      if (!p) misses.push({ file: g.file, miss: `attribution: no passage contains "${s.text}"` });
      if (got === s.speaker) {
        if (got !== null) tp++;
      } else {
        if (got !== null) fp++;
        if (s.speaker !== null) fn++;
        if (p) misses.push({ file: g.file, miss: `attribution: "${s.text.slice(0, 50)}" → ${got ?? 'null'}, gold ${s.speaker ?? 'null'}` });
      }
    }
    for (const c of g.captions ?? []) check('caption', g.file, find(c)?.kind === 'caption', `"${c}" is ${find(c)?.kind ?? 'missing'}`);
    for (const c of g.listItems ?? []) check('list-item', g.file, find(c)?.kind === 'list-item', `"${c}" is ${find(c)?.kind ?? 'missing'}`);
    for (const id of g.provisional ?? []) check('provisional', g.file, out.people.some((p) => p.id === id && p.provisional), `${id} not a provisional person`);
    for (const j of g.junk ?? []) check('junk', g.file, !find(j) && !a.title.includes(j), `"${j}" kept`);
  }
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return { attribution: { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) }, checks, misses };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--gold');
  const goldPath = at === -1 ? undefined : args[at + 1];
  if (!goldPath) {
    console.error('eval:ingest: --gold FILE is required (e.g. tests/fixtures/gold/ingest-gold.json)');
    process.exit(2);
  }
  let gold: { files: GoldFile[] };
  try {
    gold = JSON.parse(fs.readFileSync(goldPath, 'utf8')) as { files: GoldFile[] };
    if (!Array.isArray(gold.files)) throw new Error('"files" must be an array');
  } catch (err) {
    console.error(`eval:ingest: ${goldPath}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
  const kb = await loadKnowledgeBase(path.join(REPO, 'corpus/kb'));
  const r = await evaluateIngest(gold, kb);
  if (args.includes('--json')) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`attribution: precision ${pct(r.attribution.precision)}  recall ${pct(r.attribution.recall)}  (tp ${r.attribution.tp}, fp ${r.attribution.fp}, fn ${r.attribution.fn})`);
  for (const [name, c] of Object.entries(r.checks)) console.log(`${name.padEnd(12)} ${c.ok}/${c.total}`);
  const byFile = new Map<string, string[]>();
  for (const m of r.misses) byFile.set(m.file, [...(byFile.get(m.file) ?? []), m.miss]);
  for (const [file, ms] of byFile) {
    console.log(`\n${file}`);
    for (const m of ms) console.log(`  ✗ ${m}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
