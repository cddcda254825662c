#!/usr/bin/env node
// The test command of the README and of CI: every package's tests through Nx (cached; `--affected` for
// affected-only), then the integration tests on a real Kubernetes control plane when its binaries are
// built, then one line with the totals: "N passed, N failed".
//
//   npm test                         everything available on this machine
//   npm test -- --affected           only packages a change touches, and their dependents
//   PRLOAD_REQUIRE_K8S=1 npm test    fail instead of skipping when the Kubernetes binaries are missing (CI)
//   PRLOAD_REQUIRE_KIND=1 npm test   likewise for the kind e2e images (CI, where Docker can run)
//   PRLOAD_REQUIRE_DIST=1 npm test   likewise for the packed-package tests (test-dist/), which need the build
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const affected = args.includes('--affected');
const nxArgs = affected ? ['affected', '-t', 'test'] : ['run-many', '-t', 'test'];
const passthrough = args.filter((a) => a !== '--affected');

const nx = spawnSync('npx', ['nx', ...nxArgs, '--output-style=stream', ...passthrough], { stdio: 'inherit' });

let passed = 0;
let failed = 0;
const lines = [];

/** Adds a vitest JSON report to the totals. Skipped and todo tests prove nothing, so they count as failed. */
function count(label, file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const bad = report.numFailedTests + report.numPendingTests + report.numTodoTests;
  passed += report.numPassedTests;
  failed += bad;
  lines.push(`${label}: ${report.numPassedTests} passed, ${bad} failed`);
  // Named again here, next to the totals, so a CI log cut to its tail still says what failed and why.
  for (const suite of report.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'passed') continue;
      const why = (test.failureMessages?.[0] ?? test.status).split('\n')[0].slice(0, 300);
      lines.push(`  ✗ ${where} › ${test.fullName}: ${why}`);
    }
    // A file that failed to load has no test results, only a message.
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      lines.push(`  ✗ ${where}: ${(suite.message ?? 'failed to load').split('\n')[0].slice(0, 300)}`);
    }
  }
  return true;
}

for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) count(`${group}/${name}`, join(group, name, 'test-results', 'vitest.json'));
}
// A package whose tests crashed before writing a report still fails the run.
if (nx.status !== 0 && failed === 0) failed += 1;

/**
 * One suite that needs something built first: runs `harness` when `check` says it is built, and counts its vitest
 * report. The harness also fails on what vitest cannot see (a cluster that would not start, leftovers).
 * Unbuilt, it fails the run when `requireVariable` is 1 (CI) and otherwise says how to build it.
 */
function integrationSuite({ name, label, check, harness, requireVariable, buildHint }) {
  const report = join(name, 'test-results', 'vitest.json');
  const ready = spawnSync('bash', check, { encoding: 'utf8' });
  const why = (ready.stdout.trim().split('\n')[0] || ready.stderr.trim()).slice(0, 300);
  if (ready.status === 0) {
    rmSync(report, { force: true });
    const run = spawnSync('node', [harness], { stdio: 'inherit' });
    const failedBefore = failed;
    count(`${name} (${label})`, report);
    if (run.status !== 0 && failed === failedBefore) {
      failed += 1;
      lines.push(
        `${name}: failed outside the tests (exit ${run.status}); see the [${name.replace('-', ':')}] lines above`,
      );
    }
  } else if (process.env[requireVariable] === '1') {
    failed += 1;
    lines.push(`${name}: not built (${why}); ${buildHint}`);
  } else {
    lines.push(`${name}: not run, not built (${why}).`, `  ${buildHint}, then \`npm test\` runs them too.`);
  }
}

// Integration tests against kube-apiserver, controller-manager, scheduler and etcd under kwok (npm run test:k8s).
integrationSuite({
  name: 'test-k8s',
  label: 'kwok control plane',
  check: ['scripts/k8s-test-env.sh', 'check'],
  harness: 'scripts/test-k8s.mjs',
  requireVariable: 'PRLOAD_REQUIRE_K8S',
  buildHint: 'Build the binaries once with `scripts/k8s-test-env.sh build` (Go >= 1.26; ~20 min on 2 cores)',
});
// The real kind pipeline end to end, offline (npm run test:kind).
integrationSuite({
  name: 'test-kind',
  label: 'kind clusters, real pods and traffic',
  check: ['scripts/kind-images.sh', 'check'],
  harness: 'scripts/test-kind.mjs',
  requireVariable: 'PRLOAD_REQUIRE_KIND',
  buildHint: 'Build the images once with `scripts/kind-images.sh build` (Docker, Go >= 1.26, mmdebstrap; ~40 min)',
});

// prload as users install it: packed packages in a fresh project, the action's bundle, the READMEs' examples
// (npm run test:dist). Needs only the build, which the package tests above made.
integrationSuite({
  name: 'test-dist',
  label: 'packed packages, the action bundle, README examples',
  check: ['-c', 'test -f apps/ci-runner/dist/bin/prload.js || { echo "the packages are not built"; exit 1; }'],
  harness: 'scripts/test-dist.mjs',
  requireVariable: 'PRLOAD_REQUIRE_DIST',
  buildHint: 'Build the packages with `npm run build`',
});

for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
