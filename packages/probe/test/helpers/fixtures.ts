import type { V1Deployment } from '@kubernetes/client-node';

/** A Deployment in a given rollout state; defaults describe a finished rollout of 2 replicas. */
export function deployment(
  name: string,
  status: Partial<NonNullable<V1Deployment['status']>> = {},
  overrides: { generation?: number; replicas?: number; resourceVersion?: string } = {},
): V1Deployment {
  const replicas = overrides.replicas ?? 2;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'demo',
      generation: overrides.generation ?? 1,
      resourceVersion: overrides.resourceVersion ?? '1',
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'x' }] } },
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      ...status,
    },
  };
}
