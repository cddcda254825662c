import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { childCommands } from '../helpers/child-processes.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

/** The YAML block under a `## heading` of the plan. */
function section(plan: string, heading: string): string {
  const start = plan.indexOf(`## ${heading}\n`);
  expect(start, `plan has a "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const body = plan.slice(start + heading.length + 4);
  const end = body.indexOf('\n## ');
  return end === -1 ? body : body.slice(0, end);
}

test('--dry-run with kind prints the kind config, every command and each release values, and runs nothing', async () => {
  // No kind, helm or Docker here: a dry run must not need them.
  const run = await runCli(['run', '--provider', 'kind', '--dry-run'], { env: { PATH: '/nonexistent' } });
  expect(run.exitCode).toBe(0);

  const kindConfig = parse(section(run.stdout, 'kind config'));
  expect(kindConfig.nodes.map((node: { role: string }) => node.role)).toEqual(['control-plane', 'worker', 'worker']);
  expect(kindConfig.nodes[0].extraPortMappings).toEqual([
    expect.objectContaining({ containerPort: 80, hostPort: 80, listenAddress: '127.0.0.1' }),
    expect.objectContaining({ containerPort: 443, hostPort: 443, listenAddress: '127.0.0.1' }),
  ]);
  expect(kindConfig.nodes[0].image).toMatch(/^kindest\/node:v[\d.]+@sha256:[0-9a-f]{64}$/);
  expect(kindConfig.nodes[0].labels).toEqual({ 'ingress-ready': 'true' });
  // Docker is not on this PATH: the plan says it assumed cgroup v2.
  expect(section(run.stdout, 'kind config')).toMatch(/^# Docker did not answer: cgroup v2 assumed/);
  expect(kindConfig.kubeadmConfigPatches).toBeUndefined();

  const commands = section(run.stdout, 'cluster commands');
  expect(commands).toMatch(/^kind create cluster --name prload --config \S+ --wait \d+s --kubeconfig \S+$/m);
  expect(commands).toMatch(/^kind delete cluster --name prload/m);
  const deploy = section(run.stdout, 'deploy commands (helm applies; prload then waits for the rollouts by watches)');
  expect(deploy).toMatch(
    /^helm upgrade --install nginx-ingress oci:\/\/ghcr\.io\/nginx\/charts\/nginx-ingress --version \S+/m,
  );
  expect(deploy).toMatch(/^helm upgrade --install foo \S+\/charts?\/http-echo /m);
  // helm's own wait would roll a failed first install back and delete the pods the diagnostics name.
  expect(deploy).not.toMatch(/--wait|--rollback-on-failure|--atomic/);
  expect(deploy).toMatch(/^helm upgrade --install bar \S+\/charts?\/http-echo /m);

  expect(parse(section(run.stdout, 'values: foo'))).toMatchObject({
    text: 'foo',
    host: 'foo.localhost',
    replicaCount: 2,
  });
  expect(parse(section(run.stdout, 'values: bar'))).toMatchObject({
    text: 'bar',
    host: 'bar.localhost',
    replicaCount: 2,
  });
  expect(childCommands()).toEqual([]);
});

test('--dry-run on a cgroup v1 Docker host, offline: the kind config and helm values a run would use', async () => {
  // A docker that answers `docker info` like a daemon on a cgroup v1 host.
  const bin = await tempDir();
  await writeFile(join(bin, 'docker'), '#!/bin/sh\necho "28.2.2 1"\n');
  await chmod(join(bin, 'docker'), 0o755);
  const run = await runCli(
    [
      'run',
      '--dry-run',
      '--node-image',
      'prload.local/kind-node:v1.36.4',
      '--ingress-controller',
      'traefik',
      '--ingress-chart',
      '/srv/charts/traefik',
      '--ingress-chart-version',
      '41.3.0',
      '--preload-image',
      'prload.local/traefik:v3.7.11',
    ],
    {
      env: {
        PATH: bin,
        PRLOAD_INGRESS_IMAGE: 'prload.local/traefik:v3.7.11',
        PRLOAD_APP_IMAGE: 'prload.local/http-echo:1.0.0',
      },
    },
  );
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);

  const kindConfig = parse(section(run.stdout, 'kind config'));
  expect(section(run.stdout, 'kind config')).toMatch(/^# Docker host: cgroup v1/);
  expect(kindConfig.kubeadmConfigPatches).toEqual(['kind: KubeletConfiguration\nfailCgroupV1: false\n']);
  expect(kindConfig.nodes.map((node: { image: string }) => node.image)).toEqual([
    'prload.local/kind-node:v1.36.4',
    'prload.local/kind-node:v1.36.4',
    'prload.local/kind-node:v1.36.4',
  ]);
  expect(section(run.stdout, 'cluster commands')).toMatch(
    /^kind load docker-image prload\.local\/traefik:v3\.7\.11 --name prload$/m,
  );

  const deploy = section(run.stdout, 'deploy commands (helm applies; prload then waits for the rollouts by watches)');
  // A local chart folder: no --version.
  expect(deploy).toMatch(
    /^helm upgrade --install traefik \/srv\/charts\/traefik --namespace traefik --create-namespace /m,
  );
  expect(deploy).not.toMatch(/traefik .*--version/);
  const traefik = parse(section(run.stdout, 'values: traefik (local chart /srv/charts/traefik)'));
  expect(traefik.image).toEqual({ registry: 'prload.local', repository: 'traefik', tag: 'v3.7.11' });
  expect(traefik.ports).toEqual({ web: { hostPort: 80 }, websecure: { hostPort: 443 } });
  expect(parse(section(run.stdout, 'values: foo'))).toMatchObject({
    image: { repository: 'prload.local/http-echo', tag: '1.0.0', digest: '' },
    ingress: { className: 'traefik' },
  });
  expect(childCommands()).toEqual([]);
});

test('--dry-run with a mirror’s oci:// chart prints it with its version', async () => {
  const run = await runCli(
    [
      'run',
      '--dry-run',
      '--ingress-chart',
      'oci://mirror.local/nginx/charts/nginx-ingress',
      '--ingress-image',
      'mirror.local/nginx/nginx-ingress:5.5.4',
    ],
    { env: { PATH: '/nonexistent' } },
  );
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toMatch(
    /^helm upgrade --install nginx-ingress oci:\/\/mirror\.local\/nginx\/charts\/nginx-ingress --version 2\.6\.4 /m,
  );
  const values = parse(
    section(run.stdout, 'values: nginx-ingress (oci://mirror.local/nginx/charts/nginx-ingress 2.6.4)'),
  );
  expect(values.controller.image).toEqual({ repository: 'mirror.local/nginx/nginx-ingress', tag: '5.5.4' });
});

const DEPLOY = 'deploy commands (helm applies; prload then waits for the rollouts by watches)';

test('--dry-run with kwok prints the commands its provider runs, from the k8s bin dir, and installs no controller', async () => {
  const run = await runCli(['run', '--provider', 'kwok', '--dry-run', '--cluster-name', 'pr-7', '--workers', '3'], {
    env: { PATH: '/nonexistent', PRLOAD_K8S_BIN_DIR: '/opt/k8s/bin' },
  });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);

  const commands = section(run.stdout, 'cluster commands');
  expect(commands).toMatch(/^# kwok: pods are simulated and carry no traffic; the run stops after readiness$/m);
  expect(commands).toMatch(/^\/opt\/k8s\/bin\/kwokctl --version$/m);
  expect(commands).toMatch(/^\/opt\/k8s\/bin\/kwokctl create cluster --name pr-7 --kubeconfig (\S+) --wait 120s/m);
  expect(commands).toMatch(/^\/opt\/k8s\/bin\/kwokctl scale node --replicas 3 --name pr-7$/m);
  expect(commands).toMatch(/^kubectl --kubeconfig \S+ wait --for=condition=Ready nodes --all --timeout=120s$/m);
  expect(commands).toMatch(/^\/opt\/k8s\/bin\/kwokctl delete cluster --name pr-7/m);

  // Simulated pods carry no traffic: no ingress controller, the apps into the provider's namespace.
  const deploy = section(run.stdout, DEPLOY);
  expect(deploy).not.toMatch(/nginx-ingress/);
  expect(deploy).toMatch(
    /^helm upgrade --install foo \S+\/charts?\/http-echo --namespace prload .*--kube-context kwok-pr-7$/m,
  );
  expect(run.stdout).not.toMatch(/## values: nginx-ingress/);
  expect(childCommands()).toEqual([]);
});

test('--dry-run with existing prints the run namespace’s kubectl commands against the given kubeconfig and context', async () => {
  const kubeconfig = join(await tempDir(), 'kubeconfig');
  await writeFile(kubeconfig, 'apiVersion: v1\nkind: Config\n');
  const run = await runCli(
    [
      'run',
      '--provider',
      'existing',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'ci',
      '--ingress-controller',
      'none',
      '--dry-run',
    ],
    { env: { PATH: '/nonexistent' } },
  );
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  const runId = /run (\S+), provider existing/.exec(run.stdout)![1]!;

  const scope = `kubectl --kubeconfig ${kubeconfig} --context ci`;
  expect(section(run.stdout, 'cluster commands').trim().split('\n')).toEqual([
    `${scope} version -o json`,
    `${scope} create namespace prload-${runId}`,
    `${scope} label namespace prload-${runId} app.kubernetes.io/managed-by=prload prload.dev/run-id=${runId}`,
    `${scope} delete namespace prload-${runId} --ignore-not-found --wait=true --timeout=300s`,
  ]);
  const deploy = section(run.stdout, DEPLOY);
  expect(deploy).not.toMatch(/nginx-ingress/);
  expect(deploy).toMatch(
    new RegExp(
      `^helm upgrade --install foo \\S+ --namespace prload-${runId} .*--kubeconfig ${kubeconfig} --kube-context ci$`,
      'm',
    ),
  );
  expect(childCommands()).toEqual([]);
});

test('--dry-run with local describes the processes and the load', async () => {
  const run = await runCli(['run', '--provider', 'local', '--dry-run', '--rate', '80', '--seed', '3']);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain('seed 3');
  expect(run.stdout).toContain('foo.localhost → 2 http-echo process(es) answering "foo\\n"');
  expect(section(run.stdout, 'load')).toContain('80 req/s (constant) for 30s');
  expect(childCommands()).toEqual([]);
});

test('--provider existing without --kubeconfig is bad input', async () => {
  const run = await runCli(['run', '--provider', 'existing']);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trim()).toBe(
    'prload: cluster.kubeconfig: required with provider existing (set --kubeconfig, PRLOAD_KUBECONFIG or cluster.kubeconfig)',
  );
});
