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

describe('MEILI_REMOTES: the other shards', () => {
  const KEY = 'remote-write-key-0123456789abcdef';
  const remotes = (value: unknown) => JSON.stringify(value);
  const messageOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
    } catch (err) {
      return String((err as Error).message);
    }
    return 'no error';
  };

  it('is one engine without it, exactly as before', () => {
    const config = loadConfig({});
    expect([config.remotes, config.shardSelf]).toEqual([[], 'local']);
  });

  it('reads the shards in the order written, with their keys, and the own engine\u2019s name', () => {
    const config = loadConfig({
      MEILI_URL: 'http://meili-0:7700',
      MEILI_SELF: 'meili-0',
      MEILI_REMOTES: remotes({
        'meili-2': { url: 'http://meili-2:7700/', writeApiKey: KEY },
        'meili-1': { url: 'https://meili-1.example:7700', writeApiKey: KEY, searchApiKey: 'search-key-0123456789' },
      }),
    });
    expect(config.shardSelf).toBe('meili-0');
    expect(config.remotes).toEqual([
      { name: 'meili-2', url: 'http://meili-2:7700', writeApiKey: KEY, searchApiKey: null },
      { name: 'meili-1', url: 'https://meili-1.example:7700', writeApiKey: KEY, searchApiKey: 'search-key-0123456789' },
    ]);
  });

  it('names the bad entry in one line and never quotes a key', () => {
    const cases: [unknown, RegExp][] = [
      [{ b: { url: 'ftp://b:21', writeApiKey: KEY } }, /^invalid MEILI_REMOTES: entry "b": url "ftp:\/\/b:21" is not http\(s\)$/],
      [{ b: { url: 'not a url', writeApiKey: KEY } }, /^invalid MEILI_REMOTES: entry "b": url "not a url" is not a URL$/],
      [{ b: { url: `http://admin:${KEY}@b:7700`, writeApiKey: KEY } }, /^invalid MEILI_REMOTES: entry "b": url carries credentials/],
      [{ b: { url: 'http://b:7700' } }, /^invalid MEILI_REMOTES: entry "b": writeApiKey is missing/],
      [{ b: { url: 'http://b:7700', writeApiKey: KEY, searchKey: KEY } }, /^invalid MEILI_REMOTES: entry "b": unknown field "searchKey"/],
      [{ 'b c': { url: 'http://b:7700', writeApiKey: KEY } }, /^invalid MEILI_REMOTES: entry "b c": a name is/],
      [{ local: { url: 'http://b:7700', writeApiKey: KEY } }, /^invalid MEILI_REMOTES: entry "local": the name is MEILI_SELF's/],
      [{ b: { url: 'http://b:7700', writeApiKey: KEY }, c: { url: 'http://B:7700/', writeApiKey: KEY } }, /^invalid MEILI_REMOTES: entry "c": same url as entry "b"/],
      [[{ url: 'http://b:7700', writeApiKey: KEY }], /^invalid MEILI_REMOTES: expected a JSON object/],
    ];
    for (const [value, expected] of cases) {
      const message = messageOf({ MEILI_REMOTES: remotes(value) });
      expect(message).toMatch(expected);
      expect(message).not.toContain(KEY);
      expect(message).not.toContain('\n');
    }
  });

  it('says where JSON breaks without echoing the text around it (keys included)', () => {
    const message = messageOf({ MEILI_REMOTES: `{"b": {"url": "http://b:7700", "writeApiKey": "${KEY}",}}` });
    expect(message).toMatch(/^invalid MEILI_REMOTES: not valid JSON/);
    expect(message).not.toContain(KEY);
  });

  it('refuses MEILI_URL listed again as a remote (its documents would be counted twice)', () => {
    expect(messageOf({ MEILI_URL: 'http://meili-0:7700', MEILI_REMOTES: remotes({ b: { url: 'http://meili-0:7700/', writeApiKey: KEY } }) })).toMatch(
      /^invalid MEILI_REMOTES: entry "b" is MEILI_URL itself/,
    );
  });
});
