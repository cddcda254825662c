import { expect, test } from 'vitest';
import { judgeRun, type RunPhase, type RunSnapshot, type RunVerdict, unfinishedShards } from '../src/run-state.js';
import { evicted, job, oomKilled, pod, running, status, succeeded, unschedulable } from './helpers/objects.js';

const done = (index: number) => status({ index, state: 'done', result: new Uint8Array([index]) });
const ready = (index: number) => status({ index, state: 'ready' });

function judges(
  name: string,
  snapshot: Partial<RunSnapshot>,
  phase: RunPhase,
  expected: RunVerdict['kind'] | undefined,
  reason?: string,
) {
  test(`${phase}: ${name}`, () => {
    const verdict = judgeRun({ job: job(), pods: [], statuses: [], ...snapshot }, phase, 2);
    expect(verdict?.kind).toBe(expected);
    if (reason !== undefined) {
      expect(
        verdict?.kind === 'failed' ? verdict.problems.map((p) => `${p.index} ${p.pod} ${p.node}: ${p.reason}`) : [],
      ).toEqual([reason]);
    }
  });
}

judges('nothing yet: wait', {}, 'ready', undefined);
judges('one of two ready: wait', { statuses: [ready(0)] }, 'ready', undefined);
judges('both ready', { statuses: [ready(0), ready(1)] }, 'ready', 'ready');
judges(
  'pods Succeeded without a status (kwok completes Job pods at once): wait',
  { pods: [pod(0, succeeded), pod(1, succeeded)], statuses: [ready(0)] },
  'ready',
  undefined,
);
judges(
  'a pod Failed (OOMKilled) fails the run naming the shard, its pod and node',
  { pods: [pod(0, running), pod(1, oomKilled)], statuses: [ready(0)] },
  'ready',
  'failed',
  '1 prload-load-r1-1-abcde w1: Failed: container shard: terminated OOMKilled (exit code 137)',
);
judges(
  'an evicted pod fails the run with the kubelet’s message',
  { pods: [pod(0, evicted)], statuses: [ready(0), ready(1)] },
  'running',
  'failed',
  '0 prload-load-r1-0-abcde w0: Failed: Evicted: The node was low on resource: memory.',
);
judges(
  'a pod deleted while running (eviction API, preemption) fails the run',
  {
    pods: [
      pod(
        1,
        {
          ...running,
          conditions: [
            {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'EvictionByEvictionAPI',
              message: 'Eviction API: evicting',
            },
          ],
        },
        { deleting: true },
      ),
    ],
    statuses: [ready(0), ready(1)],
  },
  'running',
  'failed',
  '1 prload-load-r1-1-abcde w1: deleted before it sent its result (EvictionByEvictionAPI: Eviction API: evicting)',
);
judges(
  'a shard that reports failure fails the run with its error',
  { statuses: [ready(0), status({ index: 1, state: 'failed', error: 'connect ECONNREFUSED' })] },
  'running',
  'failed',
  '1 undefined undefined: the shard failed: connect ECONNREFUSED',
);
judges(
  'an unreadable status fails the run',
  { statuses: [ready(0), { ...ready(1), data: { state: 'bogus' } }] },
  'ready',
  'failed',
  '1 undefined undefined: unreadable status: status ConfigMap with state "bogus"',
);
judges(
  'a failed Job fails every shard without a result',
  {
    job: job({ type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }),
    statuses: [done(0), ready(1)],
  },
  'running',
  'failed',
  '1 undefined undefined: the Job failed: DeadlineExceeded: Job was active longer than specified deadline',
);
judges(
  'a Job Complete (kwok) with statuses still ready: wait',
  { job: job({ type: 'Complete', reason: 'Completed', message: '' }), statuses: [ready(0), ready(1)] },
  'running',
  undefined,
);
judges('one result of two: wait', { statuses: [done(0), ready(1)] }, 'running', undefined);
judges('both results', { statuses: [done(0), done(1)] }, 'running', 'done');
judges(
  'a pod that failed after its result was sent is not a failure',
  { pods: [pod(0, oomKilled)], statuses: [done(0), done(1)] },
  'running',
  'done',
);
judges(
  'aborting: a failed shard is settled, not a failure',
  { pods: [pod(1, oomKilled)], statuses: [done(0), ready(1)] },
  'aborting',
  'done',
);
judges('aborting: a shard still running keeps the wait', { statuses: [done(0), ready(1)] }, 'aborting', undefined);

test('aborting: the verdict carries only the results that came', () => {
  const verdict = judgeRun(
    {
      job: job(),
      pods: [],
      statuses: [done(1), status({ index: 0, state: 'failed', error: 'aborted before the start' })],
    },
    'aborting',
    2,
  );
  expect(verdict?.kind === 'done' ? verdict.statuses.map((s) => s.index) : []).toEqual([1]);
});

test('a shard that failed on the run options is flagged bad input', () => {
  const verdict = judgeRun(
    {
      job: job(),
      pods: [],
      statuses: [status({ index: 0, state: 'failed', error: 'load.rate: bad', errorKind: 'bad-input' })],
    },
    'ready',
    1,
  );
  expect(verdict?.kind === 'failed' ? verdict.problems[0]?.badInput : undefined).toBe(true);
});

test('at a deadline, each shard not there yet says what its pod is doing', () => {
  const snapshot: RunSnapshot = {
    job: job(),
    pods: [
      pod(0, unschedulable("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."), {
        node: '',
      }),
      pod(1, running),
      pod(3, succeeded),
    ],
    statuses: [ready(3), done(4)],
  };
  expect(
    unfinishedShards(snapshot, 'ready', 5).map((p) => `${p.index} ${p.pod ?? '-'} ${p.node ?? '-'}: ${p.reason}`),
  ).toEqual([
    "0 prload-load-r1-0-abcde -: Pending: Unschedulable: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    '1 prload-load-r1-1-abcde w1: Running, no status from the shard yet',
    '2 - -: no pod created (see the Job events)',
  ]);
  expect(unfinishedShards(snapshot, 'done', 5).map((p) => `${p.index}: ${p.reason}`)).toEqual([
    "0: Pending: Unschedulable: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    '1: Running, no status from the shard yet',
    '2: no pod created (see the Job events)',
    '3: ready, but no result yet',
  ]);
});
