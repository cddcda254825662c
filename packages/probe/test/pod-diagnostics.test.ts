import { afterEach, beforeEach, expect, test } from 'vitest';
import { formatDiagnostics } from '../src/format-diagnostics.js';
import { collectPodDiagnostics } from '../src/pod-diagnostics.js';
import { FakeApiServer, list } from './helpers/fake-api-server.js';

let api: FakeApiServer;
beforeEach(async () => {
  api = await new FakeApiServer().start();
});
afterEach(async () => {
  await api.close();
});

const oomKilled = {
  metadata: { name: 'load-1-abcde', namespace: 'demo' },
  spec: { nodeName: 'w2', containers: [{ name: 'shard' }] },
  status: {
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
  },
};

function event(name: string, kind: string, object: string, reason: string, second: number) {
  return {
    metadata: { name, namespace: 'demo' },
    involvedObject: { kind, name: object },
    reason,
    type: 'Warning',
    message: `${reason} of ${object}`,
    lastTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString(),
  };
}

test('reads the named pods, only their events and their related objects, and the failing logs', async () => {
  const fieldSelectors: string[] = [];
  api.routes.set('/api/v1/namespaces/demo/pods/load-1-abcde', () => ({ body: oomKilled }));
  api.routes.set('/api/v1/namespaces/demo/events', (q) => {
    const selector = q.get('fieldSelector') ?? '';
    fieldSelectors.push(selector);
    const items = selector.endsWith('name=load-1-abcde')
      ? [event('e1', 'Pod', 'load-1-abcde', 'OOMKilling', 2)]
      : [event('e2', 'Job', 'load', 'BackoffLimitExceeded', 3)];
    return list('EventList', items, '1');
  });
  api.routes.set('/api/v1/namespaces/demo/pods/load-1-abcde/log', () => ({ body: 'allocating\nkilled\n' }));

  const d = await collectPodDiagnostics({
    kubeConfig: api.kubeConfig(),
    namespace: 'demo',
    pods: ['load-1-abcde'],
    related: [{ kind: 'Job', name: 'load' }],
  });
  expect(d.errors).toEqual([]);
  expect(fieldSelectors.sort()).toEqual([
    'involvedObject.kind=Job,involvedObject.name=load',
    'involvedObject.kind=Pod,involvedObject.name=load-1-abcde',
  ]);
  expect(d.pods).toEqual([
    {
      name: 'load-1-abcde',
      phase: 'Failed',
      node: 'w2',
      reasons: ['container shard: terminated OOMKilled (exit code 137)'],
      failingContainers: [{ name: 'shard', previous: false }],
    },
  ]);
  expect(d.events.map((e) => `${e.object} ${e.reason}`)).toEqual([
    'Pod/load-1-abcde OOMKilling',
    'Job/load BackoffLimitExceeded',
  ]);
  expect(d.logs).toEqual([
    { pod: 'load-1-abcde', container: 'shard', previous: false, lines: ['allocating', 'killed'] },
  ]);
  expect(d.deployments).toEqual([]);
  expect(formatDiagnostics(d)).toContain('load-1-abcde (Failed on w2)');
});

test('a pod that is gone is named in errors, and its events are still read', async () => {
  api.routes.set('/api/v1/namespaces/demo/events', () =>
    list('EventList', [event('e1', 'Pod', 'gone-1', 'Evicted', 1)], '1'),
  );
  const d = await collectPodDiagnostics({ kubeConfig: api.kubeConfig(), namespace: 'demo', pods: ['gone-1'] });
  expect(d.pods).toEqual([]);
  expect(d.errors).toEqual([expect.stringMatching(/^pod gone-1: HTTP 404/)]);
  expect(d.events.map((e) => e.reason)).toEqual(['Evicted']);
});
