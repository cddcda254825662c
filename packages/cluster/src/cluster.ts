/** Every provider, in the order the docs list them (kind, the default, first). */
export const PROVIDER_NAMES = ['kind', 'local', 'kwok', 'existing'] as const;

/** Which kind of cluster a run uses. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The providers with a real Kubernetes API: those `provisionCluster` creates or connects to. */
export type KubeProviderName = Exclude<ProviderName, 'local'>;

/**
 * A running cluster, whatever its provider. Every provider returns one, and
 * the pipeline only talks to clusters through it.
 */
export interface Cluster {
  readonly provider: ProviderName;
  readonly name: string;
  /** Where the ingress listens, e.g. `http://127.0.0.1:80`; requests carry the app's Host header. */
  readonly ingressUrl: string;
  /** The run's own kubeconfig file; absent for the local provider. */
  readonly kubeconfigPath?: string;
  /** The kubeconfig context to use, when not the file's current context. */
  readonly context?: string;
  /** The namespace the apps go into. */
  readonly namespace: string;
  /** False where pods are simulated (kwok): readiness can be checked, traffic cannot flow. */
  readonly carriesTraffic: boolean;
  /** Versions of the cluster's parts, for the report (e.g. `{ kind: 'v0.27.0', kubernetes: 'v1.33.1' }`). */
  readonly versions: Readonly<Record<string, string>>;
  /** Deletes what the provider created, unless told to keep it. Safe to call twice. */
  destroy(): Promise<void>;
}
