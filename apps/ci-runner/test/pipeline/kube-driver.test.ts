import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCommand, type KindCluster } from '@prload/cluster';
import { createRecordingExecutor } from '@prload/cluster/testing';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
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
  { match: 'docker info', results: [{ stdout: '28.2.2 2\n' }] },
  {
    match: (c: { file: string; args: readonly string[] }) => c.file.endsWith('kind') && c.args[0] === 'version',
    results: [{ stdout: 'kind v0.33.0 go1.26.7 linux/amd64\n' }],
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
  // prload waits for the rollouts itself (watches, diagnostics); helm's wait would roll a failed install back.
  expect(lines[foo]).not.toMatch(/--wait|--rollback-on-failure/);
  expect(lines[foo]).toContain('--timeout 300s');
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

test('provider kind on a cgroup v1 Docker host, offline: node image, controller chart and images as configured', async () => {
  const env = await fakeTools();
  const chart = await tempDir();
  await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: traefik\nversion: 41.3.0\n');
  const executor = createRecordingExecutor({
    responses: [{ match: 'docker info', results: [{ stdout: '28.2.2 1\n' }] }, ...responses.slice(1)],
  });
  const config = ConfigSchema.parse({
    cluster: {
      provider: 'kind',
      // reuse finds no cluster (kind get clusters prints nothing) and creates one, without the host-port check.
      reuse: true,
      ingressPort: 18081,
      nodeImage: 'prload.local/kind-node:v1.36.4',
      preloadImages: ['prload.local/traefik:v3.7.11', 'prload.local/http-echo:1.0.0'],
    },
    ingress: { controller: 'traefik', chart, chartVersion: '41.3.0', image: 'prload.local/traefik:v3.7.11' },
    chart: { image: 'prload.local/http-echo:1.0.0' },
    apps: [
      { name: 'foo', text: 'foo', host: 'foo.localhost' },
      { name: 'bar', text: 'bar', host: 'bar.localhost', image: 'prload.local/bar:2' },
    ],
  });
  const logs: string[] = [];
  const driver = kubeDriver(config, { runId: 'r1', log: (line) => logs.push(line), env, executor });
  const signal = new AbortController().signal;

  const cluster = (await driver.provision(signal)) as KindCluster;
  await driver.deploy(cluster, signal);
  await cluster.destroy();

  const kindConfig = parse(cluster.config);
  expect(kindConfig.kubeadmConfigPatches).toEqual(['kind: KubeletConfiguration\nfailCgroupV1: false\n']);
  expect(kindConfig.nodes[0]).toMatchObject({
    image: 'prload.local/kind-node:v1.36.4',
    labels: { 'ingress-ready': 'true' },
  });
  expect(cluster.versions['kubernetes']).toBe('v1.36.4');
  expect(logs).toContain('Docker runs on cgroup v1: the kind config lets kubelet start there (failCgroupV1: false)');

  const lines = executor.calls.map((call) => formatCommand({ ...call, file: call.file.split('/').pop()! }));
  expect(lines).toContain(
    'kind load docker-image prload.local/traefik:v3.7.11 prload.local/http-echo:1.0.0 --name prload',
  );
  const install = executor.calls.find((call) => call.args[2] === 'traefik')!;
  expect(install.args.slice(0, 4)).toEqual(['upgrade', '--install', 'traefik', chart]);
  expect(install.args).not.toContain('--version');
  const valuesOf = async (release: string) => {
    const call = executor.calls.find((c) => c.args[0] === 'upgrade' && c.args[2] === release)!;
    return parse(await readFile(call.args[call.args.indexOf('--values') + 1]!, 'utf8'));
  };
  expect((await valuesOf('traefik')).image).toEqual({
    registry: 'prload.local',
    repository: 'traefik',
    tag: 'v3.7.11',
  });
  const foo = await valuesOf('foo');
  expect(foo.image).toEqual({ repository: 'prload.local/http-echo', tag: '1.0.0', digest: '' });
  expect(foo.ingress).toEqual({ enabled: true, className: 'traefik' });
  expect((await valuesOf('bar')).image).toEqual({ repository: 'prload.local/bar', tag: '2', digest: '' });
});

test('provider kind on a cgroup v2 host (or a daemon that does not say) leaves kubelet’s default alone', async () => {
  const env = await fakeTools();
  const executor = createRecordingExecutor({
    responses: [{ match: 'docker info', results: [{ stdout: '19.03.15 \n' }] }, ...responses.slice(1)],
  });
  const config = ConfigSchema.parse({ cluster: { provider: 'kind', reuse: true, ingressPort: 18082 } });
  const driver = kubeDriver(config, { runId: 'r1', log: () => {}, env, executor });
  const cluster = (await driver.provision(new AbortController().signal)) as KindCluster;
  await cluster.destroy();
  expect(parse(cluster.config).kubeadmConfigPatches).toBeUndefined();
  expect(cluster.versions['kubernetes']).toBe('v1.37.0');
});
