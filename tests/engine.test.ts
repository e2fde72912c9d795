import { inject, it, expect } from 'vitest';

it('talks to the real Meilisearch 1.21 started by the test setup', async () => {
  const { url, masterKey } = inject('meili');
  const res = await fetch(`${url}/version`, { headers: { Authorization: `Bearer ${masterKey}` } });
  expect(res.status).toBe(200);
  expect((await res.json()).pkgVersion).toBe('1.21.0');
});
