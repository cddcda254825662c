import type { KubeWorkloadSelector } from './workload-pods.js';

/** One app as deployed: its Deployment in the apps' namespace, named after it. */
export interface KubeAppWorkload {
  readonly name: string;
  readonly host: string;
}

export interface KubeWorkloadsOptions {
  /** The apps' namespace (`Cluster.namespace`). */
  readonly namespace: string;
  readonly apps: readonly KubeAppWorkload[];
  /** The ingress controller's Deployment, sampled as the workload `ingress`. @default none (no controller installed) */
  readonly ingress?: { readonly namespace: string; readonly deployment: string };
}

/**
 * What a pipeline samples on Kubernetes: each app's Deployment (answering its host, for requests per CPU-second),
 * and the ingress controller's as the workload `ingress`, the name resource thresholds use (`ingress:cpu_max<…`).
 */
export function kubeWorkloads(options: KubeWorkloadsOptions): KubeWorkloadSelector[] {
  const apps = options.apps.map(
    (app): KubeWorkloadSelector => ({
      name: app.name,
      role: 'app',
      hosts: [app.host],
      namespace: options.namespace,
      deployment: app.name,
    }),
  );
  if (!options.ingress) return apps;
  return [
    ...apps,
    {
      name: 'ingress',
      role: 'ingress',
      hosts: [],
      namespace: options.ingress.namespace,
      deployment: options.ingress.deployment,
    },
  ];
}
