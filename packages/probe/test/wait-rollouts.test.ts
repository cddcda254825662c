import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ReadinessTimeoutError, RolloutFailedError } from '../src/errors.js';
import { waitForRollouts } from '../src/wait-rollouts.js';
import { FakeApiServer, list, type OpenWatch } from './helpers/fake-api-server.js';
import { deployment } from './helpers/fixtures.js';

const deploymentsOf = (namespace: string) => `/apis/apps/v1/namespaces/${namespace}/deployments`;
let api: FakeApiServer;

beforeEach(async () => {
  api = await new FakeApiServer().start();
});
afterEach(async () => {
  await api.close();
});

describe('waitForRollouts', () => {
  test('waits for the apps and the ingress controller, each in its own namespace, and says how long each took', async () => {
    api.routes.set(deploymentsOf('apps'), () =>
      list(
        'DeploymentList',
        [deployment('foo'), deployment('bar'), deployment('unrelated', { availableReplicas: 0 })],
        '1',
      ),
    );
    api.routes.set(deploymentsOf('ingress'), () => list('DeploymentList', [deployment('controller')], '1'));
    const logs: string[] = [];
    const readiness = await waitForRollouts({
      kubeConfig: api.kubeConfig(),
      targets: [
        { namespace: 'apps', names: ['foo', 'bar'] },
        { namespace: 'ingress', names: ['controller'] },
      ],
      timeoutMs: 10_000,
      log: (line) => logs.push(line),
    });
    expect(readiness.map((r) => r.name)).toEqual(['foo', 'bar', 'controller']);
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatch(/^foo rolled out after \d+(\.\d)?s$/);
    expect(logs[2]).toMatch(/^controller rolled out after /);
  });

  test('the first failure rejects and closes the other namespace’s watch', async () => {
    // Neither is rolled out when listed; the controller's rollout fails once both watches are open.
    api.routes.set(deploymentsOf('apps'), () =>
      list('DeploymentList', [deployment('foo', { availableReplicas: 0 })], '1'),
    );
    api.routes.set(deploymentsOf('ingress'), () =>
      list('DeploymentList', [deployment('controller', { availableReplicas: 0 })], '1'),
    );
    const opened = new Map<string, OpenWatch>();
    api.on('watch', (w) => {
      opened.set(w.path, w);
      if (opened.size < 2) return;
      opened.get(deploymentsOf('ingress'))!.send(
        'MODIFIED',
        deployment('controller', {
          availableReplicas: 0,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
        }),
      );
    });
    const error = await waitForRollouts({
      kubeConfig: api.kubeConfig(),
      targets: [
        { namespace: 'apps', names: ['foo'] },
        { namespace: 'ingress', names: ['controller'] },
      ],
      timeoutMs: 30_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RolloutFailedError);
    expect((error as Error).message).toMatch(/deployment controller exceeded its progress deadline/);
    // Without the cancellation the apps' watch would stay open until its 30 s deadline.
    await vi.waitFor(() => expect(api.openWatches.size).toBe(0), { timeout: 5_000 });
  });

  test('a deadline rejects with ReadinessTimeoutError and its diagnostics', async () => {
    api.routes.set(deploymentsOf('apps'), () =>
      list('DeploymentList', [deployment('foo', { availableReplicas: 1 })], '1'),
    );
    const error = await waitForRollouts({
      kubeConfig: api.kubeConfig(),
      targets: [{ namespace: 'apps', names: ['foo'] }],
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadinessTimeoutError);
    expect((error as ReadinessTimeoutError).diagnostics.namespace).toBe('apps');
  });

  test('nothing to wait for resolves at once', async () => {
    await expect(waitForRollouts({ kubeConfig: api.kubeConfig(), targets: [] })).resolves.toEqual([]);
    expect(api.requests).toEqual([]);
  });
});
