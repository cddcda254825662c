import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { ResourcesOptionsError } from '../errors.js';
import type { WorkloadSelector } from '../resource-source.js';
import { type KubeClients, loadKube, requestOptions } from './kube-api.js';

/** A workload on Kubernetes: the Deployment whose pods it is. */
export interface KubeWorkloadSelector extends WorkloadSelector {
  readonly namespace: string;
  readonly deployment: string;
}

export interface WorkloadPods {
  readonly workload: KubeWorkloadSelector;
  readonly pods: readonly V1Pod[];
}

export interface WorkloadPodLister {
  /** Each workload's live pods, from the informers' caches. */
  list(signal: AbortSignal): Promise<WorkloadPods[]>;
  /** Stops the informers' watches. */
  close(): Promise<void>;
}

interface PodInformer {
  list(namespace?: string): readonly V1Pod[];
  stop(): Promise<void>;
}

const MAX_RESTART_DELAY_MS = 10_000;

/**
 * Finds each workload's pods by its Deployment's own selector (read once: the chart and the ingress
 * controller's chart decide their labels, not prload), and follows them with an informer: one LIST,
 * then a WATCH, so a read costs the API server nothing. Polling three LISTs a second cost the cluster
 * CPU that a 2-core runner's load generator felt as send lag.
 */
export function workloadPodLister(
  kubeConfig: KubeConfig,
  clients: KubeClients,
  workloads: readonly KubeWorkloadSelector[],
): WorkloadPodLister {
  const informers = new Map<KubeWorkloadSelector, Promise<PodInformer>>();
  let closed = false;

  const selectorOf = async (workload: KubeWorkloadSelector, signal: AbortSignal) => {
    const deployment = await clients.apps.readNamespacedDeployment(
      { name: workload.deployment, namespace: workload.namespace },
      await requestOptions(signal),
    );
    const entries = Object.entries(deployment.spec?.selector?.matchLabels ?? {});
    if (entries.length === 0)
      throw new ResourcesOptionsError(
        `Deployment ${workload.namespace}/${workload.deployment} selects its pods without matchLabels; prload needs them to find the pods`,
      );
    return entries.map(([key, value]) => `${key}=${value}`).join(',');
  };

  const start = async (workload: KubeWorkloadSelector, signal: AbortSignal): Promise<PodInformer> => {
    const labelSelector = await selectorOf(workload, signal);
    const { makeInformer } = await loadKube();
    const { namespace } = workload;
    const informer = makeInformer<V1Pod>(
      kubeConfig,
      `/api/v1/namespaces/${namespace}/pods`,
      () => clients.core.listNamespacedPod({ namespace, labelSelector }),
      labelSelector,
    );
    // A watch that fails (the API server restarting, a network blip) is re-listed and re-watched, with backoff.
    let delay = 250;
    informer.on('error', () => {
      if (closed) return;
      const timer = setTimeout(() => {
        if (!closed) informer.start().catch(() => undefined);
      }, delay);
      timer.unref();
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
    informer.on('connect', () => {
      delay = 250;
    });
    await informer.start();
    return informer;
  };

  const informerOf = (workload: KubeWorkloadSelector, signal: AbortSignal) => {
    let informer = informers.get(workload);
    if (!informer) {
      informer = start(workload, signal);
      // A failed start (the Deployment not there yet) is retried on the next read.
      informer.catch(() => informers.delete(workload));
      informers.set(workload, informer);
    }
    return informer;
  };

  return {
    list: (signal) =>
      Promise.all(
        workloads.map(async (workload) => {
          const informer = await informerOf(workload, signal);
          const pods = informer
            .list(workload.namespace)
            .filter((pod) => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed');
          return { workload, pods };
        }),
      ),
    async close() {
      closed = true;
      const started = await Promise.allSettled(informers.values());
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    },
  };
}
