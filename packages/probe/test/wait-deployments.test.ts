import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ProbeAbortedError, ProbeKubeApiError, ReadinessTimeoutError, RolloutFailedError } from '../src/errors.js';
import { waitForDeployments } from '../src/wait-deployments.js';
import type { WatchTransition } from '../src/watch-resource.js';
import { FakeApiServer, list, type OpenWatch } from './helpers/fake-api-server.js';
import { deployment } from './helpers/fixtures.js';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/demo/deployments';
let api: FakeApiServer;

beforeEach(async () => {
  api = await new FakeApiServer().start();
});
afterEach(async () => {
  await api.close();
});

/** Calls `steps[n]` for the n-th watch request the client opens. */
function onWatches(steps: ((w: OpenWatch) => void)[]): void {
  let n = 0;
  api.on('watch', (w) => {
    const step = steps[n++];
    if (step) step(w);
  });
}

describe('waitForDeployments', () => {
  test('lists, watches from the list resourceVersion, re-opens a closed watch and re-lists after 410', async () => {
    let lists = 0;
    api.routes.set(DEPLOYMENTS, () => {
      lists += 1;
      return lists === 1
        ? list('DeploymentList', [deployment('web', { updatedReplicas: 1, availableReplicas: 1 })], '10')
        : list('DeploymentList', [deployment('web', { availableReplicas: 1 }, { resourceVersion: '20' })], '20');
    });
    const queries: Record<string, string | null>[] = [];
    onWatches([
      (w) => {
        queries.push({
          rv: w.query.get('resourceVersion'),
          bookmarks: w.query.get('allowWatchBookmarks'),
          timeout: w.query.get('timeoutSeconds'),
        });
        w.send('MODIFIED', deployment('web', { availableReplicas: 1 }, { resourceVersion: '11' }));
        w.send('BOOKMARK', { kind: 'Deployment', metadata: { resourceVersion: '12' } });
        w.end(); // the server's timeoutSeconds expired
      },
      (w) => w.sendError(410, 'Expired'),
      (w) => w.send('MODIFIED', deployment('web', {}, { resourceVersion: '21' })),
    ]);
    const transitions: WatchTransition['type'][] = [];
    const progress: string[] = [];
    const results = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      names: ['web'],
      timeoutMs: 10_000,
      watchTimeoutSeconds: 30,
      onTransition: (t) => transitions.push(t.type),
      onProgress: (s) => progress.push(s[0]?.reason ?? ''),
    });
    expect(results).toHaveLength(1);
    expect(results[0]?.name).toBe('web');
    expect(results[0]?.durationMs).toBeGreaterThan(0);
    expect(api.requests).toEqual([
      `GET ${DEPLOYMENTS}`,
      `WATCH ${DEPLOYMENTS} rv=10`,
      `WATCH ${DEPLOYMENTS} rv=12`,
      `GET ${DEPLOYMENTS}`,
      `WATCH ${DEPLOYMENTS} rv=20`,
    ]);
    expect(queries).toEqual([{ rv: '10', bookmarks: 'true', timeout: '30' }]);
    expect(transitions).toEqual(['listed', 'watching', 'closed', 'watching', 'gone', 'listed', 'watching']);
    expect(progress).toEqual([
      'deployment web: 1 out of 2 new replicas have been updated',
      'deployment web: 1 of 2 updated replicas are available',
      'deployment web: 1 of 2 updated replicas are available',
      'deployment web successfully rolled out',
    ]);
  });

  test('a watch answered 410 Gone (HTTP status) re-lists', async () => {
    let lists = 0;
    api.routes.set(DEPLOYMENTS, () => {
      lists += 1;
      if (lists === 2) api.watchStatus = undefined;
      return list('DeploymentList', [deployment('web', lists === 1 ? { availableReplicas: 0 } : {})], `${lists}`);
    });
    api.watchStatus = 410;
    const results = await waitForDeployments({ kubeConfig: api.kubeConfig(), namespace: 'demo', timeoutMs: 10_000 });
    expect(results.map((r) => r.name)).toEqual(['web']);
    expect(api.requests).toEqual([`GET ${DEPLOYMENTS}`, `WATCH ${DEPLOYMENTS} rv=1`, `GET ${DEPLOYMENTS}`]);
  });

  test('waits for a named Deployment that does not exist yet, and passes the label selector', async () => {
    let selector: string | null = null;
    api.routes.set(DEPLOYMENTS, (q) => {
      selector = q.get('labelSelector');
      return list('DeploymentList', [deployment('api')], '5');
    });
    onWatches([
      (w) => {
        expect(w.query.get('labelSelector')).toBe('app.kubernetes.io/instance=demo');
        w.send('ADDED', deployment('web', { availableReplicas: 0 }, { resourceVersion: '6' }));
        w.send('MODIFIED', deployment('web', {}, { resourceVersion: '7' }));
      },
    ]);
    const results = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      names: ['api', 'web'],
      labelSelector: 'app.kubernetes.io/instance=demo',
      timeoutMs: 10_000,
    });
    expect(selector).toBe('app.kubernetes.io/instance=demo');
    expect(results.map((r) => r.name)).toEqual(['api', 'web']);
    const [apiResult, webResult] = results;
    expect(apiResult!.durationMs).toBeLessThanOrEqual(webResult!.durationMs);
  });

  test('a Deployment deleted during the wait is waited for again', async () => {
    api.routes.set(DEPLOYMENTS, () => list('DeploymentList', [deployment('web', { availableReplicas: 1 })], '1'));
    const progress: string[] = [];
    onWatches([
      (w) => {
        w.send('DELETED', deployment('web', { availableReplicas: 1 }, { resourceVersion: '2' }));
        w.send('ADDED', deployment('web', {}, { resourceVersion: '3' }));
      },
    ]);
    await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      names: ['web'],
      timeoutMs: 10_000,
      onProgress: (s) => progress.push(s[0]?.reason ?? ''),
    });
    expect(progress).toEqual([
      'deployment web: 1 of 2 updated replicas are available',
      'deployment web: not found',
      'deployment web successfully rolled out',
    ]);
  });

  test('ProgressDeadlineExceeded fails at once with diagnostics', async () => {
    api.routes.set(DEPLOYMENTS, () => list('DeploymentList', [deployment('web', { availableReplicas: 0 })], '1'));
    onWatches([
      (w) =>
        w.send(
          'MODIFIED',
          deployment('web', {
            availableReplicas: 0,
            conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
          }),
        ),
    ]);
    const error = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      timeoutMs: 10_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RolloutFailedError);
    expect((error as RolloutFailedError).code).toBe('PROBE_ROLLOUT_FAILED');
    expect((error as Error).message).toMatch(/deployment web exceeded its progress deadline/);
    expect((error as RolloutFailedError).diagnostics.namespace).toBe('demo');
  });

  test('the deadline raises ReadinessTimeoutError naming what is pending, with diagnostics', async () => {
    api.routes.set(DEPLOYMENTS, () => list('DeploymentList', [deployment('web', { availableReplicas: 1 })], '1'));
    const error = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      names: ['web', 'ghost'],
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadinessTimeoutError);
    const timeout = error as ReadinessTimeoutError;
    expect(timeout.code).toBe('PROBE_READINESS_TIMEOUT');
    expect(timeout.message).toBe(
      'readiness: deployments web, ghost in namespace demo not rolled out within 0.3s' +
        ' (deployment web: 1 of 2 updated replicas are available; deployment ghost: not found)' +
        " — see the error's diagnostics",
    );
    expect(timeout.diagnostics.deployments).toEqual([
      { name: 'web', done: false, reason: 'deployment web: 1 of 2 updated replicas are available' },
      { name: 'ghost', done: false, reason: 'deployment ghost: not found' },
    ]);
  });

  test('the caller aborting ends the watch with ProbeAbortedError', async () => {
    api.routes.set(DEPLOYMENTS, () => list('DeploymentList', [], '1'));
    const controller = new AbortController();
    api.on('watch', () => controller.abort(new Error('ctrl-c')));
    const error = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      signal: controller.signal,
      timeoutMs: 60_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeAbortedError);
    expect((error as Error).cause).toEqual(new Error('ctrl-c'));
  });

  test('aborting cancels an in-flight list request', async () => {
    const controller = new AbortController();
    const clientGone = new Promise<void>((resolve) => {
      api.routes.set(DEPLOYMENTS, (_q, req) => {
        req.socket.once('close', () => resolve());
        controller.abort();
        return undefined;
      });
    });
    const error = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      signal: controller.signal,
      timeoutMs: 60_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeAbortedError);
    await clientGone; // the HTTP request itself was cancelled, not just abandoned
  });

  test('an RBAC refusal fails fast instead of waiting for the deadline', async () => {
    api.routes.set(DEPLOYMENTS, () => ({ status: 403, body: { kind: 'Status', code: 403, message: 'forbidden' } }));
    const started = performance.now();
    const error = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      timeoutMs: 60_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeKubeApiError);
    expect((error as ProbeKubeApiError).statusCode).toBe(403);
    expect((error as Error).message).toMatch(/deployments answered 403/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  test('a failing API server is retried with backoff until it answers', async () => {
    let lists = 0;
    api.routes.set(DEPLOYMENTS, () => {
      lists += 1;
      return lists < 3
        ? { status: 503, body: { kind: 'Status', code: 503, message: 'etcd not ready' } }
        : list('DeploymentList', [deployment('web')], '1');
    });
    const transitions: string[] = [];
    const results = await waitForDeployments({
      kubeConfig: api.kubeConfig(),
      namespace: 'demo',
      timeoutMs: 10_000,
      onTransition: (t) => transitions.push(t.type),
    });
    expect(results.map((r) => r.name)).toEqual(['web']);
    expect(transitions).toEqual(['error', 'error', 'listed']);
  });

  test('an empty names list is rejected', async () => {
    await expect(waitForDeployments({ kubeConfig: api.kubeConfig(), namespace: 'demo', names: [] })).rejects.toThrow(
      /names: pass at least one name/,
    );
  });
});
