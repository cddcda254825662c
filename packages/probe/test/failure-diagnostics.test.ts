import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Diagnostics } from '../src/diagnostics-types.js';
import { ReadinessTimeoutError } from '../src/errors.js';
import { failureDiagnostics } from '../src/failure-diagnostics.js';
import { formatDiagnostics } from '../src/format-diagnostics.js';
import { FakeApiServer, list } from './helpers/fake-api-server.js';
import { deployment } from './helpers/fixtures.js';

let api: FakeApiServer;
beforeEach(async () => {
  api = await new FakeApiServer().start();
});
afterEach(async () => {
  await api.close();
});

const CARRIED: Diagnostics = {
  namespace: 'demo',
  collectedAt: '2026-01-01T00:00:00.000Z',
  deployments: [{ name: 'web', done: false, reason: 'deployment web: 0 of 2 updated replicas are available' }],
  pods: [],
  events: [],
  logs: [],
  ingresses: [],
  errors: [],
};

test('the diagnostics a readiness error carries win: they were gathered when it happened', async () => {
  const error = new ReadinessTimeoutError('readiness: not rolled out within 1s', CARRIED);
  const text = await failureDiagnostics(error, { kubeConfig: api.kubeConfig(), namespace: 'demo' });
  expect(text).toBe(formatDiagnostics(CARRIED));
  expect(api.requests).toEqual([]);
});

test('for any other error they are gathered from the namespace, narrowed to the deployments', async () => {
  api.routes.set('/apis/apps/v1/namespaces/demo/deployments', () =>
    list('DeploymentList', [deployment('web', { availableReplicas: 0 }), deployment('other')], '1'),
  );
  api.routes.set('/api/v1/namespaces/demo/pods', () => list('PodList', [], '1'));
  api.routes.set('/api/v1/namespaces/demo/events', () => list('EventList', [], '1'));
  api.routes.set('/apis/networking.k8s.io/v1/namespaces/demo/ingresses', () => list('IngressList', [], '1'));
  const text = await failureDiagnostics(new Error('probe: foo.localhost did not answer'), {
    kubeConfig: api.kubeConfig(),
    namespace: 'demo',
    deployments: ['web'],
  });
  expect(text).toContain('NOT READY web');
  expect(text).not.toContain('other');
  expect(api.requests).toContain('GET /apis/apps/v1/namespaces/demo/deployments');
});

test.each([
  ['no kubeconfig (a cluster without one)', new Error('boom')],
  ['a thrown non-error', 'boom'],
])('%s: nothing to say', async (_, error) => {
  await expect(failureDiagnostics(error, { namespace: 'demo' })).resolves.toBeUndefined();
});
