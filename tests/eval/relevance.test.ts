import { describeRelevance } from './relevance-suite.ts';

describeRelevance({ title: 'relevance on the labelled query set', queries: 'tests/eval/queries.jsonl', indexPrefix: 't_eval_relevance_', minMrr10: 0.85 });
