import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/meili.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
