import type { V1Pod } from '@kubernetes/client-node';
import { diagnosePod } from '@prload/probe/internal';

/** The label (Kubernetes ≥ 1.28) and annotation an Indexed Job puts its completion index in. */
const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** Which shard a pod of the Job runs; undefined for a pod without an index. */
export function podIndex(pod: V1Pod): number | undefined {
  const value = pod.metadata?.labels?.[INDEX_KEY] ?? pod.metadata?.annotations?.[INDEX_KEY];
  const index = Number(value);
  return value !== undefined && Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** The pod of each shard: the newest when there are several (a pod being replaced). */
export function podsByIndex(pods: Iterable<V1Pod>): Map<number, V1Pod> {
  const byIndex = new Map<number, V1Pod>();
  for (const pod of pods) {
    const index = podIndex(pod);
    if (index === undefined) continue;
    const other = byIndex.get(index);
    if (!other || created(pod) >= created(other)) byIndex.set(index, pod);
  }
  return byIndex;
}

function created(pod: V1Pod): number {
  const at = pod.metadata?.creationTimestamp;
  return at ? new Date(at).getTime() : 0;
}

/**
 * Why a shard's pod can no longer deliver a result: it failed (evicted, OOM-killed, crashed) or is being
 * deleted (evicted through the API, preempted, its node drained). Undefined while it may still. A pod that
 * Succeeded is not a failure: the shard exits 0 only after writing its result, and kwok, which simulates
 * pods without running them, completes a Job's pods at once.
 */
export function podFailure(pod: V1Pod): string | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return undefined;
  const status = pod.status?.reason ? `${pod.status.reason}${pod.status.message ? `: ${pod.status.message}` : ''}` : '';
  if (phase === 'Failed') {
    const reasons = [...new Set([status, ...containerReasons(pod)].filter((r) => r !== ''))];
    return `Failed: ${reasons.join('; ') || 'no reason given'}`;
  }
  if (pod.metadata?.deletionTimestamp) {
    const disruption = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
    const why = disruption
      ? `${disruption.reason ?? 'DisruptionTarget'}${disruption.message ? `: ${disruption.message}` : ''}`
      : '';
    return `deleted before it sent its result${why ? ` (${why})` : ''}`;
  }
  return undefined;
}

/** What a shard's pod is doing while its shard is not ready: Pending and why, or running. */
export function podProgress(pod: V1Pod | undefined): string {
  if (!pod) return 'no pod created (see the Job events)';
  const phase = pod.status?.phase ?? 'Pending';
  const reasons = containerReasons(pod);
  if (reasons.length > 0) return `${phase}: ${reasons.join('; ')}`;
  return phase === 'Running' ? 'Running, no status from the shard yet' : phase;
}

/** probe's reasons for a pod that is not Ready (unschedulable, image pull, crash…); none for a Ready one. */
function containerReasons(pod: V1Pod): readonly string[] {
  const own = pod.status?.reason;
  return (
    diagnosePod(pod)?.reasons.filter((r) => !r.startsWith('phase ') && r !== own && !r.startsWith(`${own}: `)) ?? []
  );
}
