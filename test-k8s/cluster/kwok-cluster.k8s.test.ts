import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createKwokCluster } from '@prload/cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { type Apis, apis, createNamespace, deploymentManifest, isRolledOut, kubeConfig } from '../support/kube.js';

let api: Apis;
let ns: { name: string; remove(): Promise<void> };

beforeAll(async () => {
  api = apis();
  ns = await createNamespace(api, 'cluster');
});
afterAll(async () => {
  await ns?.remove();
});

describe('the kwok cluster scripts/test-k8s.mjs started', () => {
  it('serves the Kubernetes version the binaries were built as', async () => {
    const version = await api.version.getCode();
    const expected = JSON.parse(process.env['PRLOAD_K8S_VERSIONS'] ?? '{}') as Record<string, string>;
    expect(version.gitVersion).toBe(expected['kubernetes']);
    expect(version.gitTreeState).toBe('clean');
    expect(`${version.major}.${version.minor}`).toBe(expected['kubernetes']?.replace(/^v(\d+)\.(\d+)\..*$/, '$1.$2'));
  });

  it('has two fake nodes, both Ready and managed by kwok', async () => {
    const nodes = await api.core.listNode();
    expect(nodes.items).toHaveLength(2);
    for (const node of nodes.items) {
      expect(node.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      expect(ready?.status).toBe('True');
    }
  });

  it('rolls a Deployment out through the real controller-manager and scheduler', async () => {
    await api.apps.createNamespacedDeployment({
      namespace: ns.name,
      body: deploymentManifest({ name: 'echo', namespace: ns.name, replicas: 3 }),
    });
    const rolledOut = await eventually('Deployment echo rolled out', async () => {
      const d = await api.apps.readNamespacedDeployment({ name: 'echo', namespace: ns.name });
      return isRolledOut(d) ? d : undefined;
    });
    expect(rolledOut.status?.readyReplicas).toBe(3);

    // The ReplicaSet proves the deployment controller ran; nodeName proves the scheduler bound every pod.
    const replicaSets = await api.apps.listNamespacedReplicaSet({ namespace: ns.name });
    expect(replicaSets.items.map((rs) => rs.metadata?.ownerReferences?.[0]?.name)).toEqual(['echo']);
    const nodeNames = new Set((await api.core.listNode()).items.map((n) => n.metadata?.name));
    const pods = await api.core.listNamespacedPod({ namespace: ns.name, labelSelector: 'app=echo' });
    expect(pods.items).toHaveLength(3);
    for (const pod of pods.items) {
      expect(nodeNames.has(pod.spec?.nodeName)).toBe(true);
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
  });
});

describe('createKwokCluster', () => {
  it('creates a second cluster beside the first and leaves no process behind after destroy()', async () => {
    const cluster = await createKwokCluster({
      name: `it-second-${process.pid}`,
      workers: 1,
      binDir: process.env['PRLOAD_K8S_BIN_DIR'],
      kubectlPath: process.env['PRLOAD_KUBECTL'],
    });
    const running = spawnSync('pgrep', ['-f', cluster.workDir], { encoding: 'utf8' }).stdout.trim().split('\n');
    // etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok-controller.
    expect(running.length).toBeGreaterThanOrEqual(5);
    expect(cluster.versions['kubernetes']).toMatch(/^v1\.\d+\.\d+$/);
    expect(existsSync(cluster.kubeconfigPath)).toBe(true);

    const second = apis(kubeConfig(cluster.kubeconfigPath));
    expect((await second.core.listNode()).items).toHaveLength(1);

    await cluster.destroy();
    const left = spawnSync('pgrep', ['-f', cluster.workDir], { encoding: 'utf8' }).stdout.trim();
    expect(left).toBe('');
    expect(existsSync(cluster.workDir)).toBe(false);
  }, 180_000);
});
