import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config.ts';
import { connectEngine, createSearchService } from '../../search/index.ts';

describe('connectEngine', () => {
  it('uses MEILI_URL and MEILI_MASTER_KEY as given and starts nothing', async () => {
    const config = loadConfig({ MEILI_URL: 'http://meilisearch:7700', MEILI_MASTER_KEY: 'k'.repeat(32) }, '/app');
    const engine = await connectEngine(config);
    expect(engine).toMatchObject({ url: 'http://meilisearch:7700', masterKey: 'k'.repeat(32), process: null });
    await engine.stop();
  });

  it('starts a local engine under DATA_DIR when MEILI_URL is unset, and stops it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ngkb-connect-'));
    try {
      const engine = await connectEngine(loadConfig({ DATA_DIR: dataDir }, '/'));
      expect(engine.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await createSearchService({ url: engine.url, masterKey: engine.masterKey, indexPrefix: '' }).health();
      expect(health).toMatchObject({ ok: true, engineVersion: '1.21.0', corpusFingerprint: null });
      expect((await fs.stat(path.join(dataDir, 'meili-master-key'))).mode & 0o777).toBe(0o600);
      await engine.stop();
      expect(engine.process?.exitCode !== null || engine.process?.signalCode !== null).toBe(true);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
