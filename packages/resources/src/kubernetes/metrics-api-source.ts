import type { KubeConfig } from '@kubernetes/client-node';
import { ResourceSourceUnavailableError } from '../errors.js';
import type { PodState, ResourceSource, UsageReading } from '../resource-source.js';
import { kubeClients, kubeStatusCode, requestOptions } from './kube-api.js';
import { podStateOf } from './pod-state.js';
import { parseQuantity } from './quantity.js';
import { type KubeWorkloadSelector, workloadPodLister } from './workload-pods.js';

interface PodMetrics {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly timestamp?: string;
  readonly containers?: readonly { readonly usage?: Readonly<Record<string, string>> }[];
}

export interface MetricsApiSourceOptions {
  readonly kubeConfig: KubeConfig;
  readonly workloads: readonly KubeWorkloadSelector[];
}

/**
 * Reads pod usage from `metrics.k8s.io` (metrics-server), for clusters where RBAC forbids
 * `nodes/proxy`. Its CPU is already a rate, averaged by metrics-server over its own window
 * (15 s by default), so short spikes are flattened; the report names the source.
 */
export async function metricsApiSource(options: MetricsApiSourceOptions): Promise<ResourceSource> {
  const clients = await kubeClients(options.kubeConfig);
  const lister = workloadPodLister(options.kubeConfig, clients, options.workloads);
  const namespaces = [...new Set(options.workloads.map((w) => w.namespace))];

  const podMetrics = async (namespace: string, signal: AbortSignal): Promise<PodMetrics[]> => {
    try {
      const list = (await clients.custom.listNamespacedCustomObject(
        { group: 'metrics.k8s.io', version: 'v1beta1', namespace, plural: 'pods' },
        await requestOptions(signal),
      )) as { items?: PodMetrics[] };
      return list.items ?? [];
    } catch (error) {
      const status = kubeStatusCode(error);
      if (status === 401 || status === 403 || status === 404 || status === 503)
        throw new ResourceSourceUnavailableError(
          status === 404 || status === 503
            ? 'metrics.k8s.io is not served (no metrics-server)'
            : `metrics.k8s.io is forbidden (HTTP ${status}) in namespace ${namespace}`,
          { cause: error },
        );
      throw error;
    }
  };

  return {
    name: 'metrics-api',
    close: () => lister.close(),
    async read(signal) {
      const [workloadPods, metrics] = await Promise.all([
        lister.list(signal),
        Promise.all(namespaces.map((namespace) => podMetrics(namespace, signal))),
      ]);
      const pods: PodState[] = [];
      const workloadOf = new Map<string, string>();
      for (const { workload, pods: items } of workloadPods) {
        for (const pod of items) {
          const state = podStateOf(workload.name, pod);
          pods.push(state);
          workloadOf.set(`${workload.namespace}/${state.pod}`, workload.name);
        }
      }
      const readings: UsageReading[] = [];
      for (const item of metrics.flat()) {
        const workload = workloadOf.get(`${item.metadata?.namespace}/${item.metadata?.name}`);
        if (workload === undefined) continue;
        let cpuCores = 0;
        let memoryBytes = 0;
        for (const container of item.containers ?? []) {
          cpuCores += parseQuantity(container.usage?.['cpu']) ?? 0;
          memoryBytes += parseQuantity(container.usage?.['memory']) ?? 0;
        }
        readings.push({
          workload,
          pod: item.metadata!.name!,
          timestampMs: item.timestamp ? new Date(item.timestamp).getTime() : Date.now(),
          cpuCores,
          memoryBytes,
        });
      }
      return { readings, pods };
    },
  };
}
