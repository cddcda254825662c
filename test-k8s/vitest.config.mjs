import { defineConfig } from 'vitest/config';

// Integration tests against the kwok cluster scripts/test-k8s.mjs starts; `vitest run` in a package never sees
// them because they live outside packages/*/test. One cluster serves every file, so files run one at a time.
export default defineConfig({
  test: {
    root: 'test-k8s',
    include: ['**/*.k8s.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
