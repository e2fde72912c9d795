/**
 * A synthetic corpus for scale runs, recombined from real sentences: each generated article has
 * a lead naming a real event (from the knowledge base), a date inside the event's year, and a
 * speaker (a KB person with a role), then paragraphs of 1–4 real sentences drawn at random from
 * the ingested corpus. Written as `.txt` files in the corpus's own header format, so the real
 * pipeline (read → parse → clean → extract) does all the work a real corpus would cost.
 * Pure apart from `writeSyntheticCorpus`; seeded, so the same N gives the same files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from '../ingest/types.ts';
import { seededRandom } from './load-queries.ts';

/** Real sentences of the corpus: paragraph passages split at sentence ends. */
export function sentencesOf(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const s of p.split(/(?<=[.!?…])\s+(?=\p{Lu})/u)) {
      const t = s.trim();
      // Fragments and headings are not sentences a paragraph is made of.
      if (t.length >= 40 && /[.!?…]$/.test(t)) out.push(t);
    }
  }
  return out;
}

/** How a synthetic corpus is shaped. */
export interface SyntheticOptions {
  /** Target number of passages (the pipeline may split or merge a little differently). */
  passages: number;
  /** Mean paragraphs per article, lead included. */
  paragraphsPerArticle?: number;
  seed?: number;
}

/** One generated file: its relative name and UTF-8 text. */
export interface SyntheticFile {
  name: string;
  text: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Generates the article files of a synthetic corpus of about `passages` passages. */
export function* generateSyntheticFiles(sentences: readonly string[], kb: KnowledgeBase, opts: SyntheticOptions): Generator<SyntheticFile> {
  if (sentences.length === 0) throw new Error('no sentences to recombine: ingest the real corpus first');
  const rand = seededRandom(opts.seed ?? 7);
  const per = opts.paragraphsPerArticle ?? 12;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const events: { name: string; date: string | null }[] = kb.events.length > 0 ? kb.events : [{ name: 'Hội nghị Ngoại giao', date: '2023-12-19' }];
  const speakers = kb.people.filter((p) => p.roles.length > 0);
  // Real outlets' hosts, as a scraped corpus would have; an unknown host sends extraction down a
  // much slower outlet-guessing path (measured separately, see BENCHMARKS.md).
  const hosts = kb.outlets.length > 0 ? kb.outlets.map((o) => o.host) : ['scale.invalid'];
  let made = 0;
  for (let i = 0; made < opts.passages; i++) {
    const event = pick(events);
    const year = Number((event.date ?? '2023').slice(0, 4)) || 2023;
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const speaker = speakers.length > 0 ? pick(speakers) : null;
    const role = speaker ? speaker.roles[Math.floor(rand() * speaker.roles.length)]!.title : null;
    const count = Math.max(2, Math.min(opts.passages - made, Math.round(per * (0.5 + rand()))));
    const paras: string[] = [];
    paras.push(
      `Ngày ${day}/${month}/${year}, tại Hà Nội, Bộ Ngoại giao tổ chức ${event.name}.` +
        (speaker ? ` ${role} ${speaker.name} dự và phát biểu chỉ đạo.` : ''),
    );
    for (let k = 1; k < count; k++) {
      const n = 1 + Math.floor(rand() * 4);
      paras.push(Array.from({ length: n }, () => pick(sentences)).join(' '));
    }
    const title = `${event.name}: ${pick(sentences).split(/\s+/).slice(0, 10).join(' ').replace(/[.,;:]$/, '')}`;
    const text =
      `url: https://${pick(hosts)}/scale/bai-${i}.html\nfetched-from: synthetic benchmark corpus (bench/scale.ts)\n---\n` +
      ` date ${year}-${pad(month)}-${pad(day)} ${title}\n\n${paras.join('\n\n')}\n`;
    made += count;
    yield { name: `synthetic/${pad(Math.floor(i / 1000), 3)}/${pad(i, 6)}.txt`, text };
  }
}

/** Writes the generated files under `dir`; returns how many articles were written. */
export async function writeSyntheticCorpus(dir: string, files: Iterable<SyntheticFile>): Promise<number> {
  let n = 0;
  for (const f of files) {
    const target = path.join(dir, f.name);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, f.text);
    n++;
  }
  return n;
}
