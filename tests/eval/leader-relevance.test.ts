/**
 * The leader query set (issue 11): a leader named with a topic, in every form a researcher types
 * (full name, without diacritics, title + name, "PM Chinh", "Bộ trưởng Sơn", a title alone).
 * Relevant passages were judged by reading the articles: the leader's own words on the topic,
 * attributed or not by the pipeline — not taken from the system's output.
 */
import { describeRelevance } from './relevance-suite.ts';

describeRelevance({ title: 'relevance on the leader query set (issue 11)', queries: 'tests/eval/leader-queries.jsonl', indexPrefix: 't_eval_leaders_', minMrr10: 0.9 });
