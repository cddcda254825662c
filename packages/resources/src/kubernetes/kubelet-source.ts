import type { KubeConfig, V1Node } from '@kubernetes/client-node';
import { ResourceSourceUnavailableError } from '../errors.js';
import type { PodState, ResourceSource, UsageReading } from '../resource-source.js';
import { kubeClients, kubeStatusCode, requestOptions } from './kube-api.js';
import { type ContainerMetrics, parseResourceMetrics } from './parse-resource-metrics.js';
import { podStateOf } from './pod-state.js';
import { type KubeWorkloadSelector, workloadPodLister } from './workload-pods.js';

/** kwok's simulated kubelets serve their metrics under a per-node path they announce with this annotation, as metrics-server ≥ 0.7 reads it. */
export const RESOURCE_METRICS_PATH_ANNOTATION = 'metrics.k8s.io/resource-metrics-path';
const KUBELET_RESOURCE_METRICS_PATH = '/metrics/resource';

export interface KubeletSourceOptions {
  readonly kubeConfig: KubeConfig;
  /** The apps and the ingress controller, each by its Deployment. */
  readonly workloads: readonly KubeWorkloadSelector[];
}

/**
 * Reads every node's kubelet resource metrics (`/metrics/resource`, Prometheus text) through the API
 * server's node proxy: no metrics-server or Prometheus in the cluster, only `get` on `nodes/proxy`.
 * Only the nodes the workloads' pods run on are scraped. Fails with ResourceSourceUnavailableError
 * when the proxy is forbidden or not there, so a caller can fall back to metrics.k8s.io.
 */
export async function kubeletSource(options: KubeletSourceOptions): Promise<ResourceSource> {
  const clients = await kubeClients(options.kubeConfig);
  const lister = workloadPodLister(options.kubeConfig, clients, options.workloads);
  const metricsPaths = new Map<string, string>();

  const metricsPathOf = async (node: string, signal: AbortSignal): Promise<string> => {
    let path = metricsPaths.get(node);
    if (path === undefined) {
      const object: V1Node = await clients.core.readNode({ name: node }, await requestOptions(signal));
      path = object.metadata?.annotations?.[RESOURCE_METRICS_PATH_ANNOTATION] ?? KUBELET_RESOURCE_METRICS_PATH;
      metricsPaths.set(node, path);
    }
    return path;
  };

  const scrape = async (node: string, signal: AbortSignal): Promise<ContainerMetrics[]> => {
    try {
      const path = (await metricsPathOf(node, signal)).replace(/^\/+/, '');
      const text = await clients.core.connectGetNodeProxyWithPath(
        { name: node, path },
        await requestOptions(signal, path),
      );
      return parseResourceMetrics(text, `node ${node} /${path}`);
    } catch (error) {
      const status = kubeStatusCode(error);
      if (status === 401 || status === 403)
        throw new ResourceSourceUnavailableError(
          `the kubelet's resource metrics of node ${node} are forbidden (HTTP ${status}): this user may not get nodes and nodes/proxy`,
          { cause: error },
        );
      throw error;
    }
  };

  return {
    name: 'kubelet',
    close: () => lister.close(),
    async read(signal) {
      const workloadPods = await lister.list(signal);
      const pods: PodState[] = [];
      const workloadOf = new Map<string, string>();
      const nodes = new Set<string>();
      for (const { workload, pods: items } of workloadPods) {
        for (const pod of items) {
          const state = podStateOf(workload.name, pod);
          pods.push(state);
          workloadOf.set(`${workload.namespace}/${state.pod}`, workload.name);
          if (state.node) nodes.add(state.node);
        }
      }
      const scraped = await Promise.all([...nodes].map((node) => scrape(node, signal)));
      const byPod = new Map<string, { workload: string; pod: string; containers: ContainerMetrics[] }>();
      for (const container of scraped.flat()) {
        const key = `${container.namespace}/${container.pod}`;
        const workload = workloadOf.get(key);
        if (workload === undefined) continue;
        const entry = byPod.get(key) ?? { workload, pod: container.pod, containers: [] };
        entry.containers.push(container);
        byPod.set(key, entry);
      }
      const readings: UsageReading[] = [...byPod.values()].map(({ workload, pod, containers }) => {
        const cpu = containers.filter((c) => c.cpuSeconds !== undefined);
        const stamps = containers.flatMap((c) => [c.cpuTimestampMs, c.memoryTimestampMs]).filter(isNumber);
        return {
          workload,
          pod,
          // The kubelet's own stamp: cAdvisor refreshes container stats every few seconds, not on each scrape.
          timestampMs: stamps.length > 0 ? Math.max(...stamps) : Date.now(),
          ...(cpu.length > 0 ? { cpuSeconds: cpu.reduce((sum, c) => sum + c.cpuSeconds!, 0) } : {}),
          memoryBytes: containers.reduce((sum, c) => sum + (c.memoryWorkingSetBytes ?? 0), 0),
        };
      });
      return { readings, pods };
    },
  };
}

const isNumber = (value: number | undefined): value is number => value !== undefined;
