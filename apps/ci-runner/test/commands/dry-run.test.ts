import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { childCommands } from '../helpers/child-processes.js';
import { runCli } from '../helpers/run-cli.js';

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

  const commands = section(run.stdout, 'cluster commands');
  expect(commands).toMatch(/^kind create cluster --name prload --config \S+ --wait \d+s --kubeconfig \S+$/m);
  expect(commands).toMatch(/^kind delete cluster --name prload/m);
  const deploy = section(
    run.stdout,
    'deploy commands (helm 4 flags; with helm 3, --atomic replaces --rollback-on-failure)',
  );
  expect(deploy).toMatch(
    /^helm upgrade --install nginx-ingress oci:\/\/ghcr\.io\/nginx\/charts\/nginx-ingress --version \S+/m,
  );
  expect(deploy).toMatch(/^helm upgrade --install foo \S+charts\/http-echo /m);
  expect(deploy).toMatch(/^helm upgrade --install bar \S+charts\/http-echo /m);

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
