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

describe('operators\u2019 knobs', () => {
  it('allows 600 API requests per minute and trusts no proxy by default', () => {
    const config = loadConfig({});
    expect([config.rateLimitPerMinute, config.trustProxy]).toEqual([600, false]);
  });

  it('reads RATE_LIMIT_PER_MINUTE and names a bad one', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '120' }).rateLimitPerMinute).toBe(120);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/^invalid RATE_LIMIT_PER_MINUTE="0": /);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/^invalid RATE_LIMIT_PER_MINUTE="lots": /);
  });

  it('reads TRUST_PROXY as true or a list of proxy addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,loopback' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1,::1,loopback');
  });

  it('names a TRUST_PROXY entry that is not an address', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8,proxy.example' })).toThrow(
      new ConfigError(
        'invalid TRUST_PROXY="10.0.0.0/8,proxy.example": "proxy.example" is not an address or CIDR; expected true, false, or comma-separated proxy addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8)',
      ),
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10.0.0.0\/33" is not an address or CIDR/);
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/^invalid TRUST_PROXY="1": a hop count cannot tell a proxy from a client/);
  });
});
