import type { DistributedLoadOptions, Resolved } from './distributed-options.js';
import { DistributedAbortedError } from './errors.js';
import { type KubeApis, kubeCall, mergePatchOptions } from './kube.js';
import type { RunNames } from './names.js';
import { abortPatch } from './run-spec.js';
import { finishedStatuses } from './run-state.js';
import type { RunWatch } from './run-watches.js';
import type { ShardStatus } from './shard-status.js';
import { waitFor } from './verdict-wait.js';

/**
 * After the caller's abort: tells the shards to stop, waits a drain's time (and 5 s) for what they send, and
 * returns the results that came; none at all is DistributedAbortedError.
 */
export async function abortRun(
  apis: KubeApis,
  options: DistributedLoadOptions,
  names: RunNames,
  resolved: Resolved,
  watch: RunWatch,
  log: (line: string) => void,
): Promise<readonly ShardStatus[]> {
  const { namespace, shards } = options;
  const bounded = AbortSignal.timeout(10_000);
  try {
    await kubeCall(`aborting the run (patching ConfigMap ${namespace}/${names.spec})`, bounded, async () =>
      apis.core.patchNamespacedConfigMap(
        { name: names.spec, namespace, body: abortPatch() },
        await mergePatchOptions(bounded),
      ),
    );
    log('aborted: told the shards to stop');
  } catch (error) {
    log(`aborted, but could not tell the shards to stop: ${(error as Error).message}`);
  }
  const settled = await waitFor(watch, 'aborting', shards, resolved.drainMs + 5000, undefined);
  // Shards that had not settled by then are left out; mergeResults names them in the merged result.
  const statuses =
    settled.kind === 'verdict' && settled.verdict.kind === 'done'
      ? settled.verdict.statuses
      : finishedStatuses(watch.snapshot());
  if (statuses.length === 0) {
    throw new DistributedAbortedError(`run ${options.runId}: aborted, and no shard sent a result`, {
      cause: options.signal?.reason,
    });
  }
  return statuses;
}
