/**
 * Lookups by id and whole listings (passages, articles, people, events), the passages of a
 * filter in article order, and a search's export page after page.
 */
import type { Article, Event, Person } from '../ingest/types.ts';
import { PASSAGE_DOC_FIELDS, toPassageDoc } from './documents.ts';
import type { EngineClient, IndexName } from './engine-client.ts';
import { buildFilter, idFilter } from './filters.ts';
import { FACET_ATTRIBUTES } from './settings.ts';
import { MAX_PER_PAGE, sortFor, type RunQuery } from './plan.ts';
import type { PassageDoc, SearchFilters, SearchQuery, SearchResult } from './types.ts';

/** The shape of the engine's document ids (anything else is no document). */
const VALID_ID = /^[A-Za-z0-9_-]{1,511}$/;

/** Reads documents of the app's indexes; a missing index or id is nothing, not an error. */
export class Lookups {
  constructor(
    private readonly engine: EngineClient,
    private readonly search: (q: RunQuery) => Promise<SearchResult>,
  ) {}

  /** Every passage of a search, page after page, in the search's order (unmarked). */
  async *exportPassages(q: Omit<SearchQuery, 'page' | 'perPage'>): AsyncIterable<PassageDoc> {
    const perPage = MAX_PER_PAGE;
    for (let page = 1; ; page++) {
      const res = await this.search({ ...q, page, perPage, highlight: false });
      for (const hit of res.hits) yield hit.passage;
      if (page * perPage >= res.total || res.hits.length === 0) return;
    }
  }

  async getPassage(id: string): Promise<PassageDoc | null> {
    if (this.engine.sharded) {
      // Wherever it lives: one federated search over the shards for that id.
      if (!VALID_ID.test(id)) return null;
      const res = await this.engine.searchPassages('', { filter: idFilter([id]), limit: 1 });
      return res.hits[0] ? toPassageDoc(res.hits[0]) : null;
    }
    const doc = await this.getDoc<Record<string, any>>('passages', id);
    return doc ? toPassageDoc(doc) : null;
  }

  /** Every passage matching the filters, in article order (date, then article, then ordinal). */
  async findPassages(filters: SearchFilters): Promise<PassageDoc[]> {
    const filter = buildFilter(filters);
    const out: PassageDoc[] = [];
    for (let page = 1; ; page++) {
      const res = await this.engine.searchPassages('', {
        filter: filter ?? undefined,
        sort: sortFor('date-asc'),
        page,
        hitsPerPage: MAX_PER_PAGE,
      });
      out.push(...res.hits.map(toPassageDoc));
      if (page * MAX_PER_PAGE >= (res.totalHits ?? 0) || res.hits.length === 0) return out;
    }
  }

  /**
   * Each speaker's latest statement, for every speaker at once: the passage a search of their
   * statements sorted newest first puts first (`sort: 'date-desc'`: date, then article, then
   * position; undated last). One search with `distinct` on the speaker, sorted the same way,
   * instead of one search per speaker; the order is checked here again, so a merged answer (several
   * shards) gives the same passage.
   * @see https://www.meilisearch.com/docs/learn/relevancy/distinct_attribute (the distinct search parameter keeps each value's first-ranked document)
   */
  async latestStatements(): Promise<Map<string, PassageDoc>> {
    const speaker = FACET_ATTRIBUTES.speaker;
    const out = new Map<string, PassageDoc>();
    for (let page = 1; ; page++) {
      const [res] = await this.engine.multiSearchPassages("finding each speaker's latest statement", [
        {
          q: '',
          filter: `${speaker} EXISTS AND ${speaker} IS NOT NULL`,
          distinct: speaker,
          sort: sortFor('date-desc'),
          page,
          hitsPerPage: MAX_PER_PAGE,
          attributesToRetrieve: [...PASSAGE_DOC_FIELDS],
        },
      ]);
      const hits = (res?.hits ?? []).map(toPassageDoc);
      for (const p of hits) {
        const seen = p.speakerId ? out.get(p.speakerId) : undefined;
        if (p.speakerId && (!seen || newestFirst(p, seen) < 0)) out.set(p.speakerId, p);
      }
      if (hits.length < MAX_PER_PAGE) return out;
    }
  }

  private async getDoc<T extends Record<string, any>>(name: IndexName, id: string, on: EngineClient = this.engine): Promise<T | null> {
    if (typeof id !== 'string' || !VALID_ID.test(id)) return null;
    return on.callOrMissing(`reading ${name} ${id}`, async () => (await on.index<T>(name).getDocument(id)) as T, () => null);
  }

  /**
   * An article wherever it lives: on the shard its id is placed on, else (a build over another
   * shard list) on any other shard.
   */
  private async getArticleDoc(id: string): Promise<Article | null> {
    if (!this.engine.sharded) return this.getDoc<Article>('articles', id);
    const placed = this.engine.shardFor(id);
    const found = await this.getDoc<Article>('articles', id, placed.engine);
    if (found || !VALID_ID.test(id)) return found;
    const others = await Promise.all(this.engine.shards.filter((s) => s !== placed).map((s) => this.getDoc<Article>('articles', id, s.engine)));
    return others.find((a) => a !== null) ?? null;
  }

  private async allDocs<T extends Record<string, any>>(name: IndexName): Promise<T[]> {
    if (name === 'passages' || name === 'articles') {
      // Sharded indexes: every shard's documents (one engine: this one).
      const all = await Promise.all(this.engine.shards.map((s) => this.allDocsOn<T>(name, s.engine)));
      return all.flat();
    }
    return this.allDocsOn<T>(name, this.engine);
  }

  private async allDocsOn<T extends Record<string, any>>(name: IndexName, on: EngineClient): Promise<T[]> {
    const out: T[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await on.callOrMissing(`listing ${name}`, () => on.index<T>(name).getDocuments({ offset, limit }), () => null);
      if (!page) return [];
      out.push(...page.results);
      if (offset + limit >= page.total) return out;
    }
  }

  getArticle(id: string): Promise<Article | null> {
    return this.getArticleDoc(id);
  }

  /** All articles, newest first. */
  async listArticles(): Promise<Article[]> {
    const all = await this.allDocs<Article>('articles');
    return all.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
  }

  /** All people, by name. */
  async listPeople(): Promise<Person[]> {
    const all = await this.allDocs<Person>('people');
    return all.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
  }

  getPerson(id: string): Promise<Person | null> {
    return this.getDoc<Person>('people', id);
  }

  /** All events, oldest first. */
  async listEvents(): Promise<Event[]> {
    const all = await this.allDocs<Event>('events');
    return all.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
  }

  getEvent(id: string): Promise<Event | null> {
    return this.getDoc<Event>('events', id);
  }
}

/** The order of `sortFor('date-desc')`: newest first (undated last), then article id, then position. */
function newestFirst(a: PassageDoc, b: PassageDoc): number {
  const da = a.dateSort ?? null;
  const db = b.dateSort ?? null;
  if (da !== db) return da === null ? 1 : db === null ? -1 : db - da;
  if (a.articleId !== b.articleId) return a.articleId < b.articleId ? -1 : 1;
  return a.ordinal - b.ordinal;
}
