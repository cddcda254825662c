import type { V1ConfigMap, V1Job, V1Pod } from '@kubernetes/client-node';
import type { ShardProblem } from './errors.js';
import { podFailure, podProgress, podsByIndex } from './shard-pod.js';
import { parseShardStatus, type ShardStatus, type UnreadableStatus } from './shard-status.js';

/** What the coordinator sees of a run: the Job, its pods, the shards' status ConfigMaps. */
export interface RunSnapshot {
  readonly job: V1Job | undefined;
  readonly pods: readonly V1Pod[];
  readonly statuses: readonly V1ConfigMap[];
}

/**
 * `ready`: waiting until every shard is prepared. `running`: started, waiting for every result.
 * `aborting`: told to stop, waiting for what each shard still sends; a shard that fails then is left out.
 */
export type RunPhase = 'ready' | 'running' | 'aborting';

export type RunVerdict =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly statuses: readonly ShardStatus[] }
  | { readonly kind: 'failed'; readonly problems: readonly ShardProblem[] };

/** Each shard's status by index; the newest kind of record wins where a shard wrote twice. */
export function statusesByIndex(configMaps: readonly V1ConfigMap[]): Map<number, ShardStatus | UnreadableStatus> {
  const byIndex = new Map<number, ShardStatus | UnreadableStatus>();
  for (const cm of configMaps) {
    const status = parseShardStatus(cm);
    if (status) byIndex.set(status.index, status);
  }
  return byIndex;
}

/**
 * The run's state machine, a pure function of what the watches saw: undefined while it must wait.
 * Failures come first (a failed shard ends the run even while others are still starting), then
 * the phase's goal. Only the status ConfigMaps say ready or done: pods only say failed.
 */
export function judgeRun(snapshot: RunSnapshot, phase: RunPhase, shards: number): RunVerdict | undefined {
  const statuses = statusesByIndex(snapshot.statuses);
  const pods = podsByIndex(snapshot.pods);
  const problems: ShardProblem[] = [];
  const finished: ShardStatus[] = [];
  let settled = 0;
  for (let index = 0; index < shards; index += 1) {
    const status = statuses.get(index);
    const pod = pods.get(index);
    const problem = (reason: string): ShardProblem => ({
      index,
      pod: pod?.metadata?.name,
      node: pod?.spec?.nodeName ?? (status?.state !== 'unreadable' ? status?.node : undefined),
      reason,
    });
    if (status?.state === 'done') {
      finished.push(status);
      settled += 1;
      continue;
    }
    const failure =
      status?.state === 'failed'
        ? `the shard failed: ${status.error ?? 'no reason given'}`
        : status?.state === 'unreadable'
          ? `unreadable status: ${status.error}`
          : pod
            ? podFailure(pod)
            : undefined;
    if (failure !== undefined) {
      if (phase === 'aborting') settled += 1;
      else if (status?.state === 'failed' && status.errorKind === 'bad-input') {
        problems.push({ ...problem(failure), badInput: true });
      } else problems.push(problem(failure));
    }
  }
  if (problems.length > 0) return { kind: 'failed', problems };

  const jobFailed = snapshot.job?.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  if (jobFailed && phase !== 'aborting') {
    const why = `the Job failed: ${jobFailed.reason ?? 'Failed'}${jobFailed.message ? `: ${jobFailed.message}` : ''}`;
    const open = range(shards).filter((index) => statuses.get(index)?.state !== 'done');
    return {
      kind: 'failed',
      problems: open.map((index) => {
        const pod = pods.get(index);
        return { index, pod: pod?.metadata?.name, node: pod?.spec?.nodeName, reason: why };
      }),
    };
  }
  if (jobFailed && phase === 'aborting') return { kind: 'done', statuses: finished };

  switch (phase) {
    case 'ready':
      return range(shards).every((i) => {
        const state = statuses.get(i)?.state;
        return state === 'ready' || state === 'done';
      })
        ? { kind: 'ready' }
        : undefined;
    case 'running':
      return finished.length === shards ? { kind: 'done', statuses: finished } : undefined;
    case 'aborting':
      return settled === shards ? { kind: 'done', statuses: finished } : undefined;
  }
}

/** The statuses of the shards that sent their result. */
export function finishedStatuses(snapshot: RunSnapshot): ShardStatus[] {
  return [...statusesByIndex(snapshot.statuses).values()].filter((s): s is ShardStatus => s.state === 'done');
}

/**
 * The shards that have not reached `goal` and what each is doing, for a deadline's message: its pod's
 * phase and reason (Pending: Unschedulable…), or that it is ready but sent no result.
 */
export function unfinishedShards(snapshot: RunSnapshot, goal: 'ready' | 'done', shards: number): ShardProblem[] {
  const statuses = statusesByIndex(snapshot.statuses);
  const pods = podsByIndex(snapshot.pods);
  return range(shards).flatMap((index) => {
    const state = statuses.get(index)?.state;
    if (state === 'done' || (goal === 'ready' && state === 'ready')) return [];
    const pod = pods.get(index);
    const reason = state === 'ready' ? 'ready, but no result yet' : podProgress(pod);
    return [{ index, pod: pod?.metadata?.name, node: pod?.spec?.nodeName, reason }];
  });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
