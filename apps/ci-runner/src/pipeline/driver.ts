import type { Cluster } from '@prload/cluster';
import type { ResourceSource, WorkloadSelector } from '@prload/resources';

/** What differs between providers; the pipeline drives every provider through this. */
export interface Driver {
  /** Creates the cluster, or connects to it. */
  provision(signal: AbortSignal): Promise<Cluster>;
  /** Installs the ingress controller and the apps. */
  deploy(cluster: Cluster, signal: AbortSignal): Promise<void>;
  /** Waits until the workloads are rolled out (Kubernetes); resolves at once where there is nothing to wait for. */
  waitUntilReady(cluster: Cluster, signal: AbortSignal): Promise<void>;
  /** Where the apps' and the ingress controller's CPU and memory can be read while the load runs. */
  resources?(cluster: Cluster, signal: AbortSignal): Promise<ResourceTargets>;
  /** Diagnostics to print and report when a stage fails: those the error carries, or freshly gathered ones. */
  diagnose?(cluster: Cluster, error: unknown): Promise<string | undefined>;
}

/** A source of resource usage and the workloads to read from it. */
export interface ResourceTargets {
  readonly source: ResourceSource;
  readonly workloads: readonly WorkloadSelector[];
}
