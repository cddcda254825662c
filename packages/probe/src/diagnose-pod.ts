import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { PodDiagnosis } from './diagnostics-types.js';

// Normal steps of a starting pod: not worth pulling logs for.
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

/** Why a pod is not Ready; `undefined` for a Ready (or completed) pod. */
export function diagnosePod(pod: V1Pod): PodDiagnosis | undefined {
  const phase = pod.status?.phase ?? 'Unknown';
  const conditions = pod.status?.conditions ?? [];
  const ready = conditions.some((c) => c.type === 'Ready' && c.status === 'True');
  // A Failed pod is explained even with a Ready condition still True: kwok leaves it so, and so does a
  // kubelet that went away before it could update the conditions.
  if ((ready && !pod.metadata?.deletionTimestamp && phase !== 'Failed') || phase === 'Succeeded') return undefined;

  const reasons: string[] = [];
  const failingContainers: { name: string; previous: boolean }[] = [];
  if (pod.metadata?.deletionTimestamp) reasons.push('terminating');
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    reasons.push(`${scheduled.reason ?? 'Unschedulable'}: ${scheduled.message ?? 'no node fits'}`);
  }
  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((s) => ({ s, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((s) => ({ s, init: false })),
  ];
  for (const { s, init } of statuses) {
    const found = containerReasons(s, init);
    reasons.push(...found.reasons);
    if (found.failing) failingContainers.push({ name: s.name, previous: found.previous });
  }
  if (reasons.length === 0) {
    const readyCondition = conditions.find((c) => c.type === 'Ready');
    reasons.push(readyCondition?.message ?? readyCondition?.reason ?? pod.status?.reason ?? `phase ${phase}`);
  }
  return { name: pod.metadata?.name ?? '<unnamed>', phase, node: pod.spec?.nodeName, reasons, failingContainers };
}

function containerReasons(s: V1ContainerStatus, init: boolean) {
  const label = `${init ? 'init container' : 'container'} ${s.name}`;
  const reasons: string[] = [];
  const restarts = s.restartCount ?? 0;
  const { waiting, terminated } = s.state ?? {};
  let failing = restarts > 0;
  if (waiting) {
    const message = waiting.message ? ` (${waiting.message})` : '';
    reasons.push(`${label}: ${waiting.reason ?? 'waiting'}${message}`);
    if (!STARTING.has(waiting.reason ?? '')) failing = true;
  } else if (terminated && !(init && terminated.exitCode === 0)) {
    const why = terminated.reason ? ` ${terminated.reason}` : '';
    reasons.push(`${label}: terminated${why} (exit code ${terminated.exitCode})`);
    failing = true;
  } else if (s.state?.running && !s.ready && !init) {
    reasons.push(`${label}: running but not ready (readiness probe failing?)`);
  }
  const last = s.lastState?.terminated;
  if (restarts > 0) {
    const lastReason = last ? `, last ${last.reason ?? 'exit'} (exit code ${last.exitCode})` : '';
    reasons.push(`${label}: restarted ${restarts} times${lastReason}`);
  }
  // A crash-looping container has no current instance; its crash is in the previous one's logs.
  const previous = restarts > 0 && s.state?.running === undefined;
  return { reasons, failing, previous };
}
