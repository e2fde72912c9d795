import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config.ts';

describe('configuration', () => {
  it('defaults to port 3000 and a locally started engine', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.meili).toBeNull();
    expect(config.dataDir).toBe('/srv/app/.data');
  });

  it('honours PORT and HOST', () => {
    const config = loadConfig({ PORT: '8080', HOST: '127.0.0.1' });
    expect([config.port, config.host]).toEqual([8080, '127.0.0.1']);
  });

  it('names the variable and the value at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('invalid PORT="eighty": must be integer'));
  });

  it('never echoes a bad master key', () => {
    let message = '';
    try {
      loadConfig({ MEILI_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'short-secret' });
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain('MEILI_MASTER_KEY');
    expect(message).not.toContain('short-secret');
  });

  it('refuses a master key without an engine URL', () => {
    expect(() => loadConfig({ MEILI_MASTER_KEY: 'a-long-enough-master-key' })).toThrow(/MEILI_URL is not/);
  });
});
