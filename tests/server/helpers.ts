/**
 * Test helpers for the server: a config and a search service on the test run's real
 * Meilisearch (own index prefix per file), a small hand-written record set indexed for real,
 * and the app built around them.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadKnowledgeBase } from '../../ingest/kb.ts';
import type { KnowledgeBase } from '../../ingest/types.ts';
import { loadConfig, type Config } from '../../lib/config.ts';
import { createSearchService } from '../../search/index.ts';
import type { RecordSet } from '../../search/types.ts';
import { buildApp, type AppOptions } from '../../server/app.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Configuration pointing at the test engine with the file's own index prefix. */
export function testConfig(meili: { url: string; masterKey: string }, prefix: string, extra: NodeJS.ProcessEnv = {}): Config {
  return loadConfig(
    { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, INDEX_PREFIX: prefix, DATA_DIR: path.join(os.tmpdir(), `ngkb-${prefix}`), LOG_LEVEL: 'silent', ...extra },
    ROOT,
  );
}

/** The search service and app for a config. */
export async function buildTestApp(config: Config, options: Partial<AppOptions> = {}): Promise<{ app: FastifyInstance; search: ReturnType<typeof createSearchService> }> {
  const search = createSearchService({ url: config.meili!.url, masterKey: config.meili!.masterKey, indexPrefix: config.indexPrefix });
  const app = await buildApp({ config, search, webRoot: path.join(ROOT, 'tests/server/no-web'), ...options });
  return { app, search };
}

/** The curated knowledge base of `corpus/kb/`, loaded and validated as `npm start` does. */
export function readKb(): Promise<KnowledgeBase> {
  return loadKnowledgeBase(path.join(ROOT, 'corpus/kb'));
}

export const THEME_31 =
  'Ngoại giao Việt Nam tiên phong, toàn diện, hiện đại, chủ động thích ứng, thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng';
export const XSS_TEXT = 'Đoạn thử an toàn: <img src=x onerror=alert(1)> trong bài về ngoại giao số.';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","bấm vào đây"), một ô công thức';

const A1 = 'a-000000000031';
const A2 = 'a-000000000032';

/** A small record set with a passage carrying HTML and one starting like a spreadsheet formula. */
export async function fixtureRecords(): Promise<{ records: RecordSet; kb: KnowledgeBase }> {
  const kb = await readKb();
  const passage = (articleId: string, ordinal: number, text: string, speakerId: string | null, eventId: string, kind: 'paragraph' | 'quote' = 'paragraph') => ({
    id: `${articleId}-${(0xa0000000 + ordinal).toString(16)}`,
    articleId,
    ordinal,
    kind,
    text,
    credit: null,
    speakerId,
    eventIds: [eventId],
    span: { start: ordinal * 1000, end: ordinal * 1000 + text.length },
  });
  const p1 = [
    passage(A1, 0, `Hội nghị Ngoại giao lần thứ 31 với chủ đề “${THEME_31}” khai mạc tại Hà Nội.`, null, 'hnng-31'),
    passage(A1, 1, 'Thủ tướng Phạm Minh Chính nhấn mạnh cây tre Việt Nam phải vững gốc, chắc thân, uyển chuyển.', 'pham-minh-chinh', 'hnng-31', 'quote'),
    passage(A1, 2, 'Thứ nhất, ngoại giao cây tre phải đi đầu trong hội nhập quốc tế.', 'pham-minh-chinh', 'hnng-31'),
    passage(A1, 3, XSS_TEXT, null, 'hnng-31'),
  ];
  const p2 = [
    passage(A2, 0, 'Hội nghị Ngoại giao lần thứ 32 bàn về ngoại giao kinh tế và ngoại giao văn hóa.', null, 'hnng-32'),
    passage(A2, 1, 'Bộ trưởng Bùi Thanh Sơn nói ngoại giao phục vụ phát triển kinh tế, kinh tế số là động lực.', 'bui-thanh-son', 'hnng-32', 'quote'),
    passage(A2, 2, FORMULA_TEXT, null, 'hnng-32'),
  ];
  const article = (id: string, eventId: string, date: string, title: string, speakerIds: string[], themes: RecordSet['articles'][number]['themes'], points: RecordSet['articles'][number]['points']) => ({
    id,
    title,
    titleDerived: false,
    date,
    dateSource: 'header' as const,
    source: 'Báo Thế giới & Việt Nam',
    author: null,
    url: `https://baoquocte.vn/${eventId}`,
    sourceFile: `fixtures/${eventId}.txt`,
    sourceSha256: '0'.repeat(64),
    language: 'vi' as const,
    eventIds: [eventId],
    speakerIds,
    mentionIds: speakerIds,
    themes,
    lead: null,
    points,
    quotes: [],
    figures: [],
  });
  return {
    kb,
    records: {
      articles: [
        article(A1, 'hnng-31', '2021-12-14', 'Khai mạc Hội nghị Ngoại giao lần thứ 31', ['pham-minh-chinh'], [{ text: THEME_31, eventId: 'hnng-31', passageId: p1[0]!.id }], [
          { ordinal: 1, label: 'Thứ nhất', passageId: p1[2]!.id, speakerId: 'pham-minh-chinh' },
        ]),
        article(A2, 'hnng-32', '2023-12-19', 'Hội nghị Ngoại giao lần thứ 32 bàn về ngoại giao kinh tế', ['bui-thanh-son'], [], []),
      ],
      passages: [...p1, ...p2],
      people: kb.people,
      events: kb.events,
    },
  };
}
