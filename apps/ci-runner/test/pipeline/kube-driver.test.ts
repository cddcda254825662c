import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRecordingExecutor, formatCommand } from '@prload/cluster';
import { expect, test } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import { kubeDriver } from '../../src/pipeline/kube-driver.js';
import { tempDir } from '../helpers/run-cli.js';

/** Executables standing in for kind, helm and kubectl, so tool resolution finds them and nothing is downloaded. */
async function fakeTools() {
  const dir = await tempDir();
  const env: Record<string, string> = { PATH: '/usr/bin:/bin' };
  for (const tool of ['kind', 'helm', 'kubectl']) {
    const path = join(dir, tool);
    await writeFile(path, '#!/bin/sh\nexit 0\n');
    await chmod(path, 0o755);
    env[`PRLOAD_${tool.toUpperCase()}`] = path;
  }
  return env;
}

// What the real tools print, so the prerequisite checks and the helm version detection parse real output.
const responses = [
  { match: 'docker info', results: [{ stdout: '28.2.2\n' }] },
  {
    match: (c: { file: string; args: readonly string[] }) => c.file.endsWith('kind') && c.args[0] === 'version',
    results: [{ stdout: 'kind v0.30.0 go1.24.6 linux/amd64\n' }],
  },
  {
    match: (c: { file: string; args: readonly string[] }) => c.file.endsWith('helm') && c.args[0] === 'version',
    results: [{ stdout: 'v4.1.4+g1234567\n' }],
  },
  {
    match: (c: { file: string; args: readonly string[] }) => c.file.endsWith('kubectl') && c.args[0] === 'version',
    results: [{ stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.35.1' } }) }],
  },
];

test('provider kind: Docker is checked first, then the cluster is created and the controller and apps are installed', async () => {
  const env = await fakeTools();
  const executor = createRecordingExecutor({ responses });
  const config = ConfigSchema.parse({
    cluster: { provider: 'kind', reuse: true, ingressPort: 18080 },
    ingress: { controller: 'nginx' },
  });
  const driver = kubeDriver(config, { runId: 'r1', log: () => {}, env, executor });
  const signal = new AbortController().signal;

  const cluster = await driver.provision(signal);
  await driver.deploy(cluster, signal);
  await cluster.destroy();

  const lines = executor.calls.map((call) => formatCommand({ ...call, file: call.file.split('/').pop()! }));
  expect(lines[0]).toMatch(/^docker info/);
  const create = lines.findIndex((line) => line.startsWith('kind create cluster --name prload'));
  const controller = lines.findIndex((line) => line.startsWith('helm upgrade --install nginx-ingress'));
  const foo = lines.findIndex((line) => line.startsWith('helm upgrade --install foo'));
  const bar = lines.findIndex((line) => line.startsWith('helm upgrade --install bar'));
  expect(create).toBeGreaterThan(0);
  // The controller comes before the apps, whose Ingresses it must admit.
  expect(controller).toBeGreaterThan(create);
  expect(Math.min(foo, bar)).toBeGreaterThan(controller);
  expect(lines[create]).toContain(`--kubeconfig ${cluster.kubeconfigPath}`);
  expect(lines[foo]).toContain('--rollback-on-failure');
  expect(cluster.ingressUrl).toBe('http://127.0.0.1:18080');
});

test('provider kind: a missing Docker daemon stops the run before any download', async () => {
  const executor = createRecordingExecutor({
    responses: [
      {
        match: 'docker info',
        results: [
          {
            exitCode: 1,
            stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
          },
        ],
      },
    ],
  });
  const config = ConfigSchema.parse({ cluster: { provider: 'kind' } });
  const driver = kubeDriver(config, { runId: 'r1', log: () => {}, env: { PATH: '/nonexistent' }, executor });
  await expect(driver.provision(new AbortController().signal)).rejects.toThrow(/Docker daemon not reachable/);
  expect(executor.calls.map((call) => call.file)).toEqual(['docker']);
});
