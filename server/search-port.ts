/**
 * What the server needs of the search module: the subset of `SearchService` (search/index.ts)
 * it calls. Written against the contract in BRIEF.md so the server compiles and is tested on
 * its own; the real `SearchService` satisfies it structurally.
 */
import type { Article, Event, Person } from '../ingest/types.ts';
import type { EngineHealth, PassageDoc, SearchFilters, SearchQuery, SearchResult } from '../search/types.ts';

/** The search operations the API routes call. */
export interface SearchPort {
  search(q: SearchQuery): Promise<SearchResult>;
  getPassage(id: string): Promise<PassageDoc | null>;
  findPassages(filters: SearchFilters): Promise<PassageDoc[]>;
  getArticle(id: string): Promise<Article | null>;
  listArticles(): Promise<Article[]>;
  listPeople(): Promise<Person[]>;
  getPerson(id: string): Promise<Person | null>;
  listEvents(): Promise<Event[]>;
  getEvent(id: string): Promise<Event | null>;
  exportPassages(q: Omit<SearchQuery, 'page' | 'perPage'>): AsyncIterable<PassageDoc>;
  health(): Promise<EngineHealth>;
}
