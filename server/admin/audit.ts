/**
 * The audit log: one JSON line per write attempt in `DATA_DIR/audit.jsonl` — time, action, file,
 * article id, outcome, HTTP status, the client's address and, for a refusal, the reason. Never
 * the token or any header. Lines are appended one at a time (a single `appendFile` each), so a
 * crash leaves whole lines.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** One line of the audit log. */
export interface AuditEntry {
  /** ISO time. */
  time: string;
  /** `upload`, `replace`, `from-url`, `delete`, `restore`, `speaker-override`, `auth`. */
  action: string;
  /** The stored file, relative to CORPUS_DIR (or the address for `from-url`); null when none. */
  file: string | null;
  articleId: string | null;
  /** `ok`, `rejected`, `denied`, `error`. */
  outcome: 'ok' | 'rejected' | 'denied' | 'error';
  status: number;
  /** The client's address as the server sees it (`request.ip`). */
  client: string;
  reason?: string;
  /** For `from-url`: the address fetched. */
  url?: string;
}

/** Appends audit lines to `DATA_DIR/audit.jsonl`, in order. */
export class AuditLog {
  readonly file: string;
  private queue: Promise<void> = Promise.resolve();
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'audit.jsonl');
  }

  /** Appends one entry (time filled in); resolves when it is on disk. */
  record(entry: Omit<AuditEntry, 'time'>): Promise<void> {
    const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
    // A failed append must not block the ones after it.
    this.queue = this.queue.catch(() => {}).then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, line, { mode: 0o600 });
    });
    return this.queue;
  }
}
