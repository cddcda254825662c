import { expect, test } from 'vitest';
import type { Diagnostics } from '../src/diagnostics-types.js';
import { formatDiagnostics } from '../src/format-diagnostics.js';

const sample: Diagnostics = {
  namespace: 'demo',
  collectedAt: '2025-01-01T00:10:00.000Z',
  deployments: [
    { name: 'api', done: true, reason: 'deployment api successfully rolled out' },
    { name: 'web', done: false, reason: 'deployment web: 0 of 2 updated replicas are available' },
  ],
  pods: [
    {
      name: 'web-1',
      phase: 'Running',
      node: 'node-a',
      reasons: [
        'container app: CrashLoopBackOff (back-off 40s)',
        'container app: restarted 4 times, last Error (exit code 1)',
      ],
      failingContainers: [{ name: 'app', previous: true }],
    },
    { name: 'web-2', phase: 'Pending', node: undefined, reasons: ['Unschedulable: 0/1 nodes'], failingContainers: [] },
  ],
  events: [
    {
      time: '2025-01-01T00:09:00.000Z',
      type: 'Warning',
      reason: 'BackOff',
      object: 'Pod/web-1',
      message: 'Back-off restarting failed container',
      count: 7,
    },
    { time: undefined, type: 'Normal', reason: 'Scheduled', object: 'Pod/web-2', message: 'ok', count: 1 },
  ],
  logs: [
    { pod: 'web-1', container: 'app', previous: true, lines: ['listening on :5678', 'panic: bad flag -text'] },
    { pod: 'web-3', container: 'app', previous: false, lines: [] },
  ],
  ingresses: [
    {
      name: 'echo',
      className: 'nginx',
      addresses: [],
      defaultBackend: 'fallback:80',
      rules: [{ host: 'foo.localhost', path: '/', backend: 'foo:5678' }],
    },
  ],
  errors: ['events: HTTP 403: events is forbidden'],
};

test('renders every section', () => {
  expect(formatDiagnostics(sample)).toBe(
    [
      'Diagnostics for namespace demo (collected 2025-01-01T00:10:00.000Z)',
      'Deployments:',
      '  ready     api: deployment api successfully rolled out',
      '  NOT READY web: deployment web: 0 of 2 updated replicas are available',
      'Pods not ready:',
      '  web-1 (Running on node-a)',
      '    - container app: CrashLoopBackOff (back-off 40s)',
      '    - container app: restarted 4 times, last Error (exit code 1)',
      '  web-2 (Pending, no node)',
      '    - Unschedulable: 0/1 nodes',
      'Recent events (last 2):',
      '  2025-01-01T00:09:00.000Z Warning BackOff Pod/web-1: Back-off restarting failed container (x7)',
      '  - Normal Scheduled Pod/web-2: ok',
      'Logs of failing containers:',
      '  --- web-1/app (previous instance) ---',
      '  listening on :5678',
      '  panic: bad flag -text',
      '  --- web-3/app ---',
      '  (empty)',
      'Ingresses:',
      '  echo (class nginx, address <none yet>)',
      '    foo.localhost/ -> foo:5678',
      '    default -> fallback:80',
      'Could not collect:',
      '  events: HTTP 403: events is forbidden',
    ].join('\n'),
  );
});

test('empty diagnostics say (none) and omit the error section', () => {
  const text = formatDiagnostics({
    ...sample,
    deployments: [],
    pods: [],
    events: [],
    logs: [],
    ingresses: [],
    errors: [],
  });
  expect(text.match(/\(none\)/g)).toHaveLength(5);
  expect(text).not.toContain('Could not collect');
});
