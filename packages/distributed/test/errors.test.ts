import type { Diagnostics } from '@prload/probe';
import { expect, test } from 'vitest';
import { DistributedError, describeProblem, ShardFailedError, type ShardProblem } from '../src/errors.js';

test('a problem names the shard, its pod and its node', () => {
  expect(describeProblem({ index: 1, pod: 'prload-load-x-1-abcde', node: 'w2', reason: 'Failed: OOMKilled' })).toBe(
    'shard 1 (pod prload-load-x-1-abcde on node w2): Failed: OOMKilled',
  );
  expect(describeProblem({ index: 0, pod: 'p', node: undefined, reason: 'Pending' })).toBe(
    'shard 0 (pod p, not scheduled): Pending',
  );
  expect(describeProblem({ index: 2, pod: undefined, node: undefined, reason: 'no pod' })).toBe(
    'shard 2 (no pod): no pod',
  );
});

const diagnostics = {} as Diagnostics;
const problem = (badInput?: boolean): ShardProblem => ({
  index: 0,
  pod: undefined,
  node: undefined,
  reason: 'x',
  ...(badInput ? { badInput } : {}),
});

test('a shard failure is bad input only when every failed shard failed on the options', () => {
  expect(new ShardFailedError('m', [problem(true), problem(true)], diagnostics).kind).toBe('bad-input');
  expect(new ShardFailedError('m', [problem(true), problem()], diagnostics).kind).toBe('infrastructure');
  const error = new ShardFailedError('m', [problem()], diagnostics);
  expect(error).toBeInstanceOf(DistributedError);
  expect(error.code).toBe('DISTRIBUTED_SHARD_FAILED');
  expect(error.diagnostics).toBe(diagnostics);
});
