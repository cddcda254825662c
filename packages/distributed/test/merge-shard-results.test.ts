import { type EchoServer, startEchoServer } from '@prload/cluster/testing';
import { encodeResult, type LoadResult, runLoad } from '@prload/loadgen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ShardResultError } from '../src/errors.js';
import { mergeShardResults } from '../src/merge-shard-results.js';
import { podsByIndex } from '../src/shard-pod.js';
import type { ShardStatus } from '../src/shard-status.js';
import { pod, running } from './helpers/objects.js';

let echo: EchoServer;
let results: LoadResult[];

beforeAll(async () => {
  echo = await startEchoServer({ text: 'foo' });
  // A shared, busy machine: the results' validity here must not hang on the generator's send lag.
  const startAt = Date.now() + 500;
  results = await Promise.all(
    [0, 1].map((index) =>
      runLoad({
        address: echo.url,
        targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
        rate: 40,
        durationMs: 500,
        seed: 3,
        maxSendLagP99Ms: 1000,
        shard: { index, count: 2 },
        startAt,
      }),
    ),
  );
});
afterAll(async () => {
  await echo?.close();
});

const done = (index: number, noticeDelayMs?: number): ShardStatus => ({
  index,
  state: 'done',
  node: `reported-${index}`,
  ...(noticeDelayMs === undefined ? {} : { noticeDelayMs }),
  result: encodeResult(results[index]!),
});

test('merges the shards and names each one’s node from its pod, else from what it reported', () => {
  const pods = podsByIndex([pod(0, running, { node: 'w-a' })]);
  const { result, runs } = mergeShardResults(2, [done(1, 4), done(0, 2)], pods);
  expect(result.summary.requests).toBe(results[0]!.summary.requests + results[1]!.summary.requests);
  expect(result.shards?.map((s) => [s.index, s.node, s.noticeDelayMs])).toEqual([
    [0, 'w-a', 2],
    [1, 'reported-1', 4],
  ]);
  expect(result.valid, result.invalidReason).toBe(true);
  expect(runs).toEqual([
    { index: 0, pod: 'prload-load-r1-0-abcde', node: 'w-a', noticeDelayMs: 2, sentResult: true },
    { index: 1, pod: undefined, node: 'reported-1', noticeDelayMs: 4, sentResult: true },
  ]);
});

test('a shard whose clock is provably behind the coordinator’s makes the run invalid, naming it', () => {
  const { result } = mergeShardResults(2, [done(0, 1), done(1, -1250)], new Map());
  expect(result.valid).toBe(false);
  expect(result.invalidReason).toContain(
    "shard 1: its clock is at least 1250 ms behind the coordinator's (bound 1000 ms)",
  );
  expect(result.shards?.[1]).toMatchObject({ valid: false, invalidReason: expect.stringContaining('1250 ms behind') });
  expect(result.shards?.[0]?.valid).toBe(true);
});

test('a missing shard is named by the merge; its run says it sent nothing', () => {
  const { result, runs } = mergeShardResults(2, [done(0)], new Map());
  expect(result.valid).toBe(false);
  expect(result.invalidReason).toMatch(/shard 1/);
  expect(runs.map((r) => r.sentResult)).toEqual([true, false]);
});

test('an unreadable result names the shard and its pod', () => {
  const pods = podsByIndex([pod(1, running)]);
  const broken: ShardStatus = { index: 1, state: 'done', result: new Uint8Array([1, 2, 3]) };
  expect(() => mergeShardResults(2, [done(0), broken], pods)).toThrow(ShardResultError);
  expect(() => mergeShardResults(2, [done(0), broken], pods)).toThrow(
    /^shard 1 \(pod prload-load-r1-1-abcde on node w1\): unreadable result: /,
  );
});
