import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cluster, formatCommand } from '@prload/cluster';
import { createRecordingExecutor } from '@prload/cluster/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployToCluster, planClusterDeployment } from '../src/deploy-to-cluster.js';
import { HelmError } from '../src/errors.js';
import { ingressControllers } from '../src/ingress-controllers.js';

const APPS = [
  { name: 'foo', text: 'foo', host: 'foo.localhost' },
  { name: 'bar', text: 'bar', host: 'bar.localhost' },
];
const HELM_4 = { match: 'helm version', results: [{ stdout: 'v4.1.4+g05fa379\n' }] };

/** A Cluster as the providers return it; deploy only reads it. */
function cluster(overrides: Partial<Cluster> = {}): Cluster {
  return {
    provider: 'kind',
    name: 'prload',
    ingressUrl: 'http://127.0.0.1:80',
    kubeconfigPath: '/run/kubeconfig',
    context: 'kind-prload',
    namespace: 'prload',
    carriesTraffic: true,
    versions: {},
    destroy: async () => {},
    ...overrides,
  };
}

let valuesDir: string;
beforeEach(async () => {
  valuesDir = await mkdtemp(join(tmpdir(), 'prload-deploy-cluster-'));
});
afterEach(async () => {
  await rm(valuesDir, { recursive: true, force: true });
});

const releaseOf = (line: string) => line.split(' ')[3];

describe('deployToCluster', () => {
  it('detects helm once, installs the controller, then the apps with its IngressClass, all in the run’s kubeconfig', async () => {
    const executor = createRecordingExecutor({ responses: [HELM_4] });
    const deployed = await deployToCluster(cluster(), {
      apps: APPS,
      ingressController: 'traefik',
      executor,
      valuesDir,
      wait: false,
    });

    const lines = executor.commandLines();
    expect(lines[0]).toBe('helm version --short');
    expect(lines.filter((line) => line.startsWith('helm version'))).toHaveLength(1);
    expect(lines.slice(1).map(releaseOf)).toEqual(['traefik', 'foo', 'bar']);
    for (const line of lines.slice(1))
      expect(line).toMatch(/--kubeconfig \/run\/kubeconfig --kube-context kind-prload$/);
    expect(lines[2]).toContain('--namespace prload ');
    expect(deployed.controller).toMatchObject({
      name: 'traefik',
      namespace: 'traefik',
      deployment: 'traefik',
      service: { name: 'traefik', port: 80 },
    });
    expect(deployed.apps.releases.map((release) => release.values['ingress'])).toEqual([
      { enabled: true, className: 'traefik' },
      { enabled: true, className: 'traefik' },
    ]);
  });

  it('waits for the controller’s admission webhook before any app’s Ingress is applied', async () => {
    const executor = createRecordingExecutor({ responses: [HELM_4] });
    const logs: string[] = [];
    const waited: { webhook: unknown; commandsBefore: number }[] = [];
    await deployToCluster(cluster(), {
      apps: APPS,
      ingressController: 'ingress-nginx',
      executor,
      valuesDir,
      log: (line) => logs.push(line),
      waitForWebhook: async (webhook) => {
        waited.push({ webhook, commandsBefore: executor.calls.length });
      },
    });
    const webhook = ingressControllers['ingress-nginx'].admissionWebhook!;
    // helm version, then the controller: no app yet.
    expect(waited).toEqual([{ webhook, commandsBefore: 2 }]);
    expect(executor.commandLines().slice(2).map(releaseOf)).toEqual(['foo', 'bar']);
    expect(logs).toContain(
      `waiting for the admission webhook ${webhook.namespace}/${webhook.service} to have ready endpoints`,
    );
  });

  it('installs no app when the webhook wait fails', async () => {
    const executor = createRecordingExecutor({ responses: [HELM_4] });
    const failure = deployToCluster(cluster(), {
      apps: APPS,
      ingressController: 'ingress-nginx',
      executor,
      valuesDir,
      waitForWebhook: () => Promise.reject(new Error('no ready endpoints within 120s')),
    });
    await expect(failure).rejects.toThrow('no ready endpoints within 120s');
    expect(executor.commandLines().map(releaseOf)).toEqual([undefined, 'ingress-nginx']);
  });

  it('does not wait for a controller without a webhook', async () => {
    const executor = createRecordingExecutor({ responses: [HELM_4] });
    let calls = 0;
    await deployToCluster(cluster(), {
      apps: APPS,
      executor,
      valuesDir,
      waitForWebhook: async () => {
        calls++;
      },
    });
    expect(calls).toBe(0);
  });

  it.each([
    ['a cluster whose pods carry no traffic (kwok)', cluster({ provider: 'kwok', carriesTraffic: false }), 'traefik'],
    ['ingressController none (the cluster has one)', cluster({ provider: 'existing' }), 'none'],
  ] as const)('%s gets the apps only', async (_, target, ingressController) => {
    const executor = createRecordingExecutor({ responses: [HELM_4] });
    const deployed = await deployToCluster(target, { apps: APPS, ingressController, executor, valuesDir });
    expect(deployed.controller).toBeUndefined();
    expect(executor.commandLines().slice(1).map(releaseOf)).toEqual(['foo', 'bar']);
    expect(deployed.apps.releases[0]!.values['ingress']).toEqual({ enabled: true, className: 'nginx' });
  });

  it('keeps helm’s failure of the controller, and installs no app after it', async () => {
    const executor = createRecordingExecutor({
      responses: [HELM_4, { match: 'helm upgrade', results: [{ exitCode: 1, stderr: 'Error: no such host\n' }] }],
    });
    const failure = deployToCluster(cluster(), { apps: APPS, executor, valuesDir });
    await expect(failure).rejects.toBeInstanceOf(HelmError);
    expect(executor.calls).toHaveLength(2);
  });
});

describe('planClusterDeployment', () => {
  it.each([
    ['kind', cluster(), 'ingress-nginx'],
    ['kwok', cluster({ provider: 'kwok', carriesTraffic: false, context: 'kwok-prload' }), 'nginx'],
    [
      'existing without a context',
      cluster({ provider: 'existing', context: undefined, namespace: 'prload-r1' }),
      'none',
    ],
  ] as const)('%s: plans exactly the commands deployToCluster runs', async (_, target, ingressController) => {
    const options = { apps: APPS, ingressController, valuesDir, helmMajor: 4, wait: false } as const;
    const executor = createRecordingExecutor();
    await deployToCluster(target, { ...options, executor });
    const plan = planClusterDeployment(target, options);
    expect(plan.commands.map(formatCommand)).toEqual(executor.calls.map(formatCommand));
  });
});
