import { expect, test } from 'vitest';
import { buildStatusConfigMap, parseShardStatus, type ShardStatus, statusContent } from '../src/shard-status.js';

const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'prload-load-r1', uid: 'u-2' };

test('a status ConfigMap is named after its shard, labelled with its index and owned by the spec', () => {
  const cm = buildStatusConfigMap({ namespace: 'load', runId: 'r1', status: { index: 3, state: 'ready' }, owner });
  expect(cm.metadata).toEqual({
    name: 'prload-load-r1-shard-3',
    namespace: 'load',
    labels: {
      'app.kubernetes.io/managed-by': 'prload',
      'app.kubernetes.io/component': 'status',
      'prload.dev/run': 'r1',
      'prload.dev/shard': '3',
    },
    ownerReferences: [owner],
  });
});

const cases: [string, ShardStatus][] = [
  ['ready', { index: 0, state: 'ready', node: 'w1', readyAt: 1_700_000_000_123 }],
  ['done', { index: 1, state: 'done', node: 'w2', readyAt: 5, noticeDelayMs: -3, result: new Uint8Array([1, 2, 255]) }],
  ['failed', { index: 2, state: 'failed', error: 'load.rate: must be a positive number', errorKind: 'bad-input' }],
];
for (const [name, status] of cases) {
  test(`a ${name} status reads back as written`, () => {
    const parsed = parseShardStatus(buildStatusConfigMap({ namespace: 'load', runId: 'r1', status, owner }));
    expect({
      ...parsed,
      ...(status.result ? { result: new Uint8Array((parsed as ShardStatus).result ?? []) } : {}),
    }).toEqual(status);
  });
}

test('the result travels as base64 binaryData', () => {
  expect(statusContent({ index: 0, state: 'done', result: new Uint8Array([0, 1]) }).binaryData).toEqual({
    'result.json.gz': 'AAE=',
  });
});

test('a ConfigMap without a shard label is no status; a bad state or a done without result is unreadable', () => {
  expect(parseShardStatus({ metadata: { labels: {} }, data: { state: 'ready' } })).toBeUndefined();
  const labels = { 'prload.dev/shard': '1' };
  expect(parseShardStatus({ metadata: { labels }, data: { state: 'finished' } })).toEqual({
    index: 1,
    state: 'unreadable',
    error: 'status ConfigMap with state "finished"',
  });
  expect(parseShardStatus({ metadata: { labels }, data: { state: 'done' } })).toEqual({
    index: 1,
    state: 'unreadable',
    error: 'state done without binaryData["result.json.gz"]',
  });
});
