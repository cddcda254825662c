import type { KubernetesObject } from '@kubernetes/client-node';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { watchUntil } from '../src/watch-resource.js';
import { FakeApiServer, type OpenWatch } from './helpers/fake-api-server.js';

const PATH = '/api/v1/namespaces/demo/configmaps';
let api: FakeApiServer;
beforeEach(async () => {
  api = await new FakeApiServer().start();
});
afterEach(async () => {
  await api.close();
});

const cm = (name: string, rv: string): KubernetesObject => ({
  metadata: { name, namespace: 'demo', resourceVersion: rv },
});
const listOf = (items: KubernetesObject[], rv: string) => async () => ({ items, metadata: { resourceVersion: rv } });

function onWatches(steps: ((w: OpenWatch) => void)[]): void {
  let n = 0;
  api.on('watch', (w) => steps[n++]?.(w));
}

test('an in-stream error other than 410 is retried from the same resourceVersion', async () => {
  onWatches([
    (w) => {
      w.send('ADDED', cm('a', '6'));
      w.sendError(500, 'InternalError');
    },
    (w) => w.send('ADDED', cm('b', '7')),
  ]);
  const transitions: string[] = [];
  const names = await watchUntil({
    kubeConfig: api.kubeConfig(),
    path: PATH,
    list: listOf([], '5'),
    signal: AbortSignal.timeout(10_000),
    backoff: { initialMs: 1, maxMs: 5 },
    evaluate: (objects) => (objects.size === 2 ? [...objects.keys()] : undefined),
    onTransition: (t) => transitions.push(t.type),
  });
  expect(names).toEqual(['demo/a', 'demo/b']);
  expect(api.requests).toEqual([`WATCH ${PATH} rv=5`, `WATCH ${PATH} rv=6`]);
  expect(transitions).toEqual(['listed', 'watching', 'error', 'watching']);
});

test('a dropped connection is re-established from the last resourceVersion', async () => {
  onWatches([
    (w) => {
      w.send('ADDED', cm('a', '9'));
      // Let the event reach the client before the connection dies.
      setImmediate(() => {
        for (const res of api.openWatches) res.destroy();
      });
    },
    (w) => w.send('ADDED', cm('b', '10')),
  ]);
  const result = await watchUntil({
    kubeConfig: api.kubeConfig(),
    path: PATH,
    list: listOf([], '8'),
    signal: AbortSignal.timeout(10_000),
    backoff: { initialMs: 1, maxMs: 5 },
    evaluate: (objects) => (objects.size === 2 ? 'both' : undefined),
  });
  expect(result).toBe('both');
  expect(api.requests).toEqual([`WATCH ${PATH} rv=8`, `WATCH ${PATH} rv=9`]);
});

test('an error thrown by evaluate ends the wait with that error', async () => {
  onWatches([(w) => w.send('ADDED', cm('boom', '2'))]);
  const failure = new Error('rollout failed');
  await expect(
    watchUntil({
      kubeConfig: api.kubeConfig(),
      path: PATH,
      list: listOf([], '1'),
      signal: AbortSignal.timeout(10_000),
      evaluate: (objects) => {
        if (objects.has('demo/boom')) throw failure;
        return undefined;
      },
    }),
  ).rejects.toBe(failure);
});

test('an unreachable API server is retried until the signal ends the wait', async () => {
  const kubeConfig = api.kubeConfig();
  await api.close();
  const controller = new AbortController();
  let errors = 0;
  const error = await watchUntil({
    kubeConfig,
    path: PATH,
    list: listOf([], '1'),
    signal: controller.signal,
    backoff: { initialMs: 1, maxMs: 5 },
    evaluate: () => undefined,
    onTransition: (t) => {
      if (t.type === 'error' && ++errors === 3) controller.abort(new Error('enough'));
    },
  }).catch((e: unknown) => e);
  expect(error).toEqual(new Error('enough'));
  expect(errors).toBe(3);
});

test('the field and label selectors are sent with every watch', async () => {
  const queries: URLSearchParams[] = [];
  onWatches([
    (w) => {
      queries.push(w.query);
      w.send('ADDED', cm('spec', '4'));
    },
  ]);
  await watchUntil({
    kubeConfig: api.kubeConfig(),
    path: PATH,
    list: listOf([], '3'),
    fieldSelector: 'metadata.name=spec',
    labelSelector: 'app=x',
    signal: AbortSignal.timeout(10_000),
    evaluate: (objects) => (objects.size === 1 ? true : undefined),
  });
  expect(queries.map((q) => [q.get('fieldSelector'), q.get('labelSelector')])).toEqual([
    ['metadata.name=spec', 'app=x'],
  ]);
});
