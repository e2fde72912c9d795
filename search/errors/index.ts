/** The search module's errors, one class per file. */
export { EngineUnavailableError } from './engine-unavailable-error.ts';
export { EngineTaskError } from './engine-task-error.ts';
export { SearchInputError } from './search-input-error.ts';
