import { afterEach, beforeEach, expect, test } from 'vitest';
import { collectDiagnostics } from '../src/diagnostics.js';
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

const crashLooping = {
  metadata: { name: 'web-1', namespace: 'demo', labels: { app: 'web' } },
  spec: { nodeName: 'kwok-node-0', containers: [{ name: 'app' }] },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'False' }],
    containerStatuses: [
      {
        name: 'app',
        image: 'hashicorp/http-echo',
        imageID: '',
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      },
    ],
  },
};
const otherAppPending = {
  metadata: { name: 'other-1', namespace: 'demo', labels: { app: 'other' } },
  spec: { containers: [{ name: 'app' }] },
  status: { phase: 'Pending' },
};

function serveNamespace(): { logQueries: URLSearchParams[] } {
  const logQueries: URLSearchParams[] = [];
  api.routes.set('/apis/apps/v1/namespaces/demo/deployments', () =>
    list('DeploymentList', [deployment('web', { availableReplicas: 0 }), deployment('other')], '1'),
  );
  api.routes.set('/api/v1/namespaces/demo/pods', () => list('PodList', [crashLooping, otherAppPending], '1'));
  api.routes.set('/api/v1/namespaces/demo/events', () =>
    list(
      'EventList',
      Array.from({ length: 25 }, (_, i) => ({
        metadata: { name: `e${i}`, namespace: 'demo' },
        involvedObject: { kind: 'Pod', name: 'web-1' },
        reason: i === 24 ? 'BackOff' : `R${i}`,
        type: i === 24 ? 'Warning' : 'Normal',
        message: `event ${i}`,
        // Out of order on purpose: the API does not sort events.
        lastTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, (i * 7) % 25)).toISOString(),
      })),
      '1',
    ),
  );
  api.routes.set('/apis/networking.k8s.io/v1/namespaces/demo/ingresses', () =>
    list(
      'IngressList',
      [
        {
          metadata: { name: 'web' },
          spec: {
            ingressClassName: 'nginx',
            rules: [
              {
                host: 'web.localhost',
                http: {
                  paths: [
                    { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
                  ],
                },
              },
            ],
          },
        },
      ],
      '1',
    ),
  );
  api.routes.set('/api/v1/namespaces/demo/pods/web-1/log', (q) => {
    logQueries.push(q);
    return { body: Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n' };
  });
  return { logQueries };
}

test('collects deployments, not-ready pods, sorted recent events, logs and ingresses', async () => {
  const { logQueries } = serveNamespace();
  const d = await collectDiagnostics({ kubeConfig: api.kubeConfig(), namespace: 'demo', deployments: ['web'] });
  expect(d.errors).toEqual([]);
  expect(d.deployments).toEqual([
    { name: 'web', done: false, reason: 'deployment web: 0 of 2 updated replicas are available' },
  ]);
  // Only pods selected by the requested Deployment.
  expect(d.pods.map((p) => p.name)).toEqual(['web-1']);
  expect(d.pods[0]?.reasons).toContain('container app: CrashLoopBackOff (back-off 40s)');
  expect(d.events).toHaveLength(20);
  const times = d.events.map((e) => e.time ?? '');
  expect(times).toEqual([...times].sort());
  expect(d.events.at(-1)?.time).toBe('2025-01-01T00:00:24.000Z');
  expect(logQueries.map((q) => [q.get('container'), q.get('tailLines'), q.get('previous')])).toEqual([
    ['app', '20', 'true'],
  ]);
  expect(d.logs).toEqual([
    {
      pod: 'web-1',
      container: 'app',
      previous: true,
      lines: Array.from({ length: 30 }, (_, i) => `line ${i}`).slice(-20),
    },
  ]);
  expect(d.ingresses).toEqual([
    {
      name: 'web',
      className: 'nginx',
      addresses: [],
      defaultBackend: undefined,
      rules: [{ host: 'web.localhost', path: '/', backend: 'web:80' }],
    },
  ]);
  const text = formatDiagnostics(d);
  expect(text).toContain('NOT READY web');
  expect(text).toContain('--- web-1/app (previous instance) ---');
  expect(text).toContain('web.localhost/ -> web:80');
});

test('without a deployment filter every not-ready pod of the namespace is reported', async () => {
  serveNamespace();
  const d = await collectDiagnostics({ kubeConfig: api.kubeConfig(), namespace: 'demo', maxLogContainers: 0 });
  expect(d.pods.map((p) => p.name)).toEqual(['web-1', 'other-1']);
  expect(d.deployments.map((x) => [x.name, x.done])).toEqual([
    ['web', false],
    ['other', true],
  ]);
  expect(d.logs).toEqual([]);
});

test('sections that cannot be read are reported, not thrown', async () => {
  serveNamespace();
  api.routes.set('/api/v1/namespaces/demo/events', () => ({
    status: 403,
    body: { kind: 'Status', code: 403, message: 'events is forbidden: User "ci" cannot list resource "events"' },
  }));
  api.routes.delete('/api/v1/namespaces/demo/pods/web-1/log');
  const d = await collectDiagnostics({ kubeConfig: api.kubeConfig(), namespace: 'demo', deployments: ['web'] });
  expect(d.events).toEqual([]);
  expect(d.errors).toEqual([
    'events: HTTP 403: events is forbidden: User "ci" cannot list resource "events"',
    expect.stringMatching(/^logs web-1\/app: HTTP 404/),
  ]);
  expect(d.pods).toHaveLength(1);
});

test('an unreachable API server still yields a report', async () => {
  const kubeConfig = api.kubeConfig();
  await api.close();
  const d = await collectDiagnostics({ kubeConfig, namespace: 'demo', deployments: ['web'], timeoutMs: 5_000 });
  expect(d.errors.map((e) => e.split(':')[0])).toEqual(['deployments', 'pods', 'events', 'ingresses']);
  expect(d.deployments).toEqual([{ name: 'web', done: false, reason: 'deployment web: not found' }]);
});
