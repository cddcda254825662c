#!/usr/bin/env node
// Integration tests against a real control plane: builds (or reuses) the Kubernetes binaries, starts a kwok
// cluster with @prload/cluster, runs test-k8s/**/*.k8s.test.ts with vitest, deletes the cluster and checks
// that none of its processes are left. Prints `N passed, N failed` and writes test-k8s/test-results/vitest.json.
//
//   npm run test:k8s                      everything
//   npm run test:k8s -- probe             only test files whose path matches "probe" (vitest filters)
//   PRLOAD_K8S_KEEP=1 npm run test:k8s    leave the cluster running (its kubeconfig path is printed)
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vitestTotals } from './lib/vitest-totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const keep = process.env.PRLOAD_K8S_KEEP === '1';
const report = join(root, 'test-k8s', 'test-results', 'vitest.json');

function step(line) {
  console.log(`[test:k8s] ${line}`);
}

function runOrExit(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.log(`[test:k8s] ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  return result;
}

/** Reads the `export NAME=value` lines of `k8s-test-env.sh --print-env` into an env object. */
function k8sEnv() {
  const printed = runOrExit('bash', ['scripts/k8s-test-env.sh', '--print-env'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const env = {};
  for (const line of printed.stdout.toString().split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2].replace('$PATH', process.env.PATH ?? '');
  }
  return env;
}

/** Processes whose command line mentions the run's folder: the cluster's etcd, apiserver, controllers, kwok. */
function leftoverProcesses(workDir) {
  const found = spawnSync('pgrep', ['-a', '-f', workDir], { encoding: 'utf8' });
  return found.stdout
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('pgrep'))
    .map((line) => line.slice(0, 160));
}

step('building or reusing the Kubernetes binaries (scripts/k8s-test-env.sh)');
runOrExit('bash', ['scripts/k8s-test-env.sh', 'build']);
const env = k8sEnv();
Object.assign(process.env, { PATH: env.PATH });

step('building the packages under test');
runOrExit('npx', [
  'nx',
  'run-many',
  '-t',
  'build',
  '-p',
  '@prload/cluster',
  '@prload/probe',
  '@prload/deploy',
  '@prload/resources',
  '@prload/distributed',
  '@prload/ci-runner',
  '--output-style=static',
]);

step('type-checking test-k8s/');
runOrExit('npx', ['tsc', '-p', 'test-k8s/tsconfig.json']);

const { createKwokCluster } = await import('@prload/cluster');
const name = `prload-it-${process.pid}`;
// The watch test needs the server to close watches: kube-apiserver ends each watch after a random
// min-request-timeout..2x seconds (default 1800), so 10 makes every long watch in the suite be re-established.
const minRequestTimeout = '10';
step(`creating kwok cluster ${name} (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, 2 fake nodes)`);
const started = Date.now();
let cluster;
try {
  cluster = await createKwokCluster({
    name,
    workers: 2,
    binDir: env.KWOK_KUBE_BINARY_PREFIX,
    kubectlPath: env.KWOK_KUBECTL_BINARY,
    extraArgs: { 'kube-apiserver': { 'min-request-timeout': minRequestTimeout } },
    // The resource sampler's tests shape simulated kubelets' /metrics/resource with these.
    enableCrds: ['Metric', 'ClusterResourceUsage', 'ResourceUsage'],
    keep,
    log: (line) => step(line),
  });
} catch (error) {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
step(`cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(cluster.versions)}`);

let teardownStarted = false;
async function teardown() {
  if (teardownStarted) return [];
  teardownStarted = true;
  if (keep) {
    step(
      `kept: KUBECONFIG=${cluster.kubeconfigPath} (delete: KWOK_WORKDIR=${cluster.env.KWOK_WORKDIR} kwokctl delete cluster --name ${name})`,
    );
    return [];
  }
  step(`deleting cluster ${name}`);
  try {
    await cluster.destroy();
  } catch (error) {
    console.error(error);
    return ['destroy failed'];
  }
  return leftoverProcesses(cluster.workDir);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    teardown().finally(() => process.exit(130));
  });
}

rmSync(report, { force: true });
const vitest = spawn(
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'test-k8s/vitest.config.mjs',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...filters,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRLOAD_K8S_KUBECONFIG: cluster.kubeconfigPath,
      PRLOAD_K8S_CONTEXT: cluster.context,
      PRLOAD_K8S_MIN_REQUEST_TIMEOUT: minRequestTimeout,
      PRLOAD_K8S_VERSIONS: JSON.stringify(cluster.versions),
      KUBECONFIG: cluster.kubeconfigPath,
      PRLOAD_K8S_BIN_DIR: env.KWOK_KUBE_BINARY_PREFIX,
      PRLOAD_KUBECTL: env.KWOK_KUBECTL_BINARY,
      PRLOAD_HELM: join(dirname(env.KWOK_KUBECTL_BINARY), 'helm'),
    },
  },
);
const exitCode = await new Promise((resolve) => vitest.on('close', (code) => resolve(code ?? 1)));

const leftovers = await teardown();
let { passed, failed } = vitestTotals(report, exitCode);
if (leftovers.length > 0) {
  step(`processes left behind after deleting the cluster:\n  ${leftovers.join('\n  ')}`);
  failed += 1;
} else if (!keep) {
  step('no cluster process left behind');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode === 0 && failed === 0 ? 0 : 1);
