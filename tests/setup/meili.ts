/**
 * Vitest global setup: starts one real Meilisearch for the whole test run, on a free
 * port with a throw-away data directory, and provides its URL and key to the test files.
 * Each test file uses its own index prefix, so files run in parallel against one engine.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalEngine } from '../../search/engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    meili: { url: string; masterKey: string };
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-meili-'));
  const engine = await startLocalEngine({ dataDir });
  project.provide('meili', { url: engine.url, masterKey: engine.masterKey });
  return async () => {
    await engine.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
