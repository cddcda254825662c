import type { V1ConfigMap, V1Job, V1Pod, V1PodCondition, V1PodStatus } from '@kubernetes/client-node';
import { buildStatusConfigMap, type ShardStatus } from '../../src/shard-status.js';

const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'prload-load-r1', uid: 'u' };

/** A shard's pod as the Job controller makes it, with the status the test gives. */
export function pod(index: number, status: V1PodStatus, extra: { deleting?: boolean; node?: string } = {}): V1Pod {
  return {
    metadata: {
      name: `prload-load-r1-${index}-abcde`,
      labels: { 'batch.kubernetes.io/job-completion-index': String(index) },
      creationTimestamp: new Date(Date.UTC(2025, 0, 1)),
      ...(extra.deleting ? { deletionTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 1)) } : {}),
    },
    spec: {
      containers: [{ name: 'shard' }],
      ...(extra.node === undefined ? { nodeName: `w${index}` } : extra.node ? { nodeName: extra.node } : {}),
    },
    status,
  };
}

export const running: V1PodStatus = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
};
export const succeeded: V1PodStatus = { phase: 'Succeeded' };
export const oomKilled: V1PodStatus = {
  phase: 'Failed',
  containerStatuses: [
    {
      name: 'shard',
      image: 'prload',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
    },
  ],
};
export const evicted: V1PodStatus = {
  phase: 'Failed',
  reason: 'Evicted',
  message: 'The node was low on resource: memory.',
};
export function unschedulable(message: string): V1PodStatus {
  const condition: V1PodCondition = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message };
  return { phase: 'Pending', conditions: [condition] };
}

export function status(s: ShardStatus): V1ConfigMap {
  return buildStatusConfigMap({ namespace: 'load', runId: 'r1', status: s, owner });
}

export function job(condition?: { type: string; reason: string; message: string }): V1Job {
  return {
    metadata: { name: 'prload-load-r1' },
    status: condition ? { conditions: [{ ...condition, status: 'True' }] } : {},
  };
}
