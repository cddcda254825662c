import type { LoadResult } from '@prload/loadgen';
import { abortRun } from './abort-run.js';
import { RunObjects } from './cleanup.js';
import { createRun } from './create-run.js';
import {
  checkLoad,
  type DistributedLoadOptions,
  RESULT_SLACK_MS,
  type Resolved,
  resolveOptions,
} from './distributed-options.js';
import { DistributedAbortedError, describeProblem, ShardsNoResultError, ShardsNotReadyError } from './errors.js';
import { type KubeApis, kubeApis, kubeCall, mergePatchOptions } from './kube.js';
import { mergeShardResults, type ShardRun } from './merge-shard-results.js';
import { type RunNames, runNames } from './names.js';
import { startPatch } from './run-spec.js';
import { unfinishedShards } from './run-state.js';
import { type RunWatch, watchRun } from './run-watches.js';
import { podsByIndex } from './shard-pod.js';
import type { ShardStatus } from './shard-status.js';
import { diagnose, failOn, waitFor } from './verdict-wait.js';

export interface DistributedLoadResult {
  /** The shards' results merged: one run's figures, `shards[]` with each shard's node, start lag and validity. */
  readonly result: LoadResult;
  /** Each shard's pod, node and notice delay, by index. */
  readonly shards: readonly ShardRun[];
  /** The shared start, ISO 8601. */
  readonly startAt: string;
  /** Objects that could not be deleted, with the command to delete them by hand; empty normally. */
  readonly leftovers: readonly string[];
}

/** Budget for deleting the run's objects (cleanup runs after an abort too, so never under the caller's signal). */
const CLEANUP_TIMEOUT_MS = 30_000;

/**
 * Runs one load test from `shards` pods of an Indexed Job: creates the Job (suspended) and what it owns
 * (the spec ConfigMap, the shards' ServiceAccount, Role and RoleBinding), releases it, waits until every
 * shard is ready, gives them one start a few seconds ahead, waits for every result and merges them.
 * A failed, evicted or failing shard, or a deadline, fails the run naming the shards, with their pods'
 * diagnostics. Everything is deleted at the end, whatever happened.
 */
export async function runDistributedLoad(options: DistributedLoadOptions): Promise<DistributedLoadResult> {
  const resolved = resolveOptions(options);
  await checkLoad(resolved.load, options.shards);
  const { namespace } = options;
  const names = runNames(options.runId);
  const apis = kubeApis(options.kubeConfig);
  const log = options.log ?? (() => {});
  const objects = new RunObjects(apis, namespace, options.runId);
  let watch: RunWatch | undefined;
  try {
    await createRun(apis, options, names, resolved, objects, log);
    watch = watchRun(apis, namespace, names);
    const outcome = await coordinate(apis, options, names, resolved, watch, log);
    watch.stop();
    const leftovers = await cleanUp(objects, log);
    return { ...outcome, leftovers };
  } catch (error) {
    watch?.stop();
    await cleanUp(objects, log);
    if (options.signal?.aborted && error === options.signal.reason) {
      throw new DistributedAbortedError(`run ${options.runId}: aborted while creating its objects`, { cause: error });
    }
    throw error;
  }
}

async function coordinate(
  apis: KubeApis,
  options: DistributedLoadOptions,
  names: RunNames,
  resolved: Resolved,
  watch: RunWatch,
  log: (line: string) => void,
): Promise<Omit<DistributedLoadResult, 'leftovers'>> {
  const { shards, namespace, signal } = options;
  const began = performance.now();
  const ready = await waitFor(watch, 'ready', shards, resolved.readyTimeoutMs, signal);
  if (ready.kind === 'aborted') {
    throw new DistributedAbortedError(`run ${options.runId}: aborted before the shards started`, {
      cause: signal?.reason,
    });
  }
  if (ready.kind === 'timeout') {
    const problems = unfinishedShards(watch.snapshot(), 'ready', shards);
    throw new ShardsNotReadyError(
      `distributed load: ${problems.length} of ${shards} shards not ready within ${(resolved.readyTimeoutMs / 1000).toFixed(0)} s: ${problems.map(describeProblem).join('; ')} — see the error's diagnostics`,
      problems,
      await diagnose(apis, namespace, names, problems),
    );
  }
  await failOn(ready.verdict, apis, namespace, names);
  log(`${shards} shard${shards === 1 ? '' : 's'} ready after ${((performance.now() - began) / 1000).toFixed(1)} s`);

  const now = Date.now();
  const startAt = now + resolved.startMarginMs;
  // Not under the caller's signal: once begun, the start is written whole (an abort then stops the shards).
  const bounded = AbortSignal.timeout(resolved.startMarginMs);
  await kubeCall(`starting the run (patching ConfigMap ${namespace}/${names.spec})`, bounded, async () =>
    apis.core.patchNamespacedConfigMap(
      { name: names.spec, namespace, body: startPatch(startAt, now) },
      await mergePatchOptions(bounded),
    ),
  );
  log(`start at ${new Date(startAt).toISOString()} (in ${resolved.startMarginMs} ms)`);

  const resultsDeadline = startAt + resolved.runMs + RESULT_SLACK_MS - Date.now();
  const done = await waitFor(watch, 'running', shards, resultsDeadline, signal);
  let statuses: readonly ShardStatus[];
  if (done.kind === 'aborted') {
    statuses = await abortRun(apis, options, names, resolved, watch, log);
  } else if (done.kind === 'timeout') {
    const problems = unfinishedShards(watch.snapshot(), 'done', shards);
    throw new ShardsNoResultError(
      `distributed load: ${problems.length} of ${shards} shards sent no result by ${new Date(startAt + resolved.runMs + RESULT_SLACK_MS).toISOString()}: ${problems.map(describeProblem).join('; ')} — see the error's diagnostics`,
      problems,
      await diagnose(apis, namespace, names, problems),
    );
  } else {
    await failOn(done.verdict, apis, namespace, names);
    statuses = done.verdict.kind === 'done' ? done.verdict.statuses : [];
  }
  const { result, runs } = mergeShardResults(shards, statuses, podsByIndex(watch.snapshot().pods));
  log(
    `merged ${statuses.length} of ${shards} shard results: ${result.summary.requests} requests${result.valid ? '' : `, invalid: ${result.invalidReason}`}`,
  );
  return { result, shards: runs, startAt: new Date(startAt).toISOString() };
}

async function cleanUp(objects: RunObjects, log: (line: string) => void): Promise<string[]> {
  const leftovers = await objects.deleteAll(AbortSignal.timeout(CLEANUP_TIMEOUT_MS));
  for (const line of leftovers) log(`cleanup: ${line}`);
  return leftovers;
}
