#!/usr/bin/env node
// The real kind pipeline on this machine, offline: builds (or reuses) the images of scripts/kind-images.sh and the
// prload image (scripts/prload-image.sh; its tag reaches the tests as PRLOAD_E2E_PRLOAD_IMAGE), starts prload's own
// Docker daemon, runs test-kind/**/*.kind.test.ts with vitest (each test runs `prload run --provider kind` end to
// end), then checks that no kind cluster or node container is left, stops the daemon and restores
// what it changed on the host. Prints `N passed, N failed` and writes test-kind/test-results/vitest.json.
//
//   npm run test:kind                  everything
//   npm run test:kind -- interrupt     only test files whose path matches "interrupt" (vitest filters)
//   PRLOAD_KIND_KEEP_DOCKERD=1 …       leave the Docker daemon running afterwards (faster reruns)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vitestTotals } from './lib/vitest-totals.mjs';

let createdModules = false;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const report = join(root, 'test-kind', 'test-results', 'vitest.json');

function step(line) {
  console.log(`[test:kind] ${line}`);
}

function runOrExit(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    step(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    stopDockerd();
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  return result;
}

/** The `export NAME=value` lines a script prints, as an env object. */
function exportsOf(command, args) {
  const printed = runOrExit(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const env = {};
  for (const line of printed.stdout.toString().split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

function stopDockerd() {
  if (createdModules && readdirSync('/lib/modules').length === 0) rmdirSync('/lib/modules');
  if (process.env.PRLOAD_KIND_KEEP_DOCKERD === '1') return;
  spawnSync('bash', ['scripts/kind/dockerd.sh', 'down'], { cwd: root, stdio: 'inherit' });
}

/** kind clusters and node containers still there: each test deletes its own, so anything here is a leak. */
function leftovers(env) {
  const left = [];
  const clusters = spawnSync(env.PRLOAD_KIND, ['get', 'clusters'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  for (const line of clusters.stdout.split('\n')) if (line.trim() !== '') left.push(`kind cluster ${line.trim()}`);
  const containers = spawnSync(
    'docker',
    ['ps', '-a', '--filter', 'label=io.x-k8s.kind.cluster', '--format', '{{.Names}}'],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  for (const line of containers.stdout.split('\n')) if (line.trim() !== '') left.push(`container ${line.trim()}`);
  return left;
}

step('building or reusing the kind images (scripts/kind-images.sh build)');
const started = Date.now();
runOrExit('bash', ['scripts/kind-images.sh', 'build']);
step(`images ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);
const env = exportsOf('bash', ['scripts/kind-images.sh', 'env']);
// kind mounts /lib/modules into every node; where the host has none (this VM), an empty one stands in and goes again.
createdModules = !existsSync('/lib/modules');
if (createdModules) mkdirSync('/lib/modules', { recursive: true });

step('building the CLI under test');
runOrExit('npx', ['nx', 'run', '@prload/ci-runner:build', '--output-style=static']);
// The prload image (scripts/prload-image.sh): rebuilt only when the packed workspace changed, so a case can run the
// CLI in a container or preload it into kind. Cold about 20 s here, cached 2 s; ten minutes is the bound.
step('building or reusing the prload image (scripts/prload-image.sh build)');
const image = runOrExit('bash', ['scripts/prload-image.sh', 'build'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  timeout: 600_000,
  env: { ...process.env, ...env, PRLOAD_IMAGE_SKIP_NX_BUILD: '1' },
});
env.PRLOAD_E2E_PRLOAD_IMAGE = image.stdout.toString().trim();
step(`prload image ${env.PRLOAD_E2E_PRLOAD_IMAGE}`);
// The GitHub Action's bundle (scripts/bundle-action.mjs), alone in a temporary folder: the main case runs it, as a
// release's action does, so the bundle's kind path (its chart copy, the lazily loaded Kubernetes client, the
// resources worker) is exercised on real pods.
const bundleDir = mkdtempSync(join(tmpdir(), 'prload-kind-bundle-'));
step(`bundling the action's CLI into ${bundleDir}`);
runOrExit('node', ['scripts/bundle-action.mjs', '--out', bundleDir]);
env.PRLOAD_E2E_BUNDLE = join(bundleDir, 'bin', 'prload.js');
step('type-checking test-kind/');
runOrExit('npx', ['tsc', '-p', 'test-kind/tsconfig.json']);

const before = leftovers(env);
if (before.length > 0) {
  step(`refusing to start: left over from an earlier run:\n  ${before.join('\n  ')}`);
  step(`delete them with: DOCKER_HOST=${env.DOCKER_HOST} ${env.PRLOAD_KIND} delete clusters --all`);
  stopDockerd();
  console.log('0 passed, 1 failed');
  process.exit(1);
}

rmSync(report, { force: true });
let child;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    child?.kill(signal);
  });
}
child = spawn(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'test-kind/vitest.config.mjs',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...filters,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
);
const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
rmSync(bundleDir, { recursive: true, force: true });

const totals = vitestTotals(report, exitCode);
const { passed } = totals;
let { failed } = totals;
const lines = totals.failures.map((failure) => `  ✗ ${failure}`);
const after = leftovers(env);
if (after.length > 0) {
  lines.push(`left behind after the tests:\n  ${after.join('\n  ')}`);
  failed += 1;
  spawnSync(env.PRLOAD_KIND, ['delete', 'clusters', '--all'], { env: { ...process.env, ...env }, stdio: 'inherit' });
} else {
  step('no kind cluster or node container left behind');
}
stopDockerd();
if (process.env.PRLOAD_KIND_KEEP_DOCKERD !== '1') {
  // dockerd.sh down must have undone what the daemon changed on the host.
  const rules = spawnSync('iptables-save', [], { encoding: 'utf8' }).stdout ?? '';
  const bridges = spawnSync('ip', ['-o', 'link', 'show', 'type', 'bridge'], { encoding: 'utf8' }).stdout ?? '';
  const left = [
    ...rules.split('\n').filter((line) => line.includes('DOCKER')),
    ...bridges.split('\n').filter((line) => /: (docker0|br-[0-9a-f]{12})[:@]/.test(line)),
  ];
  if (left.length > 0) {
    failed += 1;
    lines.push(`left on the host after stopping prload's dockerd:\n  ${left.slice(0, 10).join('\n  ')}`);
  } else {
    step('host restored: no Docker iptables rule or bridge left');
  }
}
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
