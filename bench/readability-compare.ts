/**
 * `@mozilla/readability` (on a linkedom DOM) against the parser's own HTML rules, on the four saved
 * pages and the HTML fixtures: `npx tsx bench/readability-compare.ts [--json]`.
 *
 * For each page and method: body passages a reader takes from the page that the method's body
 * text contains (found / missed), junk a reader leaves out that it still contains (kept), the
 * title, and whether a page that is no article is refused. Each page is also run "without
 * landmarks" (`<article>`, `<main>` and `articleBody` renamed to `<div>`), the case of outlets whose
 * markup has no body container — where the parser falls back to the whole `<body>`.
 *
 * References: the saved pages' hand labels in `tests/fixtures/gold/ingest-gold.json` (lead, quoted
 * passages, captions, junk) plus what `../shared/corpus/html/INDEX.md` says a reader takes (first and
 * last body sentences, related-link headlines); for the fixtures, their reviewed `expected.json`
 * (kept blocks = body, dropped lines = junk) — written for the own rules, so the fixture rows
 * favour them and are reported apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normalizeSpace } from '../lib/vietnamese.ts';
import { cleanDocument } from '../ingest/clean/index.ts';
import { parseHtml, type ParseHtmlOptions } from '../ingest/parse/html.ts';
import { decodeSource } from '../ingest/read.ts';
import type { GoldFile } from './eval-ingest.ts';

const REPO = path.resolve(import.meta.dirname, '..');

/** What a careful reader takes from a page. */
interface Reference {
  file: string;
  rejected?: boolean;
  title?: string;
  body: string[];
  junk: string[];
  group: 'saved page' | 'fixture';
}

/** First/last body sentences and related-link headlines INDEX.md lists for each saved page. */
const INDEX_NOTES: Record<string, { body: string[]; junk: string[] }> = {
  '01-vnexpress-mo-lai-duong-bay-quoc-te.html': {
    body: ['Cục Hàng không Việt Nam đã thông báo đến nhà chức trách các nước', 'Ông Đinh Việt Sơn, Phó cục trưởng Hàng không Việt Nam, thông tin nội dung trên', 'Với tỷ lệ tiêm vaccine tăng cao, nhiều nước trên thế giới đã đưa ra chính sách thu hút khách quốc tế'],
    junk: ['Khách quốc tế đến Việt Nam không phải xét nghiệm nhanh', 'Tăng tần suất nhiều chuyến bay quốc tế', 'Những vướng mắc sau hơn một tuần mở đường bay quốc tế', 'Hàng không mở lại 8 đường bay quốc tế'],
  },
  '02-vnexpress-cong-nhan-mat-viec-lo-tet.html': {
    body: ['Nếu có ít tiền, chị Huyền sẽ nấu nồi thịt kho cho 3 ngày Tết', 'Chị Nguyễn Thị Huyền, 36 tuổi, thuê trọ trên đường TL16', 'Công đoàn quận Bình Tân hỗ trợ kinh phí để chủ trọ tổ chức tiệc tất niên'],
    junk: ['Lao động không về quê cần được quan tâm nhiều hơn'],
  },
  '04-phapluatplus-bai-thuoc-tri-2016.html': {
    body: ['Tại Hoài Đức, Hà Nội có vị lương y trẻ rất nổi tiếng', 'Thời gian gần đây, báo chí không ngừng đưa tin về một vị lương y mang tên Nguyễn Thị Hiền', 'Chia tay chúng tôi, lương y Hiền nhanh chóng bước vào phòng gói nốt những thang thuốc'],
    junk: ['Dự án gần 600 tỷ tại Thanh Hóa có dấu hiệu rút ruột công trình', 'Hải Phòng: Lập đoàn kiểm tra liên ngành thực phẩm dịp Tết Bính Thân', 'Bản tin Audio Pháp luật ngày 19/5'],
  },
};

function references(): Reference[] {
  const gold = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/fixtures/gold/ingest-gold.json'), 'utf8')) as { files: GoldFile[] };
  const out: Reference[] = [];
  for (const g of gold.files.filter((f) => f.file.includes('saved-pages/'))) {
    const notes = INDEX_NOTES[path.basename(g.file)] ?? { body: [], junk: [] };
    out.push({
      file: g.file,
      group: 'saved page',
      ...(g.rejected ? { rejected: true } : {}),
      ...(g.title ? { title: g.title } : {}),
      body: [...new Set([...(g.lead ? [g.lead] : []), ...(g.speakers ?? []).map((s) => s.text), ...(g.captions ?? []), ...notes.body])],
      junk: [...new Set([...(g.junk ?? []), ...notes.junk])],
    });
  }
  const fx = path.join(REPO, 'tests/fixtures');
  for (const name of fs.readdirSync(fx).sort()) {
    if (!fs.existsSync(path.join(fx, name, 'input.html'))) continue;
    const exp = JSON.parse(fs.readFileSync(path.join(fx, name, 'expected.json'), 'utf8')) as {
      error?: string;
      title?: string | null;
      blocks?: { text: string }[];
      dropped?: { text: string; rule: string }[];
    };
    out.push({
      file: `tests/fixtures/${name}/input.html`,
      group: 'fixture',
      ...(exp.error ? { rejected: true } : {}),
      ...(exp.title ? { title: exp.title } : {}),
      body: (exp.blocks ?? []).map((b) => b.text.slice(0, 80)),
      junk: (exp.dropped ?? []).filter((d) => !['injected-char', 'agency-tag', 'byline', 'dateline'].includes(d.rule) && d.text.length >= 4).map((d) => d.text.slice(0, 80)),
    });
  }
  return out;
}

/** One method's reading of a page: body text, title, or a refusal. */
interface Reading {
  rejected: boolean;
  title: string | null;
  body: string;
}

function ownRules(file: string, html: string, opts: ParseHtmlOptions = { bodyLocator: 'rules' }): Reading {
  try {
    const doc = cleanDocument(parseHtml(decodeSource(file, 'html', Buffer.from(html, 'utf8')), opts));
    return { rejected: doc.blocks.length === 0, title: doc.title?.text ?? doc.meta.title ?? null, body: doc.blocks.map((b) => b.text).join('\n') };
  } catch {
    return { rejected: true, title: null, body: '' };
  }
}

function readability(html: string): Reading {
  const { document } = parseHTML(html);
  // Accept/reject from Readability's own pre-check; the body is scored from parse() either way.
  const readerable = isProbablyReaderable(document as unknown as Document);
  const art = new Readability(document as unknown as Document).parse();
  return { rejected: !readerable || !art, title: art?.title ?? null, body: normalizeSpace(art?.textContent ?? '') };
}

/** The shipped parser: own rules, with Readability as the body locator where the page has no body container. */
function hybrid(file: string, html: string): Reading {
  return ownRules(file, html, {});
}

/** The page without its body landmarks: `<article>`, `<main>`, `itemprop=articleBody`, `role=main` become plain `<div>`s. */
function withoutLandmarks(html: string): string {
  return html
    .replace(/<(\/?)(article|main)\b/giu, '<$1div')
    .replace(/itemprop=(["'])articleBody\1/giu, 'data-x="body"')
    .replace(/role=(["'])main\1/giu, 'data-x="main"');
}

interface Score {
  found: number;
  missed: number;
  junkKept: number;
  body: number;
  junk: number;
  titleOk: boolean | null;
  rejectOk: boolean;
  missedList: string[];
  keptList: string[];
}

const norm = (s: string) => normalizeSpace(s.normalize('NFC'));

function score(ref: Reference, r: Reading): Score {
  const body = norm(r.body);
  const inBody = (s: string) => body.includes(norm(s));
  const missedList = ref.rejected ? [] : ref.body.filter((s) => !inBody(s));
  const keptList = ref.rejected ? [] : ref.junk.filter((s) => inBody(s) && !ref.body.some((b) => norm(b).includes(norm(s))));
  return {
    found: ref.rejected ? 0 : ref.body.length - missedList.length,
    missed: missedList.length,
    junkKept: keptList.length,
    body: ref.rejected ? 0 : ref.body.length,
    junk: ref.rejected ? 0 : ref.junk.length,
    titleOk: ref.title ? !!r.title && norm(r.title) === norm(ref.title) : null,
    rejectOk: !!ref.rejected === r.rejected,
    missedList,
    keptList,
  };
}

const METHODS = {
  'own rules': (file: string, html: string) => ownRules(file, html, { bodyLocator: 'rules' }),
  readability: (_file: string, html: string) => readability(html),
  shipped: (file: string, html: string) => hybrid(file, html),
} as const;

function main(): void {
  const json = process.argv.includes('--json');
  const rows: { file: string; group: string; variant: string; method: string; s: Score }[] = [];
  for (const ref of references()) {
    const html = fs.readFileSync(path.join(REPO, ref.file), 'utf8');
    for (const [variant, page] of [['as saved', html], ['no landmarks', withoutLandmarks(html)]] as const) {
      for (const [method, run] of Object.entries(METHODS)) {
        rows.push({ file: ref.file, group: ref.group, variant, method, s: score(ref, run(ref.file, page)) });
      }
    }
  }
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  for (const group of ['saved page', 'fixture']) {
    for (const variant of ['as saved', 'no landmarks']) {
      console.log(`\n${group}s, ${variant}:`);
      console.log('method       body found  missed  junk kept  titles  accept/reject');
      for (const method of Object.keys(METHODS)) {
        const rs = rows.filter((r) => r.group === group && r.variant === variant && r.method === method);
        if (rs.length === 0) continue;
        const sum = (f: (s: Score) => number) => rs.reduce((n, r) => n + f(r.s), 0);
        const titled = rs.filter((r) => r.s.titleOk !== null);
        console.log(
          `${method.padEnd(12)} ${`${sum((s) => s.found)}/${sum((s) => s.body)}`.padEnd(11)} ${String(sum((s) => s.missed)).padEnd(7)} ${`${sum((s) => s.junkKept)}/${sum((s) => s.junk)}`.padEnd(10)} ${`${titled.filter((r) => r.s.titleOk).length}/${titled.length}`.padEnd(7)} ${rs.filter((r) => r.s.rejectOk).length}/${rs.length}`,
        );
      }
      for (const r of rows.filter((x) => x.group === group && x.variant === variant)) {
        for (const m of r.s.missedList) console.log(`  ${r.method}: ${path.basename(path.dirname(r.file)) === 'saved-pages' ? path.basename(r.file) : r.file.split('/')[2]}: missed "${m.slice(0, 60)}"`);
        for (const k of r.s.keptList) console.log(`  ${r.method}: ${path.basename(path.dirname(r.file)) === 'saved-pages' ? path.basename(r.file) : r.file.split('/')[2]}: kept junk "${k.slice(0, 60)}"`);
        if (!r.s.rejectOk) console.log(`  ${r.method}: ${r.file}: accept/reject wrong`);
        if (r.s.titleOk === false) console.log(`  ${r.method}: ${r.file}: title wrong`);
      }
    }
  }
}

main();
