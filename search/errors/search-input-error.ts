/** A search request the module refuses before it reaches the engine (bad filter value, query too long). */
export class SearchInputError extends Error {
  override name = 'SearchInputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
