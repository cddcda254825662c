import type { Cluster } from '@prload/cluster';
import type { DistributedLoadOptions } from '@prload/distributed';
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
  /** Where load-generator shards can run as pods (kind, existing); absent where pods don't run or carry no traffic. */
  shardSite?(cluster: Cluster): Promise<ShardSite>;
  /** Diagnostics to print and report when a stage fails: those the error carries, or freshly gathered ones. */
  diagnose?(cluster: Cluster, error: unknown): Promise<string | undefined>;
}

/** A cluster's API for the shards' Job, and where they send to from inside it. */
export interface ShardSite {
  readonly kubeConfig: DistributedLoadOptions['kubeConfig'];
  /** The run's namespace, where the shards' Job goes. */
  readonly namespace: string;
  /** The ingress controller's Service by cluster DNS; absent without a controller. */
  readonly ingressUrl: string | undefined;
}

/** A source of resource usage and the workloads to read from it. */
export interface ResourceTargets {
  readonly source: ResourceSource;
  readonly workloads: readonly WorkloadSelector[];
}
