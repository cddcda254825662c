import type { V1Deployment } from '@kubernetes/client-node';
import { expect, test } from 'vitest';
import { isDeploymentRolledOut } from '../src/deployment-rollout.js';
import { deployment } from './helpers/fixtures.js';

const progressDeadline = {
  type: 'Progressing',
  status: 'False',
  reason: 'ProgressDeadlineExceeded',
  message: 'ReplicaSet "web-5d" has timed out progressing.',
};
const available = { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' };

const cases: [title: string, dep: V1Deployment, done: boolean, failed: boolean, reason: RegExp][] = [
  ['finished rollout', deployment('web'), true, false, /^deployment web successfully rolled out$/],
  [
    'new generation not observed yet',
    deployment('web', { observedGeneration: 1 }, { generation: 2 }),
    false,
    false,
    /observe generation 2 \(seen 1\)/,
  ],
  [
    'no status at all',
    { metadata: { name: 'web', generation: 1 }, spec: { replicas: 1 } } as V1Deployment,
    false,
    false,
    /observe generation 1 \(seen 0\)/,
  ],
  [
    'not all replicas updated',
    deployment('web', { updatedReplicas: 1 }),
    false,
    false,
    /1 out of 2 new replicas have been updated/,
  ],
  [
    'old pods still running (surge)',
    deployment('web', { replicas: 3, updatedReplicas: 2, availableReplicas: 3 }),
    false,
    false,
    /1 old replicas are pending termination/,
  ],
  [
    'updated but not available',
    deployment('web', { availableReplicas: 1 }),
    false,
    false,
    /1 of 2 updated replicas are available/,
  ],
  [
    'Available condition alone is not enough',
    deployment('web', { updatedReplicas: 1, availableReplicas: 1, replicas: 2, conditions: [available] }),
    false,
    false,
    /1 out of 2 new replicas/,
  ],
  [
    'progress deadline exceeded fails',
    deployment('web', { availableReplicas: 0, conditions: [progressDeadline] }),
    false,
    true,
    /deployment web exceeded its progress deadline: ReplicaSet "web-5d" has timed out progressing\./,
  ],
  [
    'progress deadline on a stale generation is not trusted yet',
    deployment('web', { observedGeneration: 1, conditions: [progressDeadline] }, { generation: 2 }),
    false,
    false,
    /observe generation 2/,
  ],
  ['scaled to zero', deployment('web', {}, { replicas: 0 }), true, false, /successfully rolled out/],
  [
    'scale-down in progress: extra old pods',
    { ...deployment('web', { replicas: 4, updatedReplicas: 4, availableReplicas: 4 }, { replicas: 2 }) },
    true,
    false,
    /successfully rolled out/,
  ],
  [
    'spec.replicas unset defaults to 1',
    { ...deployment('web', { replicas: 1, updatedReplicas: 1, availableReplicas: 1 }), spec: undefined },
    true,
    false,
    /successfully rolled out/,
  ],
];

test.each(cases)('%s', (_title, dep, done, failed, reason) => {
  const status = isDeploymentRolledOut(dep);
  expect(status.done).toBe(done);
  expect(status.failed).toBe(failed);
  expect(status.reason).toMatch(reason);
});
