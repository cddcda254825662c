import type { V1Deployment } from '@kubernetes/client-node';
import {
  type DeploymentProgress,
  formatDiagnostics,
  ReadinessTimeoutError,
  type WatchTransition,
  waitForDeployments,
} from '@prload/probe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import {
  type Apis,
  apis,
  createNamespace,
  deploymentManifest,
  firstNodeName,
  isRolledOut,
  labelNode,
  MERGE_PATCH,
} from '../support/kube.js';

let api: Apis;
let node: string;
const namespaces: { name: string; remove(): Promise<void> }[] = [];
/** Node labels a test set as its gate; removed after each test so later tests see the nodes as they were. */
let gates: string[] = [];

beforeAll(async () => {
  api = apis();
  node = await firstNodeName(api);
});
afterEach(async () => {
  for (const key of gates) await labelNode(api, node, key, null);
  gates = [];
});
afterAll(async () => {
  for (const ns of namespaces) await ns.remove();
});

async function namespace(prefix: string): Promise<string> {
  const ns = await createNamespace(api, prefix);
  namespaces.push(ns);
  return ns.name;
}

/** A nodeSelector no node satisfies until `open()` labels one: pods stay Pending (FailedScheduling) until then. */
function gate(name: string) {
  const key = `prload-test/${name}`;
  return {
    nodeSelector: { [key]: 'open' },
    async open() {
      gates.push(key);
      await labelNode(api, node, key, 'open');
    },
  };
}

function read(ns: string, name: string): Promise<V1Deployment> {
  return api.apps.readNamespacedDeployment({ name, namespace: ns });
}

/** Resolves once the scheduler has reported the Deployment's pods as unschedulable. */
function failedScheduling(ns: string) {
  return eventually('a FailedScheduling event', async () => {
    const events = await api.core.listNamespacedEvent({ namespace: ns });
    return events.items.find((e) => e.reason === 'FailedScheduling');
  });
}

describe('waitForDeployments against a real control plane', () => {
  it('returns when the Deployments are rolled out, and not while one is still Pending', async () => {
    const ns = await namespace('ready');
    const g = gate(`ready-${ns}`);
    await api.apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest({ name: 'early', namespace: ns, replicas: 2 }),
    });
    await api.apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest({ name: 'gated', namespace: ns, replicas: 3, nodeSelector: g.nodeSelector }),
    });
    await failedScheduling(ns);
    await eventually('Deployment early rolled out', async () =>
      isRolledOut(await read(ns, 'early')) ? true : undefined,
    );

    let resolved = false;
    let firstProgress: readonly DeploymentProgress[] | undefined;
    let seen!: () => void;
    const progressSeen = new Promise<void>((resolve) => {
      seen = resolve;
    });
    const waiting = waitForDeployments({
      kubeConfig: api.kc,
      namespace: ns,
      names: ['early', 'gated'],
      timeoutMs: 60_000,
      onProgress: (statuses) => {
        firstProgress ??= statuses;
        seen();
      },
    }).then(async (results) => {
      resolved = true;
      // Read the objects the moment the wait returns: they must already be rolled out.
      return { results, early: await read(ns, 'early'), gated: await read(ns, 'gated') };
    });

    await progressSeen;
    expect(resolved).toBe(false);
    expect(firstProgress?.find((s) => s.name === 'gated')?.done).toBe(false);
    expect(firstProgress?.find((s) => s.name === 'early')?.done).toBe(true);

    await g.open();
    const { results, early, gated } = await waiting;
    expect(results.map((r) => r.name)).toEqual(['early', 'gated']);
    expect(isRolledOut(early)).toBe(true);
    expect(isRolledOut(gated)).toBe(true);
    expect(gated.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(gated.status?.observedGeneration).toBe(gated.metadata?.generation);
    // early was ready from the start; gated only after its gate opened.
    expect(results[0]!.durationMs).toBeLessThan(results[1]!.durationMs);
  });

  it('times out on an unschedulable Deployment with diagnostics that name FailedScheduling', async () => {
    const ns = await namespace('unsched');
    await api.apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest({
        name: 'nowhere',
        namespace: ns,
        replicas: 1,
        nodeSelector: { 'prload-test/no-such-node': 'true' },
      }),
    });
    await failedScheduling(ns);

    const failure = await waitForDeployments({ kubeConfig: api.kc, namespace: ns, timeoutMs: 3_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ReadinessTimeoutError);
    const error = failure as ReadinessTimeoutError;
    expect(error.code).toBe('PROBE_READINESS_TIMEOUT');
    expect(error.message).toMatch(/nowhere/);

    const scheduling = error.diagnostics.events.find((e) => e.reason === 'FailedScheduling');
    expect(scheduling?.type).toBe('Warning');
    expect(scheduling?.message).toMatch(/didn't match Pod's node affinity\/selector/);
    const pod = error.diagnostics.pods.find((p) => p.name.startsWith('nowhere-'));
    expect(pod?.phase).toBe('Pending');
    expect(pod?.reasons.join(' ')).toMatch(/Unschedulable/);
    expect(error.diagnostics.deployments).toEqual([expect.objectContaining({ name: 'nowhere', done: false })]);
    expect(formatDiagnostics(error.diagnostics)).toMatch(/FailedScheduling/);
  });

  it('re-establishes a watch the API server closes, and still sees the rollout', async () => {
    const ns = await namespace('rewatch');
    const g = gate(`rewatch-${ns}`);
    await api.apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest({ name: 'slow', namespace: ns, replicas: 2, nodeSelector: g.nodeSelector }),
    });

    const transitions: WatchTransition[] = [];
    let twoCloses!: () => void;
    const reopenedTwice = new Promise<void>((resolve) => {
      twoCloses = resolve;
    });
    const waiting = waitForDeployments({
      kubeConfig: api.kc,
      namespace: ns,
      names: ['slow'],
      timeoutMs: 60_000,
      // The server ends each watch request after 2 s; the wait must open a new one from the last resourceVersion.
      watchTimeoutSeconds: 2,
      onTransition: (t) => {
        transitions.push(t);
        const closes = transitions.filter((x) => x.type === 'closed').length;
        if (closes >= 2 && t.type === 'watching') twoCloses();
      },
    });

    await reopenedTwice;
    await g.open();
    const [result] = await waiting;
    expect(result?.name).toBe('slow');
    expect(isRolledOut(await read(ns, 'slow'))).toBe(true);

    const types = transitions.map((t) => t.type);
    expect(types[0]).toBe('listed');
    // Each close is followed by a new watch, without a fresh list (no 'gone').
    const firstClose = types.indexOf('closed');
    expect(types[firstClose + 1]).toBe('watching');
    expect(types.filter((t) => t === 'closed').length).toBeGreaterThanOrEqual(2);
    expect(types).not.toContain('gone');
    expect(types).not.toContain('error');
  });

  it('follows a rollout to a changed image until the new ReplicaSet has replaced the old one', async () => {
    const ns = await namespace('image');
    const base = deploymentManifest({ name: 'web', namespace: ns, replicas: 4, image: 'example/web:1' });
    // One pod at a time, each Ready for a second before the next: the rollout takes several visible steps.
    base.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    base.spec!.minReadySeconds = 1;
    await api.apps.createNamespacedDeployment({ namespace: ns, body: base });
    await waitForDeployments({ kubeConfig: api.kc, namespace: ns, names: ['web'], timeoutMs: 60_000 });

    await api.apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: ns,
        body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'example/web:2' }] } } } },
      },
      MERGE_PATCH,
    );
    const pending: string[] = [];
    const [result] = await waitForDeployments({
      kubeConfig: api.kc,
      namespace: ns,
      names: ['web'],
      timeoutMs: 90_000,
      onProgress: ([s]) => {
        if (s && !s.done) pending.push(s.reason);
      },
    });
    const web = await read(ns, 'web');

    expect(result?.name).toBe('web');
    expect(web.metadata?.generation).toBe(2);
    expect(isRolledOut(web)).toBe(true);
    // It saw the rollout in progress before it returned.
    expect(pending.some((reason) => /new replicas have been updated|old replicas are pending/.test(reason))).toBe(true);
    const replicaSets = (await api.apps.listNamespacedReplicaSet({ namespace: ns })).items;
    const byImage = new Map(replicaSets.map((rs) => [rs.spec?.template?.spec?.containers[0]?.image, rs]));
    expect(byImage.get('example/web:2')?.status?.readyReplicas).toBe(4);
    expect(byImage.get('example/web:1')?.spec?.replicas).toBe(0);
  });
});
