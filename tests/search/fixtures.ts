/**
 * A small, realistic record set and knowledge base for the search tests: Vietnamese passages
 * chosen so that folding, tone marks, abbreviations and phrases each make a visible difference.
 */
import { inject } from 'vitest';
import type { Article, Event, KnowledgeBase, Passage, PassageKind, Person } from '../../ingest/types.ts';
import { createSearchService } from '../../search/index.ts';
import type { RecordSet, SearchQuery, SearchService } from '../../search/types.ts';

export const people: Person[] = [
  {
    id: 'pham-minh-chinh',
    name: 'Phạm Minh Chính',
    aliases: ['Pham Minh Chinh'],
    roles: [{ title: 'Thủ tướng Chính phủ', from: '2021-04-05', to: null }],
  },
  {
    id: 'bui-thanh-son',
    name: 'Bùi Thanh Sơn',
    aliases: ['Bui Thanh Son'],
    roles: [
      { title: 'Thứ trưởng Bộ Ngoại giao', from: '2016', to: '2021-04-07' },
      { title: 'Bộ trưởng Bộ Ngoại giao', from: '2021-04-08', to: '2025-02' },
    ],
  },
  { id: 'nguyen-minh-vu', name: 'Nguyễn Minh Vũ', aliases: ['Nguyen Minh Vu'], roles: [{ title: 'Thứ trưởng Bộ Ngoại giao', from: '2018', to: null }] },
  { id: 'to-lam', name: 'Tô Lâm', aliases: ['To Lam'], roles: [{ title: 'Tổng Bí thư', from: '2024-08-03', to: null }] },
];

export const events: Event[] = [
  {
    id: 'hnng-31',
    name: 'Hội nghị Ngoại giao lần thứ 31',
    aliases: ['HNNG 31', 'Hội nghị Ngoại giao 31', 'Hoi nghi Ngoai giao lan thu 31'],
    type: 'hoi-nghi-ngoai-giao',
    date: '2021-12-14',
    endDate: null,
    themes: [],
  },
  {
    id: 'dai-hoi-13',
    name: 'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng',
    aliases: ['Đại hội XIII', 'Đại hội 13', 'Đại hội Đảng lần thứ XIII', 'Dai hoi XIII', 'Dai hoi 13'],
    type: 'dai-hoi-dang',
    date: '2021-01-25',
    endDate: '2021-02-01',
    themes: [],
  },
  {
    id: 'nq-292-2025',
    name: 'Nghị quyết 292/NQ-CP',
    aliases: ['NQ 292', 'Nghị quyết 292', 'Nghi quyet 292'],
    type: 'nghi-quyet',
    date: '2025-10-08',
    endDate: null,
    themes: [],
  },
];

export const kb: KnowledgeBase = {
  people,
  events,
  outlets: [{ host: 'baoquocte.vn', name: 'Báo Thế giới & Việt Nam', aliases: ['TG&VN'] }],
  terms: [
    { term: 'BNG', aliases: ['Bộ Ngoại giao', 'Bo Ngoai giao'] },
    { term: 'TBT', aliases: ['Tổng Bí thư', 'Tong Bi thu'] },
  ],
};

/** Passage texts by key; the key becomes part of the passage id. */
export const TEXTS = {
  banbe1: 'Việt Nam luôn coi trọng quan hệ với bạn bè quốc tế và các đối tác.',
  banbe2: 'Thủ tướng cảm ơn bạn bè năm châu đã ủng hộ Việt Nam.',
  ban: 'Hai bên ngồi vào bàn đàm phán về văn bản hợp tác.',
  bang: 'Bằng nỗ lực chung, hai nước đạt nhiều kết quả.',
  ban2: 'Các bên kêu gọi ngừng bắn ngay lập tức.',
  ttg1: 'Thủ tướng Phạm Minh Chính phát biểu chỉ đạo tại Hội nghị.',
  ttg2: 'Theo Thủ tướng, ngành Ngoại giao cần chủ động hơn nữa.',
  ttg3: 'Thủ tướng Chính phủ đánh giá cao đóng góp của các cơ quan đại diện.',
  tt1: 'Thứ trưởng Nguyễn Minh Vũ trình bày báo cáo tổng kết.',
  tt2: 'Thứ trưởng thường trực cho biết, công tác tổ chức đã hoàn tất.',
  tt3: 'Theo Thứ trưởng, trường học và tư tưởng đổi mới là nền tảng.',
  thuBa: 'Thứ ba, Bộ trưởng nhấn mạnh yêu cầu đổi mới tư duy đối ngoại.',
  hoa1: 'Việt Nam kiên trì đường lối hoà bình, hữu nghị, hợp tác.',
  hoa2: 'Chính sách đối ngoại vì hòa bình và phát triển bền vững.',
  thuy1: 'Tình cảm thuỷ chung giữa hai dân tộc được vun đắp qua nhiều thế hệ.',
  thuy2: 'Quan hệ thủy chung, son sắt giữa Việt Nam và Lào.',
  hnng31: 'Hội nghị Ngoại giao lần thứ 31 diễn ra theo hình thức trực tiếp kết hợp trực tuyến.',
  hnng31abbr: 'Sau HNNG 31, các đơn vị đã triển khai kế hoạch hành động.',
  bng: 'Bộ Ngoại giao chủ trì phối hợp với các bộ, ngành liên quan.',
  bngabbr: 'Đại diện BNG cho biết sẽ công bố thông tin sớm.',
  tbt: 'Tổng Bí thư Tô Lâm dự và phát biểu tại Hội nghị.',
  tbtabbr: 'Phát biểu của TBT Tô Lâm được đông đảo cán bộ hưởng ứng.',
  dh13roman: 'Thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng về đối ngoại.',
  dh13arabic: 'Tinh thần Đại hội 13 đã được quán triệt sâu rộng.',
  nq292: 'Chính phủ ban hành Nghị quyết 292/NQ-CP về nhiệm vụ trọng tâm.',
  nq292abbr: 'Các bộ khẩn trương triển khai NQ 292 trong quý IV.',
  ngoai: 'Ngoại hình và trang phục của đoàn rất chỉnh tề.',
  giao: 'Hai bên trao đổi về giao thông và hạ tầng.',
  ngoaigiao: 'Ngoại giao nhân dân là một trụ cột quan trọng.',
  xss: 'Thử chèn mã <img src=x onerror=alert(1)> vào nội dung "bạn bè" & kiểm tra.',
  long:
    'Đất nước đã ở thế và lực khác, trong khi thế giới có nhiều biến chuyển phức tạp, cho nên người làm đối ngoại cũng phải giỏi hơn, mạnh hơn, và ngành Ngoại giao cần phát huy vai trò tiên phong trong giai đoạn mới.',
  longNear:
    'Thế giới có nhiều biến chuyển phức tạp, người làm đối ngoại phải giỏi hơn; đất nước đã ở thế khác.',
  quoteCurly: 'Chủ đề Hội nghị là “Phát huy vai trò tiên phong của ngoại giao” trong tình hình mới.',
  quoteScattered: 'Ngoại giao phải phát huy truyền thống, giữ vai trò quan trọng và tiên phong.',
  vaccine: 'Chiến lược ngoại giao vaccine giúp Việt Nam sớm tiếp cận nguồn cung.',
} as const;

export type TextKey = keyof typeof TEXTS;

const ARTICLES: { id: string; title: string; date: string | null; source: string }[] = [
  { id: 'a-000000000001', title: 'Hội nghị Ngoại giao lần thứ 31', date: '2021-12-14', source: 'Báo Thế giới & Việt Nam' },
  { id: 'a-000000000002', title: 'Thủ tướng dự Hội nghị Ngoại vụ', date: '2023-12-20', source: 'Nhân Dân' },
  { id: 'a-000000000003', title: 'Tổng Bí thư Tô Lâm với ngành Ngoại giao', date: '2025-10-20', source: 'Báo Thế giới & Việt Nam' },
];

const SPEAKERS: Partial<Record<TextKey, string>> = {
  ttg1: 'pham-minh-chinh',
  ttg2: 'pham-minh-chinh',
  tt1: 'nguyen-minh-vu',
  tbt: 'to-lam',
  bng: 'bui-thanh-son',
  vaccine: 'pham-minh-chinh',
};

/** Articles of the passages a test looks at closely; the rest are spread round-robin. */
const ARTICLE_OF: Partial<Record<TextKey, number>> = { ttg1: 0, ttg2: 1, bng: 0, tbt: 2 };

const EVENTS: Partial<Record<TextKey, string[]>> = {
  hnng31: ['hnng-31'],
  hnng31abbr: ['hnng-31'],
  nq292: ['nq-292-2025'],
  vaccine: ['hnng-31'],
};

function article(a: (typeof ARTICLES)[number]): Article {
  return {
    ...a,
    titleDerived: false,
    dateSource: 'header',
    author: null,
    url: `https://example.vn/${a.id}`,
    sourceFile: `seeds/${a.id}.txt`,
    sourceSha256: '0'.repeat(64),
    language: 'vi',
    eventIds: [],
    speakerIds: [],
    mentionIds: [],
    themes: [],
    lead: null,
    points: [],
    quotes: [],
    figures: [],
  };
}

/** Passage id of a fixture text. */
export function pid(key: TextKey): string {
  return `p-${key}`;
}

/** The fixture record set: the passages spread over three dated articles. */
export function fixtureRecords(extra: Partial<RecordSet> = {}): RecordSet {
  const keys = Object.keys(TEXTS) as TextKey[];
  const nextOrdinal = new Map<string, number>();
  const passages: Passage[] = keys.map((key, i) => {
    const articleId = ARTICLES[ARTICLE_OF[key] ?? i % ARTICLES.length]!.id;
    const ordinal = nextOrdinal.get(articleId) ?? 0;
    nextOrdinal.set(articleId, ordinal + 1);
    return { key, articleId, ordinal };
  }).map(({ key, articleId, ordinal }) => ({
    id: pid(key),
    articleId,
    ordinal,
    kind: (key === 'quoteCurly' ? 'quote' : 'paragraph') as PassageKind,
    text: TEXTS[key],
    credit: null,
    speakerId: SPEAKERS[key] ?? null,
    eventIds: EVENTS[key] ?? [],
    span: { start: 0, end: TEXTS[key].length },
  }));
  return {
    articles: [...ARTICLES.map(article), ...(extra.articles ?? [])],
    passages: [...passages, ...(extra.passages ?? [])],
    people: [...people, ...(extra.people ?? [])],
    events: [...events, ...(extra.events ?? [])],
  };
}

/** A service on the test engine with its own index prefix, indexed with the fixture. */
export async function indexedService(prefix: string, records: RecordSet = fixtureRecords()): Promise<SearchService> {
  const { url, masterKey } = inject('meili');
  const service = createSearchService({ url, masterKey, indexPrefix: prefix });
  await service.reindex(records, { fingerprint: `fp-${prefix}`, kb });
  return service;
}

/** A relevance query with defaults. */
export function query(q: string, rest: Partial<SearchQuery> = {}): SearchQuery {
  return { q, filters: {}, sort: 'relevance', page: 1, perPage: 50, ...rest };
}

/** Ids of the hits of a search, in rank order. */
export async function ids(service: SearchService, q: string, rest: Partial<SearchQuery> = {}): Promise<string[]> {
  const res = await service.search(query(q, rest));
  return res.hits.map((h) => h.passage.id);
}
