/**
 * The one error that stops a single file. Its message is one line that starts with the file's
 * path, so the CLI report and the logs can print it as is: `extra/x.txt: empty file`.
 */
export type IngestErrorCode =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'too-large'
  | 'unsupported-format'
  | 'no-article-body'
  | 'duplicate'
  | 'unreadable';

/** A file that cannot be ingested; the other files still are. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly file: string,
    readonly code: IngestErrorCode,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }

  /** The message without the file name, for reports that list the file separately. */
  get reason(): string {
    return this.message.slice(this.file.length + 2);
  }
}
