#!/usr/bin/env node
// prload as users install it: test-dist/**/*.dist.test.ts with vitest. Its global setup packs every package, installs
// the tarballs into a fresh project outside the workspace and bundles the action (scripts/bundle-action.mjs); the
// tests run the installed `prload`, the bundled one, and every package README's examples there. Needs
// `npm run build` first. Prints `N passed, N failed` and writes test-dist/test-results/vitest.json.
//
//   npm run test:dist                  everything
//   npm run test:dist -- readme        only test files whose path matches "readme" (vitest filters)
//   PRLOAD_DIST_KEEP=1 …               keep the installed project and the bundle (their folder is printed)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vitestTotals } from './lib/vitest-totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = join(root, 'test-dist', 'test-results', 'vitest.json');

if (!existsSync(join(root, 'apps/ci-runner/dist/bin/prload.js'))) {
  console.log('[test:dist] apps/ci-runner/dist/bin/prload.js is missing — run npm run build first');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const typecheck = spawnSync('npx', ['tsc', '-p', 'test-dist/tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (typecheck.status !== 0) {
  console.log('[test:dist] tsc -p test-dist/tsconfig.json failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

rmSync(report, { force: true });
const vitest = spawn(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'test-dist/vitest.config.mjs',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
const exitCode = await new Promise((resolve) => vitest.on('close', (code) => resolve(code ?? 1)));

const { passed, failed } = vitestTotals(report, exitCode);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
