import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { startEchoServer } from '@prload/cluster/testing';
import {
  type DistributedLoadResult,
  runDistributedLoad,
  runShard,
  ShardFailedError,
  type ShardOutcome,
} from '@prload/distributed';
import { runNames } from '@prload/distributed/internal';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNamespace } from '../support/kube.js';
import { coordinatorIdentity, type RunApis, runApis, runGone, serviceAccountKubeConfig, specOf } from './kube-run.js';

// The whole protocol without pods: the coordinator as the README's Role allows, and the shards in this process
// as the ServiceAccount the coordinator made for them, against a loopback server. kwok's pods only stand in.
let api: RunApis;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
let nodes: string[];
const namespaces: { remove(): Promise<void> }[] = [];
let runs = 0;

beforeAll(async () => {
  api = runApis();
  echo = await startEchoServer({ text: 'foo' });
  nodes = (await api.core.listNode()).items.map((n) => n.metadata?.name ?? '');
});
afterAll(async () => {
  await echo?.close();
  for (const ns of namespaces) await ns.remove();
});

async function setup(): Promise<{ namespace: string; kubeConfig: KubeConfig; runId: string }> {
  const ns = await createNamespace(api, 'dist-e2e');
  namespaces.push(ns);
  runs += 1;
  return { namespace: ns.name, kubeConfig: await coordinatorIdentity(api, ns.name), runId: `e${process.pid}-${runs}` };
}

/**
 * The shards' identity: a token of the ServiceAccount the coordinator created for the run, once the spec exists
 * (it is created after the RBAC, as the Job's pods are only made after both).
 */
async function shardIdentity(namespace: string, runId: string): Promise<KubeConfig> {
  await specOf(api, namespace, runId);
  return serviceAccountKubeConfig(api, namespace, runNames(runId).rbac);
}

function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

it('runDistributedLoad and three runShard calls: one start, one schedule split three ways, one merged result', async () => {
  const { namespace, kubeConfig, runId } = await setup();
  const log: string[] = [];
  const coordinator = settle<DistributedLoadResult>(
    runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 3,
      image: 'prload:test',
      // Three generators in one process on a shared machine: a send-lag bound it can hold.
      load: {
        address: echo.url,
        targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
        rate: 60,
        durationMs: 1000,
        maxSendLagP99Ms: 250,
      },
      startMarginMs: 1500,
      log: (line) => log.push(`coordinator: ${line}`),
    }),
  );
  const shardKubeConfig = await shardIdentity(namespace, runId);
  // Least privilege: the shards cannot list the namespace's ConfigMaps, only watch their run's spec.
  await expect(shardKubeConfig.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace })).rejects.toMatchObject({
    code: 403,
  });
  const shards = await Promise.all(
    [0, 1, 2].map((index) =>
      runShard({
        spec: runNames(runId).spec,
        namespace,
        index,
        node: `in-process-${index}`,
        kubeConfig: shardKubeConfig,
        log: (line) => log.push(line),
      }),
    ),
  );
  const done = await coordinator;
  if ('error' in done) throw done.error;
  const { result, shards: runsOf, leftovers } = done.value;

  // The shards' slices add up to the one schedule: 60 requests a second for 1 s, every one answered.
  expect(result.summary.requests).toBe(60);
  expect(result.summary.errors).toBe(0);
  expect(shards.map((s: ShardOutcome) => s.result.summary.requests)).toEqual([20, 20, 20]);
  expect(result.settings.rate).toBe(60);
  expect(result.valid, result.invalidReason).toBe(true);
  // One start: every shard's t0 is the coordinator's startAt, and each began on time.
  expect(new Set(shards.map((s) => s.result.shard?.startAt))).toEqual(new Set([done.value.startAt]));
  expect(result.shards?.map((s) => s.index)).toEqual([0, 1, 2]);
  for (const s of result.shards ?? []) {
    expect(nodes).toContain(s.node);
    expect(s.valid).toBe(true);
  }
  for (const s of shards) expect(Math.abs(s.noticeDelayMs ?? Number.NaN)).toBeLessThan(1500);
  expect(runsOf.map((r) => r.sentResult)).toEqual([true, true, true]);
  expect(leftovers).toEqual([]);
  expect(log.filter((l) => l.startsWith('shard 1 of 3: ')).map((l) => l.split(':')[1]?.trim().split(' ')[0])).toEqual([
    'ready',
    'start',
    'done,',
  ]);
  await runGone(api, namespace, runId);
});

it('a shard stopped before the start (its pod deleted: SIGTERM) reports it, and the run fails naming it', async () => {
  const { namespace, kubeConfig, runId } = await setup();
  const coordinator = settle(
    runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 2,
      image: 'prload:test',
      load: { address: echo.url, targets: [{ host: 'foo.localhost' }], rate: 20, durationMs: 1000, seed: 1 },
    }),
  );
  const shardKubeConfig = await shardIdentity(namespace, runId);
  const sigterm = new AbortController();
  const shard = settle(
    runShard({
      spec: runNames(runId).spec,
      namespace,
      index: 0,
      kubeConfig: shardKubeConfig,
      signal: sigterm.signal,
      log: (line) => {
        if (line.includes('ready')) sigterm.abort();
      },
    }),
  );
  expect(await shard).toMatchObject({
    error: { code: 'DISTRIBUTED_ABORTED', message: 'shard 0 of 2: aborted before the start' },
  });
  const done = await coordinator;
  expect('error' in done && done.error).toBeInstanceOf(ShardFailedError);
  const error = (done as { error: ShardFailedError }).error;
  expect(error.kind).toBe('infrastructure');
  expect(error.message).toMatch(
    /^distributed load: shard 0 \(pod prload-load-\S+-0-\w+ on node [\w-]+\): the shard failed: shard 0 of 2: aborted before the start — see the error's diagnostics$/,
  );
  await runGone(api, namespace, runId);
});
