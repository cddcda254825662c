import { defineConfig } from 'vitest/config';

// prload as users get it (scripts/test-dist.mjs): the packed packages installed into a fresh project outside the
// workspace, and the action's bundle in a folder with no node_modules above it. support/global-setup.ts packs,
// installs and bundles once; files run one at a time because they share the installed project.
export default defineConfig({
  test: {
    root: 'test-dist',
    include: ['**/*.dist.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
