import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEchoServer } from '@prload/cluster/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunApis, runApis, runGone } from '../distributed/kube-run.js';
import { eventually } from '../support/eventually.js';
import { createNamespace, kubeconfigPath } from '../support/kube.js';

const BIN = fileURLToPath(new URL('../../apps/ci-runner/dist/bin/prload.js', import.meta.url));

let api: RunApis;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
let namespace: { name: string; remove(): Promise<void> };

beforeAll(async () => {
  api = runApis();
  echo = await startEchoServer({ text: 'foo' });
  namespace = await createNamespace(api, 'cli-shards');
});
afterAll(async () => {
  await echo?.close();
  await namespace?.remove();
});

/** A prload process and everything it printed. */
function prload(args: readonly string[]): { child: ChildProcess; output: () => string; exit: Promise<number> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exit: once(child, 'exit').then(([code]) => code as number) };
}

it('prload load --shards 2 coordinates two `prload shard` processes through the API server: one schedule, one merged report, nothing left', async () => {
  const out = await mkdtemp(join(tmpdir(), 'prload-cli-shards-'));
  const kubeconfig = kubeconfigPath();
  const load = prload([
    'load',
    ...['--kubeconfig', kubeconfig, '--namespace', namespace.name, '--shards', '2'],
    // kwok's pods never run the image; the two shards below play them, as the pods would run `prload shard`.
    ...['--shard-image', 'prload.local/prload:test'],
    ...['--target', echo.url, '--host', 'foo.localhost,body=foo\n'],
    ...['--rate', '40', '--duration', '1s', '--warmup', '0s', '--connections', '4', '--seed', '7'],
    // Three Node processes on two shared cores: a send-lag bound they can hold.
    ...['--max-send-lag', '250ms', '--format', 'json,md', '--out', out],
  ]);
  // The run's spec ConfigMap names the run; the shards start from it, as each pod's args do.
  const spec = await eventually(`the run's spec ConfigMap in ${namespace.name}`, async () => {
    const list = await api.core.listNamespacedConfigMap({
      namespace: namespace.name,
      labelSelector: 'prload.dev/run,app.kubernetes.io/component=spec',
    });
    return list.items[0]?.metadata?.name;
  });
  const shards = [0, 1].map((index) =>
    prload([
      'shard',
      ...['--spec', spec, '--namespace', namespace.name, '--index', String(index), '--kubeconfig', kubeconfig],
    ]),
  );
  const [loadCode, ...shardCodes] = await Promise.all([load.exit, ...shards.map((shard) => shard.exit)]);
  expect(loadCode, load.output()).toBe(0);
  shardCodes.forEach((code, index) => {
    expect(code, shards[index]!.output()).toBe(0);
  });

  const report = JSON.parse(await readFile(join(out, 'prload-report.json'), 'utf8'));
  expect(report.verdict).toBe('passed');
  expect(report.valid).toBe(true);
  expect(report.shards.map((s: { index: number }) => s.index)).toEqual([0, 1]);
  const perShard = report.shards.map((s: { requests: number }) => s.requests);
  expect(perShard.every((n: number) => n > 0)).toBe(true);
  expect(report.summary.requests).toBe(perShard[0] + perShard[1]);
  expect(report.summary.errors).toBe(0);
  // 40/s for 1 s, split by the one schedule's index parity.
  expect(report.summary.requests).toBe(40);
  expect(await readFile(join(out, 'prload-report.md'), 'utf8')).toMatch(/Shards/);
  // The coordinator deleted the Job, its pods, the ConfigMaps and the shards' RBAC.
  const runId = spec.replace(/^prload-load-/, '');
  await runGone(api, namespace.name, runId);
});

it('prload shard outside a pod without --spec, or prload load --shards without a cluster, is bad input', async () => {
  const shard = prload(['shard']);
  expect(await shard.exit).toBe(2);
  expect(shard.output().trim()).toBe("prload: --spec: required: the run's ConfigMap (prload-load-<run id>)");

  const load = prload(['load', '--target', echo.url, '--host', 'foo.localhost', '--shards', '2', '--duration', '1s']);
  expect(await load.exit).toBe(2);
  expect(load.output().trim().split('\n')).toEqual([
    'prload: load.distributed.shards (--shards 2): prload load needs --kubeconfig, the cluster the shards run in',
    "prload: load.distributed.shards (--shards 2): prload load needs --namespace, where the shards' Job runs",
  ]);
});
