import type { V1Pod } from '@kubernetes/client-node';
import type { PodState } from '../resource-source.js';
import type { ResourceQuantities } from '../types.js';
import { parseQuantity } from './quantity.js';

const MIB = 2 ** 20;

function sumOf(pod: V1Pod, field: 'requests' | 'limits'): ResourceQuantities {
  let cpu: number | undefined;
  let memory: number | undefined;
  for (const container of pod.spec?.containers ?? []) {
    const amounts = container.resources?.[field];
    const c = parseQuantity(amounts?.['cpu']);
    const m = parseQuantity(amounts?.['memory']);
    if (c !== undefined) cpu = (cpu ?? 0) + c;
    if (m !== undefined) memory = (memory ?? 0) + m;
  }
  return {
    ...(cpu === undefined ? {} : { cpuMillicores: cpu * 1000 }),
    ...(memory === undefined ? {} : { memoryMiB: memory / MIB }),
  };
}

/** A pod's requests and limits (from its spec: the rendered chart as it runs), restarts and OOM kills. */
export function podStateOf(workload: string, pod: V1Pod): PodState {
  const oomKilledAtMs: number[] = [];
  let restartCount = 0;
  for (const status of pod.status?.containerStatuses ?? []) {
    restartCount += status.restartCount ?? 0;
    for (const terminated of [status.lastState?.terminated, status.state?.terminated]) {
      if (terminated?.reason === 'OOMKilled') oomKilledAtMs.push(new Date(terminated.finishedAt ?? 0).getTime());
    }
  }
  return {
    workload,
    pod: pod.metadata?.name ?? '',
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    requests: sumOf(pod, 'requests'),
    limits: sumOf(pod, 'limits'),
    restartCount,
    oomKilledAtMs: [...new Set(oomKilledAtMs)],
  };
}
