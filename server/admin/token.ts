/**
 * The curator's token: from `ADMIN_TOKEN`, else generated once into `DATA_DIR/admin-token`
 * (mode 0600) and read from there on later starts. The log names the file, never the token.
 * Requests are checked in constant time (both sides hashed to the same length first, so even
 * the token's length does not leak through timing).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';

/** Where a generated token is kept. */
export function adminTokenPath(dataDir: string): string {
  return path.join(dataDir, 'admin-token');
}

/**
 * The token to accept: `configured` when set; else the one in `DATA_DIR/admin-token`, written
 * there (32 random bytes, base64url, mode 0600) when the file does not exist yet.
 */
export async function resolveAdminToken(configured: string | null, dataDir: string, log?: FastifyBaseLogger): Promise<string> {
  if (configured) {
    log?.info('admin routes: token from ADMIN_TOKEN');
    return configured;
  }
  const file = adminTokenPath(dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  try {
    await fs.writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    log?.info({ file }, `admin routes: generated a token into ${file} (mode 0600); send it as "Authorization: Bearer <the file's content>"`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A file someone copied in with looser permissions is tightened, not trusted as is.
    await fs.chmod(file, 0o600);
    log?.info({ file }, `admin routes: token read from ${file}`);
  }
  const token = (await fs.readFile(file, 'utf8')).trim();
  if (token.length < 16) throw new Error(`${file}: the admin token must be at least 16 characters; delete the file to generate a new one`);
  return token;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares a presented token with the expected one in constant time. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or null (no cookie, no query parameter). */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer +([^\s]+) *$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/**
 * Counts failed attempts per client address in a fixed window; after `max` failures the
 * address is refused (even with the right token) until the window ends.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again, or 0 when it may now. */
  blockedFor(address: string): number {
    const f = this.failures.get(address);
    if (!f) return 0;
    if (f.resetAt <= this.now()) {
      this.failures.delete(address);
      return 0;
    }
    return f.count >= this.max ? Math.ceil((f.resetAt - this.now()) / 1000) : 0;
  }

  fail(address: string): void {
    const f = this.failures.get(address);
    if (!f || f.resetAt <= this.now()) this.failures.set(address, { count: 1, resetAt: this.now() + this.windowMs });
    else f.count++;
    // Bounded memory under a spray of addresses: drop expired entries now and then.
    if (this.failures.size > 10_000) for (const [k, v] of this.failures) if (v.resetAt <= this.now()) this.failures.delete(k);
  }
}
