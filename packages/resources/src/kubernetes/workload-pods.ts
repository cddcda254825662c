import type { V1Pod } from '@kubernetes/client-node';
import { ResourcesOptionsError } from '../errors.js';
import type { WorkloadSelector } from '../resource-source.js';
import { type KubeClients, requestOptions } from './kube-api.js';

/** A workload on Kubernetes: the Deployment whose pods it is. */
export interface KubeWorkloadSelector extends WorkloadSelector {
  readonly namespace: string;
  readonly deployment: string;
}

export interface WorkloadPods {
  readonly workload: KubeWorkloadSelector;
  readonly pods: readonly V1Pod[];
}

/**
 * Finds each workload's pods by its Deployment's own selector, read once: the chart and the
 * ingress controller's chart decide their labels, not prload.
 */
export function workloadPodLister(clients: KubeClients, workloads: readonly KubeWorkloadSelector[]) {
  const selectors = new Map<KubeWorkloadSelector, Promise<string>>();
  const selectorOf = (workload: KubeWorkloadSelector, signal: AbortSignal) => {
    let selector = selectors.get(workload);
    if (!selector) {
      selector = (async () => {
        const deployment = await clients.apps.readNamespacedDeployment(
          { name: workload.deployment, namespace: workload.namespace },
          await requestOptions(signal),
        );
        const labels = deployment.spec?.selector?.matchLabels ?? {};
        const entries = Object.entries(labels);
        if (entries.length === 0)
          throw new ResourcesOptionsError(
            `Deployment ${workload.namespace}/${workload.deployment} selects its pods without matchLabels; prload needs them to find the pods`,
          );
        return entries.map(([key, value]) => `${key}=${value}`).join(',');
      })();
      // A failed read (the Deployment not there yet) is retried on the next interval.
      selector.catch(() => selectors.delete(workload));
      selectors.set(workload, selector);
    }
    return selector;
  };
  return async (signal: AbortSignal): Promise<WorkloadPods[]> =>
    Promise.all(
      workloads.map(async (workload) => {
        const labelSelector = await selectorOf(workload, signal);
        const list = await clients.core.listNamespacedPod(
          { namespace: workload.namespace, labelSelector },
          await requestOptions(signal),
        );
        const pods = list.items.filter((pod) => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed');
        return { workload, pods };
      }),
    );
}
