import type { KubeConfig, V1Job } from '@kubernetes/client-node';
import { startEchoServer } from '@prload/cluster/testing';
import { runDistributedLoad, ShardFailedError, ShardsNotReadyError } from '@prload/distributed';
import { decodeRunSpec, runNames } from '@prload/distributed/internal';
import { runLoad } from '@prload/loadgen';
import { formatDiagnostics } from '@prload/probe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { createNamespace, MERGE_PATCH } from '../support/kube.js';
import {
  coordinatorIdentity,
  doneStatus,
  noticeOf,
  type RunApis,
  runApis,
  runGone,
  scheduledPods,
  shardLoad,
  specOf,
  writeStatus,
} from './kube-run.js';

let api: RunApis;
let echo: Awaited<ReturnType<typeof startEchoServer>>;
let nodes: string[];
const namespaces: { remove(): Promise<void> }[] = [];
let runs = 0;

beforeAll(async () => {
  api = runApis();
  echo = await startEchoServer({ text: 'foo' });
  nodes = (await api.core.listNode()).items.map((n) => n.metadata?.name ?? '').sort();
});
afterAll(async () => {
  await echo?.close();
  for (const ns of namespaces) await ns.remove();
});

/** A namespace with the coordinator's identity: a ServiceAccount bound to rbac/coordinator-role.yaml only. */
async function setup(): Promise<{ namespace: string; kubeConfig: KubeConfig; runId: string }> {
  const ns = await createNamespace(api, 'dist');
  namespaces.push(ns);
  runs += 1;
  return { namespace: ns.name, kubeConfig: await coordinatorIdentity(api, ns.name), runId: `t${process.pid}-${runs}` };
}

const load = (address: string) => ({
  address,
  targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
  rate: 40,
  durationMs: 500,
  seed: 7,
});

describe('runDistributedLoad against the API server, the test playing the shards', () => {
  it('creates the Job, spec and RBAC as designed, starts every shard at once and merges their results', async () => {
    const { namespace, kubeConfig, runId } = await setup();
    const names = runNames(runId);
    const lines: string[] = [];
    const running = runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 2,
      image: 'prload.local/prload:test',
      load: load(echo.url),
      startMarginMs: 1000,
      log: (line) => lines.push(line),
    });
    const outcome = running.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

    // The objects, read back while the run waits for its shards.
    const spec = await specOf(api, namespace, runId);
    const job: V1Job = await api.batch.readNamespacedJob({ name: names.job, namespace });
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 2,
      parallelism: 2,
      backoffLimit: 0,
      ttlSecondsAfterFinished: 600,
    });
    expect(job.spec?.activeDeadlineSeconds).toBeGreaterThan(120);
    expect(job.spec?.template.spec?.containers[0]?.args).toEqual(['shard', '--spec', names.spec]);
    const owner = { apiVersion: 'batch/v1', kind: 'Job', name: names.job, uid: job.metadata?.uid };
    expect(spec.metadata?.ownerReferences).toEqual([owner]);
    expect(decodeRunSpec(spec.data?.['spec.json'], 'spec')).toMatchObject({
      version: 1,
      runId,
      shards: 2,
      load: load(echo.url),
    });
    const role = await api.rbac.readNamespacedRole({ name: names.rbac, namespace });
    expect(role.rules?.map((r) => `${r.verbs.join(',')} ${r.resourceNames?.join(',') ?? '*'}`)).toEqual([
      `list,watch ${names.spec}`,
      'create *',
      `patch ${names.status(0)},${names.status(1)}`,
    ]);
    const binding = await api.rbac.readNamespacedRoleBinding({ name: names.rbac, namespace });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: names.rbac, namespace }]);
    const account = await api.core.readNamespacedServiceAccount({ name: names.rbac, namespace });
    for (const object of [role, binding, account]) expect(object.metadata?.ownerReferences).toEqual([owner]);

    // kwok marks a Job's pods Running, then Succeeded at once (its pod-complete stage): the coordinator must
    // not take that for a shard's end. The pods spread over both fake nodes.
    const pods = await scheduledPods(api, namespace, runId, 2);
    const placed = pods.map((p) => p.spec?.nodeName ?? '');
    expect(new Set(placed).size).toBe(2);
    for (const node of placed) expect(nodes).toContain(node);
    await eventually('kwok completes the Job pods', async () => {
      const phases = (
        await api.core.listNamespacedPod({ namespace, labelSelector: `prload.dev/run=${runId}` })
      ).items.map((p) => p.status?.phase);
      return phases.every((p) => p === 'Succeeded') ? phases : undefined;
    });
    const nodeOf = (index: number) =>
      pods.find((p) => p.metadata?.labels?.['batch.kubernetes.io/job-completion-index'] === String(index))?.spec
        ?.nodeName;

    // The shards: ready, then at the notice their real slice of the load, then the results.
    for (const index of [0, 1]) await writeStatus(api, spec, { index, state: 'ready', node: `self-${index}` });
    const notice = await noticeOf(api, namespace, runId, (n) => n.startAt !== undefined);
    expect(notice.startAt! - notice.coordinatorNow!).toBe(1000);
    const results = await Promise.all([0, 1].map((index) => shardLoad(echo.url, index, 2, 7, notice.startAt!)));
    for (const index of [0, 1]) await writeStatus(api, spec, doneStatus(index, results[index]!, `self-${index}`));

    const done = await outcome;
    if ('error' in done) throw done.error;
    const { result, shards, startAt, leftovers } = done.value;
    expect(startAt).toBe(new Date(notice.startAt!).toISOString());
    expect(leftovers).toEqual([]);
    expect(result.summary.requests).toBe(results[0]!.summary.requests + results[1]!.summary.requests);
    expect(result.summary.requests).toBe(20);
    expect(result.shards?.map((s) => [s.index, s.node])).toEqual([
      [0, nodeOf(0)],
      [1, nodeOf(1)],
    ]);
    expect(shards.map((s) => [s.index, s.node, s.sentResult])).toEqual([
      [0, nodeOf(0), true],
      [1, nodeOf(1), true],
    ]);
    expect(lines.some((l) => l.startsWith('2 shards ready after'))).toBe(true);
    await runGone(api, namespace, runId);
  });

  it('a shard pod that fails (OOMKilled, as its kubelet would report) fails the run naming the shard, with its events', async () => {
    const { namespace, kubeConfig, runId } = await setup();
    const running = runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 2,
      image: 'prload:test',
      load: load(echo.url),
    });
    const failure = running.then(
      () => undefined,
      (error: unknown) => error,
    );
    const pods = await scheduledPods(api, namespace, runId, 2);
    const victim = pods.find((p) => p.metadata?.labels?.['batch.kubernetes.io/job-completion-index'] === '1')!;
    const name = victim.metadata!.name!;
    // After kwok's last word on the pod (Succeeded), so nothing overwrites the failure.
    await eventually(`kwok completes ${name}`, async () =>
      (await api.core.readNamespacedPod({ name, namespace })).status?.phase === 'Succeeded' ? true : undefined,
    );
    await api.core.createNamespacedEvent({
      namespace,
      body: {
        metadata: { generateName: `${name}.` },
        involvedObject: { kind: 'Pod', name, namespace, uid: victim.metadata?.uid },
        reason: 'OOMKilling',
        message: 'Memory cgroup out of memory: Killed process 1234 (node)',
        type: 'Warning',
        source: { component: 'kubelet', host: victim.spec?.nodeName },
        count: 1,
        lastTimestamp: new Date(),
      },
    });
    await api.core.patchNamespacedPodStatus(
      {
        name,
        namespace,
        body: {
          status: {
            phase: 'Failed',
            containerStatuses: [
              {
                name: 'shard',
                image: 'prload:test',
                imageID: '',
                ready: false,
                restartCount: 0,
                state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
              },
            ],
          },
        },
      },
      MERGE_PATCH,
    );

    const error = await failure;
    expect(error).toBeInstanceOf(ShardFailedError);
    const failed = error as ShardFailedError;
    expect(failed.kind).toBe('infrastructure');
    expect(failed.message).toContain(
      `shard 1 (pod ${name} on node ${victim.spec?.nodeName}): Failed: container shard: terminated OOMKilled (exit code 137)`,
    );
    expect(failed.problems.map((p) => p.index)).toEqual([1]);
    const text = formatDiagnostics(failed.diagnostics);
    expect(text).toContain(`${name} (Failed on ${victim.spec?.nodeName})`);
    expect(text).toContain(`Warning OOMKilling Pod/${name}: Memory cgroup out of memory`);
    expect(failed.diagnostics.events.some((e) => e.reason === 'Scheduled' && e.object === `Pod/${name}`)).toBe(true);
    await runGone(api, namespace, runId);
  });

  it('the ready deadline names the shards that never became ready, with their pods’ scheduling events', async () => {
    const { namespace, kubeConfig, runId } = await setup();
    const running = runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 2,
      image: 'prload:test',
      load: load(echo.url),
      nodeSelector: { 'prload-test/nowhere': 'true' },
      readyTimeoutMs: 4000,
    });
    const failure = running.then(
      () => undefined,
      (error: unknown) => error,
    );
    // Shard 0 says it is ready (as a shard outside the Job could); shard 1's pod cannot be scheduled.
    const spec = await specOf(api, namespace, runId);
    await writeStatus(api, spec, { index: 0, state: 'ready' });

    const error = await failure;
    expect(error).toBeInstanceOf(ShardsNotReadyError);
    const late = error as ShardsNotReadyError;
    expect(late.problems.map((p) => p.index)).toEqual([1]);
    expect(late.message).toMatch(
      /^distributed load: 1 of 2 shards not ready within 4 s: shard 1 \(pod prload-load-\S+-1-\w+, not scheduled\): Pending: Unschedulable: 0\/2 nodes are available/,
    );
    expect(late.diagnostics.events.some((e) => e.reason === 'FailedScheduling')).toBe(true);
    await runGone(api, namespace, runId);
  });
});

describe('runDistributedLoad aborted through its AbortSignal', () => {
  it('before the start: deletes everything and says it was aborted', async () => {
    const { namespace, kubeConfig, runId } = await setup();
    const controller = new AbortController();
    const running = runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 2,
      image: 'prload:test',
      load: load(echo.url),
      signal: controller.signal,
    });
    const failure = running.then(
      () => undefined,
      (error: unknown) => error,
    );
    await scheduledPods(api, namespace, runId, 2);
    controller.abort(new Error('SIGINT'));
    const error = (await failure) as { code?: string; message?: string };
    expect(error.code).toBe('DISTRIBUTED_ABORTED');
    expect(error.message).toBe(`run ${runId}: aborted before the shards started`);
    await runGone(api, namespace, runId);
  });

  it('after the start: tells the shards to stop, merges what they sent back and deletes everything', async () => {
    const { namespace, kubeConfig, runId } = await setup();
    const controller = new AbortController();
    const running = runDistributedLoad({
      kubeConfig,
      namespace,
      runId,
      shards: 2,
      image: 'prload:test',
      // The wait for the shards' last results after an abort is the drain bound (the request timeout) + 5 s.
      load: { ...load(echo.url), durationMs: 60_000, timeoutMs: 1000 },
      startMarginMs: 500,
      signal: controller.signal,
    });
    const outcome = running.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const spec = await specOf(api, namespace, runId);
    for (const index of [0, 1]) await writeStatus(api, spec, { index, state: 'ready' });
    const notice = await noticeOf(api, namespace, runId, (n) => n.startAt !== undefined);

    // The shards run a minute-long load until the coordinator's abort reaches them; shard 1 never answers.
    const stop = new AbortController();
    const shard0 = shardLoadUntil(echo.url, notice.startAt!, stop.signal);
    controller.abort(new Error('SIGINT'));
    await noticeOf(api, namespace, runId, (n) => n.abort);
    stop.abort();
    await writeStatus(api, spec, doneStatus(0, await shard0, 'self-0'));

    const done = await outcome;
    if ('error' in done) throw done.error;
    const { result, shards } = done.value;
    expect(result.aborted).toBe(true);
    expect(result.valid).toBe(false);
    expect(result.shards?.map((s) => s.index)).toEqual([0]);
    expect(shards.map((s) => s.sentResult)).toEqual([true, false]);
    await runGone(api, namespace, runId);
  });
});

function shardLoadUntil(address: string, startAt: number, signal: AbortSignal) {
  return runLoad({
    address,
    targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
    rate: 40,
    durationMs: 60_000,
    seed: 7,
    shard: { index: 0, count: 2 },
    startAt,
    signal,
  });
}
