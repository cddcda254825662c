import { once } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatCommand } from '../src/format-command.js';
import type { KindCluster } from '../src/kind/create-kind-cluster.js';
import { PrerequisitesError } from '../src/prerequisites/errors.js';
import { type ProvisionClusterOptions, provisionCluster } from '../src/provision-cluster.js';
import { type CannedResponse, createRecordingExecutor } from '../src/recording-executor.js';

// What the real tools print, so the prerequisite checks parse real output.
const dockerInfo = (cgroup: string): CannedResponse => ({
  match: 'docker info',
  results: [{ stdout: `28.2.2 ${cgroup}\n` }],
});
const VERSIONS: CannedResponse[] = [
  { match: 'kind version', results: [{ stdout: 'kind v0.33.0 go1.26.7 linux/amd64\n' }] },
  { match: 'helm version', results: [{ stdout: 'v4.1.4+g1234567\n' }] },
  {
    match: (c) => c.file.endsWith('kubectl') && c.args.includes('--client'),
    results: [{ stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.35.1' } }) }],
  },
];

let dir: string;
let env: Record<string, string>;
let listening: Server | undefined;

/** Executables standing in for kind, helm and kubectl, so tool resolution finds them and nothing is downloaded. */
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prload-provision-'));
  env = { PATH: '/nonexistent', PRLOAD_CACHE_DIR: join(dir, 'cache') };
  for (const tool of ['kind', 'helm', 'kubectl']) {
    const path = join(dir, tool);
    await writeFile(path, '#!/bin/sh\nexit 0\n');
    await chmod(path, 0o755);
    env[`PRLOAD_${tool.toUpperCase()}`] = path;
  }
});
afterEach(async () => {
  await new Promise((resolve) => (listening ? listening.close(resolve) : resolve(undefined)));
  listening = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A port something listens on, so the host-port check has a real conflict to find. */
async function busyPort(): Promise<number> {
  listening = createServer();
  listening.listen(0, '127.0.0.1');
  await once(listening, 'listening');
  return (listening.address() as { port: number }).port;
}

/** Two ports nobody listens on: taken from the OS, then released. */
async function freePorts(): Promise<{ http: number; https: number }> {
  const servers = [createServer(), createServer()];
  for (const server of servers) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  const [http, https] = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return { http: http!, https: https! };
}

const lines = (executor: ReturnType<typeof createRecordingExecutor>) =>
  executor.calls.map((call) => formatCommand({ ...call, file: call.file.split('/').pop()! }));

async function provision(options: ProvisionClusterOptions) {
  const provisioned = await provisionCluster(options);
  await provisioned.cluster.destroy();
  return provisioned;
}

describe('provisionCluster', () => {
  it('kind: checks Docker first, resolves the tools, then creates the cluster with the resolved kind', async () => {
    const executor = createRecordingExecutor({ responses: [dockerInfo('2'), ...VERSIONS] });
    const { cluster, tools } = await provision({
      provider: 'kind',
      name: 'prload',
      hostPorts: await freePorts(),
      workDir: dir,
      executor,
      env,
    });

    expect(lines(executor)[0]).toBe("docker info --format '{{.ServerVersion}} {{.CgroupVersion}}'");
    // Docker was answered once; the other prerequisites are checked together afterwards.
    expect(lines(executor).filter((line) => line.startsWith('docker'))).toHaveLength(1);
    expect(lines(executor).slice(1, 4).sort()).toEqual([
      'helm version --short',
      'kind version',
      'kubectl version --client -o json',
    ]);
    const create = executor.calls.find((call) => call.args[0] === 'create')!;
    expect(create.file).toBe(env['PRLOAD_KIND']);
    expect(tools).toEqual({ kind: env['PRLOAD_KIND'], helm: env['PRLOAD_HELM'], kubectl: env['PRLOAD_KUBECTL'] });
    expect(cluster).toMatchObject({
      provider: 'kind',
      ingressUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(parse((cluster as KindCluster).config).kubeadmConfigPatches).toBeUndefined();
  });

  it('kind on a cgroup v1 Docker host: says so and lets kubelet start there', async () => {
    const executor = createRecordingExecutor({ responses: [dockerInfo('1'), ...VERSIONS] });
    const logs: string[] = [];
    const { cluster } = await provision({
      provider: 'kind',
      name: 'prload',
      hostPorts: await freePorts(),
      workDir: dir,
      executor,
      env,
      log: (line) => logs.push(line),
    });
    expect(parse((cluster as KindCluster).config).kubeadmConfigPatches).toEqual([
      'kind: KubeletConfiguration\nfailCgroupV1: false\n',
    ]);
    expect(logs[0]).toBe('Docker runs on cgroup v1: the kind config lets kubelet start there (failCgroupV1: false)');
  });

  it('kind: a missing Docker daemon stops before any tool is resolved or downloaded', async () => {
    const executor = createRecordingExecutor({
      responses: [
        {
          match: 'docker info',
          results: [{ exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' }],
        },
      ],
    });
    const failure = provisionCluster({ provider: 'kind', name: 'prload', executor, env: { PATH: '/nonexistent' } });
    await expect(failure).rejects.toBeInstanceOf(PrerequisitesError);
    await expect(failure).rejects.toThrow(/Docker daemon not reachable/);
    expect(executor.calls.map((call) => call.file)).toEqual(['docker']);
  });

  it('kind: a host port in use is a prerequisite problem, unless the cluster is reused', async () => {
    const port = await busyPort();
    const base = {
      provider: 'kind',
      name: 'prload',
      hostPorts: { http: port, https: (await freePorts()).https },
      workDir: dir,
      env,
    } as const;
    const refused = provisionCluster({
      ...base,
      executor: createRecordingExecutor({ responses: [dockerInfo('2'), ...VERSIONS] }),
    });
    await expect(refused).rejects.toThrow(new RegExp(`host port ${port} on 127\\.0\\.0\\.1 is in use`));

    // kind get clusters answers nothing, so the reused cluster is created: with the port still busy.
    const executor = createRecordingExecutor({ responses: [dockerInfo('2'), ...VERSIONS] });
    await provision({ ...base, reuse: true, executor });
    expect(lines(executor)).toContain('kind get clusters');
  });

  it('kind: a given kindPath wins over resolution', async () => {
    const executor = createRecordingExecutor({ responses: [dockerInfo('2'), ...VERSIONS] });
    const { tools } = await provision({
      provider: 'kind',
      name: 'prload',
      hostPorts: await freePorts(),
      workDir: dir,
      kindPath: '/opt/kind/bin/kind',
      executor,
      env: { ...env, PRLOAD_KIND: '' },
    });
    expect(tools.kind).toBe('/opt/kind/bin/kind');
    expect(executor.calls.find((call) => call.args[0] === 'create')!.file).toBe('/opt/kind/bin/kind');
  });

  it('kwok: no Docker; kubectl resolved for the node wait, the binaries from PRLOAD_K8S_BIN_DIR', async () => {
    const executor = createRecordingExecutor({ responses: VERSIONS });
    const { cluster, tools } = await provision({
      provider: 'kwok',
      name: 'pr-7',
      workers: 1,
      workDir: dir,
      executor,
      env: { ...env, PRLOAD_K8S_BIN_DIR: '/opt/k8s/bin' },
    });
    expect(executor.calls.some((call) => call.file === 'docker')).toBe(false);
    expect(tools).toEqual({ helm: env['PRLOAD_HELM'], kubectl: env['PRLOAD_KUBECTL'] });
    const create = executor.calls.find((call) => call.args.slice(0, 2).join(' ') === 'create cluster')!;
    expect(create.file).toBe('/opt/k8s/bin/kwokctl');
    const wait = executor.calls.find((call) => call.args.includes('wait'))!;
    expect(wait.file).toBe(env['PRLOAD_KUBECTL']);
    expect(cluster).toMatchObject({ provider: 'kwok', carriesTraffic: false });
  });

  it('existing: the run namespace is made with the resolved kubectl', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, 'apiVersion: v1\nkind: Config\n');
    const executor = createRecordingExecutor({ responses: VERSIONS });
    const { cluster } = await provision({
      provider: 'existing',
      kubeconfigPath: kubeconfig,
      runId: 'r1',
      executor,
      env,
    });
    const create = executor.calls.find((call) => call.args.includes('create'))!;
    expect(create.file).toBe(env['PRLOAD_KUBECTL']);
    expect(formatCommand({ ...create, file: 'kubectl' })).toBe(
      `kubectl --kubeconfig ${kubeconfig} create namespace prload-r1`,
    );
    expect(cluster).toMatchObject({ provider: 'existing', namespace: 'prload-r1', carriesTraffic: true });
  });

  it('existing: an unreadable kubeconfig is bad input, said before any tool is resolved or downloaded', async () => {
    const executor = createRecordingExecutor({ responses: VERSIONS });
    // No PRLOAD_KUBECTL and nothing on PATH: resolving kubectl would start a download.
    const { PRLOAD_KUBECTL: _kubectl, ...noKubectl } = env;
    const failure = provisionCluster({
      provider: 'existing',
      kubeconfigPath: join(dir, 'missing-kubeconfig'),
      runId: 'r1',
      executor,
      env: noKubectl,
    });
    await expect(failure).rejects.toMatchObject({
      code: 'CLUSTER_EXISTING_KUBECONFIG',
      kind: 'bad-input',
      message: expect.stringMatching(/^kubeconfig .*missing-kubeconfig: cannot read it \(ENOENT\)/),
    });
    expect(executor.calls).toEqual([]);
  });

  it('a tool that is not where its PRLOAD_* variable says fails before anything runs', async () => {
    const executor = createRecordingExecutor({ responses: VERSIONS });
    await writeFile(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    const failure = provisionCluster({
      provider: 'existing',
      kubeconfigPath: join(dir, 'kubeconfig'),
      runId: 'r1',
      executor,
      env: { ...env, PRLOAD_KUBECTL: join(dir, 'nope') },
    });
    await expect(failure).rejects.toThrow(/PRLOAD_KUBECTL=.*nope is not an executable file/);
    expect(executor.calls).toEqual([]);
  });
});
