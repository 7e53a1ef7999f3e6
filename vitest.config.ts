import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every core (two on the reference machine); vitest's default leaves one idle.
    maxWorkers: Math.max(1, availableParallelism()),
    globalSetup: ['test/support/global-setup.ts'],
  },
});
