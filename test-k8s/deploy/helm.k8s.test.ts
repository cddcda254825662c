import { createExecutor, type Executor } from '@prload/cluster';
import {
  type AppSpec,
  deployApps,
  HelmError,
  HelmReleasesError,
  type IngressControllerName,
  installIngressController,
} from '@prload/deploy';
import { waitForDeployments } from '@prload/probe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Apis, apis, createNamespace, isRolledOut, kubeconfigPath } from '../support/kube.js';

const helm = process.env['PRLOAD_HELM'] ?? 'helm';
const context = process.env['PRLOAD_K8S_CONTEXT'];
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

interface Timed {
  readonly args: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** The real executor, noting when each helm command ran, to show the releases were installed side by side. */
function timingExecutor(): Executor & { runs: Timed[] } {
  const inner = createExecutor();
  const runs: Timed[] = [];
  return {
    runs,
    async run(file, args, options) {
      const start = performance.now();
      try {
        return await inner.run(file, args, options);
      } finally {
        runs.push({ args, start, end: performance.now() });
      }
    },
  };
}

function common(ns: string) {
  return { namespace: ns, helmPath: helm, kubeconfigPath: kubeconfigPath(), kubeContext: context };
}

async function helmJson<T>(args: string[]): Promise<T> {
  const result = await createExecutor().run(helm, [...args, '--kubeconfig', kubeconfigPath(), '-o', 'json']);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

function podArgs(ns: string, release: string) {
  return api.apps
    .readNamespacedDeployment({ name: release, namespace: ns })
    .then((d) => d.spec?.template.spec?.containers[0]?.args ?? []);
}

describe('deployApps with the real helm against a real control plane', () => {
  it('installs two http-echo releases in parallel, each rolled out with its Service and Ingress', async () => {
    const ns = await namespace('apps');
    const executor = timingExecutor();
    const apps: AppSpec[] = [
      { name: 'alpha', text: 'hello from alpha', host: 'alpha.prload.test', replicas: 2 },
      { name: 'beta', text: 'hello from beta', host: 'beta.prload.test', replicas: 3 },
    ];
    const deployed = await deployApps({ apps, executor, timeoutSeconds: 120, ...common(ns) });
    expect(deployed.releases.map((r) => r.release)).toEqual(['alpha', 'beta']);

    const installs = executor.runs.filter((r) => r.args[0] === 'upgrade');
    expect(installs).toHaveLength(2);
    const [a, b] = installs as [Timed, Timed];
    // Both helm processes were running at the same time.
    expect(a.start < b.end && b.start < a.end).toBe(true);

    for (const app of apps) {
      const d = await api.apps.readNamespacedDeployment({ name: app.name, namespace: ns });
      expect(isRolledOut(d)).toBe(true);
      expect(d.status?.readyReplicas).toBe(app.replicas);
      expect(await podArgs(ns, app.name)).toContain(`-text=${app.text}`);
      const svc = await api.core.readNamespacedService({ name: app.name, namespace: ns });
      expect(svc.spec?.ports?.[0]?.port).toBe(80);
    }
    const releases = await helmJson<{ name: string; status: string; revision: string }[]>(['list', '-n', ns]);
    expect(releases.map((r) => [r.name, r.status, String(r.revision)]).sort()).toEqual([
      ['alpha', 'deployed', '1'],
      ['beta', 'deployed', '1'],
    ]);
  });

  it('rejects values the chart schema refuses, before creating anything', async () => {
    const ns = await namespace('badvalues');
    const failure = await deployApps({
      apps: [{ name: 'bad', text: 'x', host: 'bad.prload.test', values: { replicaCount: 'two' } }],
      timeoutSeconds: 60,
      ...common(ns),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HelmReleasesError);
    const [helmFailure] = (failure as HelmReleasesError).failures;
    expect(helmFailure?.release).toBe('bad');
    expect(helmFailure?.stderr).toMatch(/replicaCount/);
    expect(helmFailure?.stderr).toMatch(/schema/i);
    expect((await api.apps.listNamespacedDeployment({ namespace: ns })).items).toEqual([]);
    // Status filters rather than helm 3's --all (helm 4 lists every status by default and dropped the flag).
    expect(await helmJson<unknown[]>(['list', '-n', ns, '--deployed', '--failed', '--pending'])).toEqual([]);
  });

  it('upgrades a release, and rolls back an upgrade that cannot roll out', async () => {
    const ns = await namespace('upgrade');
    const app: AppSpec = { name: 'gamma', text: 'v1', host: 'gamma.prload.test', replicas: 2 };
    await deployApps({ apps: [app], timeoutSeconds: 120, ...common(ns) });
    await deployApps({ apps: [{ ...app, text: 'v2' }], timeoutSeconds: 120, ...common(ns) });
    expect(await podArgs(ns, 'gamma')).toContain('-text=v2');
    await waitForDeployments({ kubeConfig: api.kc, namespace: ns, names: ['gamma'], timeoutMs: 60_000 });

    // No fake node has 1000 CPUs: the new pods stay Pending, helm's wait times out and rolls back.
    const failure = await deployApps({
      apps: [{ ...app, text: 'v3', values: { resources: { requests: { cpu: '1000' }, limits: { cpu: '1000' } } } }],
      timeoutSeconds: 8,
      ...common(ns),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HelmReleasesError);
    const upgradeFailure = (failure as HelmReleasesError).failures[0];
    expect(upgradeFailure).toBeInstanceOf(HelmError);
    // helm waited for the rollout and gave up at its --timeout; it was not a rejected manifest.
    expect(upgradeFailure?.stderr).toMatch(/context deadline exceeded|timed out|timeout/i);

    const history = await helmJson<{ revision: number; status: string; description: string }[]>([
      'history',
      'gamma',
      '-n',
      ns,
    ]);
    expect(history.map((h) => h.status)).toEqual(['superseded', 'superseded', 'failed', 'deployed']);
    expect(history.at(-1)?.description).toMatch(/Rollback to 2/);
    expect(await podArgs(ns, 'gamma')).toContain('-text=v2');
    const [rolledBack] = await waitForDeployments({
      kubeConfig: api.kc,
      namespace: ns,
      names: ['gamma'],
      timeoutMs: 60_000,
    });
    expect(rolledBack?.name).toBe('gamma');
    const d = await api.apps.readNamespacedDeployment({ name: 'gamma', namespace: ns });
    expect(d.spec?.template.spec?.containers[0]?.resources?.requests?.['cpu']).not.toBe('1000');
    expect(isRolledOut(d)).toBe(true);
  });
});

describe('installIngressController offline', () => {
  // This sandbox (and its CI) reach only the package registries: the controllers' charts live on ghcr.io
  // and kubernetes.github.io, so the install must fail fast with helm's own network error, not hang.
  it.each<[IngressControllerName, RegExp]>([
    ['nginx', /ghcr\.io/],
    ['ingress-nginx', /kubernetes\.github\.io/],
  ])('cannot fetch the %s chart offline, and says which host it could not reach', async (controller, host) => {
    const failure = await installIngressController({
      ingressController: controller,
      helmPath: helm,
      kubeconfigPath: kubeconfigPath(),
      kubeContext: context,
      timeoutSeconds: 30,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HelmError);
    const stderr = (failure as HelmError).stderr;
    expect(stderr).toMatch(host);
    expect(stderr).toMatch(/no such host|dial tcp|cannot be reached|connection refused|i\/o timeout/);
    // Nothing was installed: the namespace helm would have created does not exist.
    const namespaces = (await api.core.listNamespace()).items.map((n) => n.metadata?.name);
    expect(namespaces).not.toContain(controller === 'nginx' ? 'nginx-ingress' : 'ingress-nginx');
  });
});
