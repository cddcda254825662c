import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type ClusterOptions, createCluster } from '../src/create-cluster.js';
import type { Executor } from '../src/exec.js';
import { createRecordingExecutor } from '../src/recording-executor.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prload-create-'));
  await writeFile(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Expected {
  readonly first: RegExp;
  readonly last: RegExp;
}

async function testProvider(options: (dir: string, executor: Executor) => ClusterOptions, expected: Expected) {
  const executor = createRecordingExecutor();
  const given = options(dir, executor);
  const cluster = await createCluster(given);
  await cluster.destroy();
  const lines = executor.commandLines();
  expect(cluster.provider).toBe(given.provider);
  expect(lines.find((line) => !line.endsWith('--version'))).toMatch(expected.first);
  expect(lines.at(-1)).toMatch(expected.last);
}

test.each<[string, (dir: string, executor: Executor) => ClusterOptions, Expected]>([
  [
    'kind',
    (workDir, executor) => ({ provider: 'kind', name: 'prload', workDir, executor }),
    { first: /^kind create cluster --name prload /, last: /^kind delete cluster --name prload / },
  ],
  [
    'kwok',
    (workDir, executor) => ({ provider: 'kwok', name: 'prload', binDir: '/opt/k8s/bin', workDir, executor }),
    { first: /^kwokctl create cluster --name prload /, last: /^kwokctl delete cluster --name prload/ },
  ],
  [
    'existing',
    (workDir, executor) => ({
      provider: 'existing',
      kubeconfigPath: join(workDir, 'kubeconfig'),
      runId: 'r1',
      executor,
    }),
    { first: /^kubectl --kubeconfig \S+ version -o json$/, last: /delete namespace prload-r1 / },
  ],
])(
  'provider %s: its own function creates (or connects to) the cluster, and the recorder holds its commands',
  async (_, options, expected) => {
    await testProvider(options, expected);
  },
);
