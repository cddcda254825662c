import type { ResourceUsage, WorkloadUsage } from '@prload/resources';

/** The apps in the order given, then the ingress controller: the order every table lists workloads in. */
export function workloadsInOrder(resources: Pick<ResourceUsage, 'workloads'>): WorkloadUsage[] {
  return [
    ...resources.workloads.filter((w) => w.role !== 'ingress'),
    ...resources.workloads.filter((w) => w.role === 'ingress'),
  ];
}
