/**
 * A Meilisearch task failed (bad document, invalid settings, swap refused).
 * `documentId` names the offending document when the engine's message or our validation tells it.
 */
export class EngineTaskError extends Error {
  override name = 'EngineTaskError';
  readonly documentId: string | null;
  readonly taskUid: number | null;
  readonly code: string | null;

  constructor(
    message: string,
    details: { documentId?: string | null; taskUid?: number | null; code?: string | null; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.documentId = details.documentId ?? null;
    this.taskUid = details.taskUid ?? null;
    this.code = details.code ?? null;
  }
}
