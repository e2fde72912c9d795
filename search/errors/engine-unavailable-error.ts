/** Meilisearch cannot be reached or did not answer in time; the API maps it to 503. */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
