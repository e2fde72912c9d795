/**
 * The API's one catalogue of errors: a stable code, an HTTP status and a message template.
 * Routes throw `apiError(...)`; the error handler (`plugins/error-handler.ts`) is the only
 * place that turns any error into a response body `{ error, message }`.
 * @see https://github.com/fastify/fastify/blob/main/lib/errors.js (the pattern)
 */

/** Every error the API answers with, by code. */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: { status: 400, message: 'Invalid request: %s' },
  UNKNOWN_EVENT: { status: 400, message: 'Unknown event id "%s" (parameter %s)' },
  UNKNOWN_SPEAKER: { status: 400, message: 'Unknown speaker id "%s" (parameter %s)' },
  UNAUTHORIZED: { status: 401, message: '%s' },
  FORBIDDEN: { status: 403, message: '%s' },
  NOT_FOUND: { status: 404, message: '%s' },
  CONFLICT: { status: 409, message: '%s' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '%s' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '%s' },
  UNPROCESSABLE: { status: 422, message: '%s' },
  BAD_GATEWAY: { status: 502, message: '%s' },
  GATEWAY_TIMEOUT: { status: 504, message: '%s' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No route %s' },
  RATE_LIMITED: { status: 429, message: 'Too many requests: retry in %s' },
  INTERNAL: { status: 500, message: 'Internal server error' },
  ENGINE_UNAVAILABLE: { status: 503, message: 'The search engine is unavailable; try again shortly' },
  NOT_READY: { status: 503, message: 'The index is being built; try again shortly' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A code of the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error the API answers with as is: its code, status and a message safe to show. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly statusCode: number;
  /** The request parameter a 400 is about, echoed in the body so a script can tell which. */
  readonly parameter: string | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; parameter?: string },
  ) {
    super(message, options);
    this.statusCode = ERROR_CATALOGUE[code].status;
    this.parameter = options?.parameter;
  }
}

/** Builds a catalogue error, filling the `%s` placeholders of its template in order. */
export function apiError(code: ErrorCode, ...args: (string | number)[]): ApiError {
  let i = 0;
  const message = ERROR_CATALOGUE[code].message.replace(/%s/g, () => String(args[i++] ?? ''));
  return new ApiError(code, message);
}

/** A 400 about one parameter: the message and the body's `parameter` both name it. */
export function parameterError(code: 'BAD_REQUEST' | 'UNKNOWN_EVENT' | 'UNKNOWN_SPEAKER', parameter: string, ...args: (string | number)[]): ApiError {
  const e = apiError(code, ...args);
  return new ApiError(code, e.message, { parameter });
}
