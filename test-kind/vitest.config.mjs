import { defineConfig } from 'vitest/config';

// End-to-end tests of `prload run --provider kind` on real kind clusters (scripts/test-kind.mjs). Each test creates
// and deletes its own cluster on host port 80, so files run one at a time. A cold cluster takes 1-3 minutes here.
export default defineConfig({
  test: {
    root: 'test-kind',
    include: ['**/*.kind.test.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
