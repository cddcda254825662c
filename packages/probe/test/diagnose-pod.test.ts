import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { expect, test } from 'vitest';
import { diagnosePod } from '../src/diagnose-pod.js';

function pod(status: V1Pod['status'], extra: Partial<V1Pod['metadata']> = {}): V1Pod {
  return { metadata: { name: 'web-1', ...extra }, spec: { nodeName: 'node-a', containers: [] }, status };
}
const notReady = [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }];
function container(s: Partial<V1ContainerStatus>): V1ContainerStatus {
  return { name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, ...s };
}

test('a Ready pod needs no diagnosis', () => {
  expect(diagnosePod(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }))).toBeUndefined();
});

test('a completed pod needs no diagnosis', () => {
  expect(diagnosePod(pod({ phase: 'Succeeded', conditions: notReady }))).toBeUndefined();
});

test('a Failed pod is explained even with a stale Ready condition (kwok, a kubelet gone)', () => {
  const d = diagnosePod(
    pod({
      phase: 'Failed',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [container({ state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } })],
    }),
  );
  expect(d?.reasons).toEqual(['container app: terminated OOMKilled (exit code 137)']);
  expect(d?.failingContainers).toEqual([{ name: 'app', previous: false }]);
});

test('unschedulable: the scheduler message', () => {
  const d = diagnosePod(
    pod({
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/1 nodes are available: 1 Insufficient cpu.',
        },
      ],
    }),
  );
  expect(d?.reasons).toEqual(['Unschedulable: 0/1 nodes are available: 1 Insufficient cpu.']);
  expect(d?.failingContainers).toEqual([]);
});

test('image pull back-off is a waiting reason and worth logs', () => {
  const d = diagnosePod(
    pod({
      phase: 'Pending',
      conditions: notReady,
      containerStatuses: [
        container({ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope"' } } }),
      ],
    }),
  );
  expect(d?.reasons).toEqual(['container app: ImagePullBackOff (Back-off pulling image "nope")']);
  expect(d?.failingContainers).toEqual([{ name: 'app', previous: false }]);
});

test('crash loop: restarts, last exit, logs of the previous instance', () => {
  const d = diagnosePod(
    pod({
      phase: 'Running',
      conditions: notReady,
      containerStatuses: [
        container({
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        }),
      ],
    }),
  );
  expect(d?.reasons).toEqual([
    'container app: CrashLoopBackOff (back-off 40s)',
    'container app: restarted 4 times, last Error (exit code 1)',
  ]);
  expect(d?.failingContainers).toEqual([{ name: 'app', previous: true }]);
});

test('running but not ready points at the readiness probe; ContainerCreating is not a failure', () => {
  const d = diagnosePod(
    pod({
      phase: 'Running',
      conditions: notReady,
      containerStatuses: [
        container({ state: { running: {} } }),
        container({ name: 'sidecar', state: { waiting: { reason: 'ContainerCreating' } } }),
      ],
    }),
  );
  expect(d?.reasons).toEqual([
    'container app: running but not ready (readiness probe failing?)',
    'container sidecar: ContainerCreating',
  ]);
  expect(d?.failingContainers).toEqual([]);
});

test('a failed init container, and a successful one that is not reported', () => {
  const d = diagnosePod(
    pod({
      phase: 'Pending',
      conditions: notReady,
      initContainerStatuses: [
        container({ name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
        container({ name: 'wait-db', state: { terminated: { exitCode: 2, reason: 'Error' } } }),
      ],
    }),
  );
  expect(d?.reasons).toEqual(['init container wait-db: terminated Error (exit code 2)']);
  expect(d?.failingContainers).toEqual([{ name: 'wait-db', previous: false }]);
});

test('terminating pods and pods with no other clue', () => {
  const terminating = diagnosePod(
    pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }, { deletionTimestamp: new Date() }),
  );
  expect(terminating?.reasons).toEqual(['terminating']);
  expect(diagnosePod(pod({ phase: 'Pending' }))?.reasons).toEqual(['phase Pending']);
  expect(diagnosePod(pod({ phase: 'Pending', conditions: notReady }))?.reasons).toEqual(['ContainersNotReady']);
  expect(diagnosePod({ status: {} })).toMatchObject({ name: '<unnamed>', phase: 'Unknown', node: undefined });
});
