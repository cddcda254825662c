import { networkInterfaces } from 'node:os';
import { CustomObjectsApi, KubeConfig, RbacAuthorizationV1Api, type V1Deployment } from '@kubernetes/client-node';
import {
  evaluateResourceThresholds,
  type KubeWorkloadSelector,
  kubeletSource,
  kubernetesResourceSource,
  type ResourceUsage,
  startResourceSampler,
} from '@prload/resources';
import { RESOURCE_METRICS_PATH_ANNOTATION } from '@prload/resources/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { type Apis, apis, createNamespace } from '../support/kube.js';

/**
 * kwok simulates each pod's usage from annotations (ClusterResourceUsage) and serves it in the
 * kubelet's /metrics/resource format (Metric) at the path a node announces. The API server proxies
 * to a node's address and refuses loopback, so the test node carries this machine's own address,
 * where the kwok controller listens on all interfaces.
 */
function machineAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  throw new Error('this machine has no non-loopback IPv4 address: the API server refuses to proxy to loopback');
}

const KWOK = { group: 'kwok.x-k8s.io', version: 'v1alpha1' };
const suffix = `${process.pid}`;
const nodeName = `prload-metrics-${suffix}`;
const metricName = `prload-resource-${suffix}`;
const usageName = `prload-usage-${suffix}`;

let api: Apis;
let custom: CustomObjectsApi;
let ns: { name: string; remove(): Promise<void> };

/** The counters and gauges of kwok's kustomize/metrics/resource that the sampler reads. */
function metricObject() {
  const labels = [
    { name: 'container', value: 'container.name' },
    { name: 'namespace', value: 'pod.metadata.namespace' },
    { name: 'pod', value: 'pod.metadata.name' },
  ];
  return {
    apiVersion: `${KWOK.group}/${KWOK.version}`,
    kind: 'Metric',
    metadata: { name: metricName },
    spec: {
      path: '/metrics/nodes/{nodeName}/metrics/resource',
      metrics: [
        {
          name: 'container_cpu_usage_seconds_total',
          dimension: 'container',
          help: 'Cumulative cpu time consumed by the container in core-seconds',
          kind: 'counter',
          labels,
          value: 'pod.CumulativeUsage("cpu", container.name)',
        },
        {
          name: 'container_memory_working_set_bytes',
          dimension: 'container',
          help: 'Current working set of the container in bytes',
          kind: 'gauge',
          labels,
          value: 'pod.Usage("memory", container.name)',
        },
      ],
    },
  };
}

function deployment(name: string, usage: { cpu: string; memory: string }, replicas: number): V1Deployment {
  const labels = { app: name, 'prload-test': suffix };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns.name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: { 'kwok.x-k8s.io/usage-cpu': usage.cpu, 'kwok.x-k8s.io/usage-memory': usage.memory },
        },
        spec: {
          nodeSelector: { 'prload-metrics': suffix },
          containers: [
            {
              name: 'app',
              image: 'hashicorp/http-echo:1.0',
              resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '500m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

beforeAll(async () => {
  api = apis();
  custom = api.kc.makeApiClient(CustomObjectsApi);
  ns = await createNamespace(api, 'resources');
  const address = machineAddress();
  await api.core.createNode({
    body: {
      metadata: {
        name: nodeName,
        labels: { type: 'kwok', 'prload-metrics': suffix },
        annotations: {
          'kwok.x-k8s.io/node': 'fake',
          [RESOURCE_METRICS_PATH_ANNOTATION]: `/metrics/nodes/${nodeName}/metrics/resource`,
        },
      },
      // Without a Hostname of its own, kwok adds "localhost", which the API server would proxy to.
      status: {
        addresses: [
          { type: 'InternalIP', address },
          { type: 'Hostname', address },
        ],
      },
    },
  });
  await custom.createClusterCustomObject({ ...KWOK, plural: 'metrics', body: metricObject() });
  await custom.createClusterCustomObject({
    ...KWOK,
    plural: 'clusterresourceusages',
    body: {
      apiVersion: `${KWOK.group}/${KWOK.version}`,
      kind: 'ClusterResourceUsage',
      metadata: { name: usageName },
      spec: {
        selector: { matchNamespaces: [ns.name] },
        usages: [
          {
            usage: {
              cpu: { expression: 'Quantity(pod.metadata.annotations["kwok.x-k8s.io/usage-cpu"])' },
              memory: { expression: 'Quantity(pod.metadata.annotations["kwok.x-k8s.io/usage-memory"])' },
            },
          },
        ],
      },
    },
  });
  await api.apps.createNamespacedDeployment({
    namespace: ns.name,
    body: deployment('foo', { cpu: '250m', memory: '48Mi' }, 2),
  });
  await api.apps.createNamespacedDeployment({
    namespace: ns.name,
    body: deployment('edge', { cpu: '100m', memory: '20Mi' }, 1),
  });
  await eventually('3 pods running on the metrics node', async () => {
    const pods = await api.core.listNamespacedPod({ namespace: ns.name });
    const running = pods.items.filter((p) => p.status?.phase === 'Running' && p.spec?.nodeName === nodeName);
    return running.length === 3 ? true : undefined;
  });
  // kwok registers a Metric's path when its watch sees the object: until then the path answers 404.
  const probe = await kubeletSource({ kubeConfig: api.kc, workloads: workloads() });
  try {
    await eventually('kwok serves the Metric path with usage for the 3 pods', async () => {
      const reading = await probe.read(AbortSignal.timeout(10_000)).catch(() => undefined);
      return reading && reading.readings.length === 3 ? true : undefined;
    });
  } finally {
    await probe.close?.();
  }
});

afterAll(async () => {
  await ns?.remove();
  await custom?.deleteClusterCustomObject({ ...KWOK, plural: 'metrics', name: metricName }).catch(() => undefined);
  await custom
    ?.deleteClusterCustomObject({ ...KWOK, plural: 'clusterresourceusages', name: usageName })
    .catch(() => undefined);
  await api?.core.deleteNode({ name: nodeName }).catch(() => undefined);
});

const workloads = (): KubeWorkloadSelector[] => [
  { name: 'foo', role: 'app', hosts: ['foo.localhost'], namespace: ns.name, deployment: 'foo' },
  { name: 'ingress', role: 'ingress', namespace: ns.name, deployment: 'edge' },
];

describe('the kubelet resource metrics, through the API server node proxy (kwok-simulated usage)', () => {
  let usage: ResourceUsage;
  const lines: string[] = [];

  beforeAll(async () => {
    const source = await kubernetesResourceSource({ kubeConfig: api.kc, workloads: workloads() });
    expect(source.name).toBe('kubelet');
    const sampler = startResourceSampler({
      source,
      workloads: workloads(),
      intervalMs: 250,
      log: (l) => lines.push(l),
    });
    sampler.markLoadStart();
    // kwok integrates the simulated usage over time: wait until every foo pod has used 0.75 core-seconds
    // more than when the load started.
    const fooCpu = async () => {
      const { readings } = await source.read(AbortSignal.timeout(10_000));
      return new Map(readings.filter((r) => r.workload === 'foo').map((r) => [r.pod, r.cpuSeconds ?? 0]));
    };
    const atStart = await fooCpu();
    await eventually(
      'each foo pod used 0.75 CPU-seconds during the load',
      async () => {
        const now = await fooCpu();
        return now.size === 2 && [...now].every(([pod, cpu]) => cpu >= (atStart.get(pod) ?? 0) + 0.75)
          ? true
          : undefined;
      },
      60_000,
    );
    sampler.markLoadEnd();
    usage = await sampler.stop({ requestsByHost: { 'foo.localhost': 3000 } });
  });

  it('reports each pod of each workload with its node, requests and limits from the pod spec', () => {
    expect(usage.source).toBe('kubelet');
    expect(usage.unavailable).toBeUndefined();
    expect(usage.workloads.map((w) => [w.name, w.role, w.pods.length])).toEqual([
      ['foo', 'app', 2],
      ['ingress', 'ingress', 1],
    ]);
    for (const pod of usage.workloads[0]!.pods) {
      expect(pod.name).toMatch(/^foo-/);
      expect(pod.node).toBe(nodeName);
      expect(pod.requests).toEqual({ cpuMillicores: 100, memoryMiB: 32 });
      expect(pod.limits).toEqual({ cpuMillicores: 500, memoryMiB: 64 });
    }
    expect(usage.workloads[0]!.requests).toEqual({ cpuMillicores: 200, memoryMiB: 64 });
  });

  it('measures the simulated CPU and memory of each pod, and sums them per workload', () => {
    const [foo, ingress] = usage.workloads;
    for (const pod of foo!.pods) {
      expect(pod.summary.cpuMeanMillicores).toBeGreaterThan(200);
      expect(pod.summary.cpuMeanMillicores).toBeLessThan(300);
      expect(pod.summary.memoryMaxMiB).toBe(48);
      expect(pod.summary.memoryMaxOfLimit).toBe(0.75);
      expect(pod.summary.cpuMaxOfLimit).toBeGreaterThan(0.35);
      expect(pod.summary.cpuMaxOfLimit).toBeLessThan(0.65);
    }
    expect(foo!.summary.memoryMaxMiB).toBe(96);
    expect(foo!.summary.cpuMeanMillicores).toBeGreaterThan(400);
    expect(foo!.summary.cpuMeanMillicores).toBeLessThan(600);
    expect(foo!.summary.cpuSeconds).toBeGreaterThan(1.4);
    expect(foo!.requestsServed).toBe(3000);
    expect(foo!.requestsPerCpuSecond).toBeCloseTo(3000 / foo!.summary.cpuSeconds, 0);
    expect(ingress!.summary.memoryMaxMiB).toBe(20);
    expect(ingress!.summary.cpuMeanMillicores).toBeGreaterThan(70);
    expect(ingress!.summary.cpuMeanMillicores).toBeLessThan(130);
    expect(foo!.series.length).toBeGreaterThan(2);
    expect(usage.warnings).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('gates on the figures with resource thresholds', () => {
    const results = evaluateResourceThresholds(usage, [
      'foo:cpu_max<450m',
      'foo:memory_max<64Mi',
      'ingress:memory_max>=21Mi',
      'restarts==0',
    ]);
    expect(results.map((r) => [r.expression, r.passed])).toEqual([
      ['foo:cpu_max<450m', false],
      ['foo:memory_max<64Mi', false],
      ['ingress:memory_max>=21Mi', false],
      ['restarts==0', true],
    ]);
    expect(results[1]!.actual).toBe(96);
  });
});

describe('where RBAC forbids nodes/proxy and metrics.k8s.io is not served', () => {
  it('says once why resource usage is unavailable, and the sampler still stops cleanly', async () => {
    const rbac = api.kc.makeApiClient(RbacAuthorizationV1Api);
    const account = 'no-node-proxy';
    await api.core.createNamespacedServiceAccount({ namespace: ns.name, body: { metadata: { name: account } } });
    await rbac.createNamespacedRole({
      namespace: ns.name,
      body: {
        metadata: { name: account },
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
          { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
          // Allowed but not served: the fallback's reason is then that no metrics-server runs.
          { apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['list'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns.name,
      body: {
        metadata: { name: account },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: ns.name }],
      },
    });
    const token = await api.core.createNamespacedServiceAccountToken({
      name: account,
      namespace: ns.name,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const cluster = api.kc.getCurrentCluster()!;
    const restricted = new KubeConfig();
    restricted.loadFromOptions({
      clusters: [cluster],
      users: [{ name: account, token: token.status!.token }],
      contexts: [{ name: account, cluster: cluster.name, user: account }],
      currentContext: account,
    });

    const source = await kubernetesResourceSource({ kubeConfig: restricted, workloads: workloads() });
    const lines: string[] = [];
    const sampler = startResourceSampler({
      source,
      workloads: workloads(),
      intervalMs: 100,
      log: (l) => lines.push(l),
    });
    sampler.markLoadStart();
    sampler.markLoadEnd();
    const usage = await sampler.stop();
    expect(usage.workloads).toEqual([]);
    expect(usage.unavailable).toMatch(
      /kubelet: .*forbidden \(HTTP 403\): this user may not get nodes and nodes\/proxy/,
    );
    expect(usage.unavailable).toMatch(/metrics-api: metrics\.k8s\.io is not served/);
    expect(lines).toEqual([`resource usage unavailable: ${usage.unavailable}`]);
    expect(evaluateResourceThresholds(usage, ['restarts==0'])[0]!.passed).toBe(false);
  });
});
