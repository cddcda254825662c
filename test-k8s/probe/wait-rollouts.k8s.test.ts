import { failureDiagnostics, ReadinessTimeoutError, waitForRollouts } from '@prload/probe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { type Apis, apis, createNamespace, deploymentManifest } from '../support/kube.js';

let api: Apis;
const namespaces: { name: string; remove(): Promise<void> }[] = [];

beforeAll(() => {
  api = apis();
});
afterAll(async () => {
  for (const ns of namespaces) await ns.remove();
});

async function namespace(prefix: string): Promise<string> {
  const ns = await createNamespace(api, prefix);
  namespaces.push(ns);
  return ns.name;
}

async function deploy(ns: string, name: string, nodeSelector?: Record<string, string>): Promise<void> {
  await api.apps.createNamespacedDeployment({
    namespace: ns,
    body: deploymentManifest({ name, namespace: ns, replicas: 2, ...(nodeSelector ? { nodeSelector } : {}) }),
  });
}

describe('a pipeline’s readiness stage against a real control plane', () => {
  it('waits for the apps and the controller, each in its own namespace, and says how long each took', async () => {
    const apps = await namespace('rollouts-apps');
    const ingress = await namespace('rollouts-ingress');
    await deploy(apps, 'foo');
    await deploy(apps, 'bar');
    await deploy(ingress, 'controller');
    const logs: string[] = [];
    const readiness = await waitForRollouts({
      kubeConfig: api.kc,
      targets: [
        { namespace: apps, names: ['foo', 'bar'] },
        { namespace: ingress, names: ['controller'] },
      ],
      timeoutMs: 60_000,
      log: (line) => logs.push(line),
    });
    expect(readiness.map((r) => r.name)).toEqual(['foo', 'bar', 'controller']);
    expect(logs.map((line) => line.replace(/[\d.]+s$/, 'Ns'))).toEqual([
      'foo rolled out after Ns',
      'bar rolled out after Ns',
      'controller rolled out after Ns',
    ]);
  });

  it('a Deployment no node can take times out with diagnostics naming why, carried to failureDiagnostics', async () => {
    const apps = await namespace('rollouts-stuck');
    const ingress = await namespace('rollouts-ok');
    await deploy(apps, 'stuck', { 'prload-test/never': 'true' });
    await deploy(ingress, 'controller');
    await eventually('a FailedScheduling event', async () => {
      const events = await api.core.listNamespacedEvent({ namespace: apps });
      return events.items.find((e) => e.reason === 'FailedScheduling');
    });

    const error = await waitForRollouts({
      kubeConfig: api.kc,
      targets: [
        { namespace: apps, names: ['stuck'] },
        { namespace: ingress, names: ['controller'] },
      ],
      timeoutMs: 3_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadinessTimeoutError);
    expect((error as Error).message).toMatch(new RegExp(`deployments stuck in namespace ${apps} not rolled out`));

    const carried = await failureDiagnostics(error, { namespace: apps });
    expect(carried).toMatch(/NOT READY stuck/);
    expect(carried).toMatch(/FailedScheduling/);

    // An error without diagnostics (a probe failure, say): gathered now, from the namespace.
    const gathered = await failureDiagnostics(new Error('probe: stuck.localhost did not answer'), {
      kubeConfig: api.kc,
      namespace: apps,
      deployments: ['stuck'],
    });
    expect(gathered).toMatch(/NOT READY stuck/);
    expect(gathered).toMatch(/FailedScheduling/);
  });
});
