/**
 * The resource-usage model: what `prload-report.json` holds under `resources`. Every figure is
 * JSON-serialisable; CPU in millicores (1000 = one core), memory in MiB (2^20 bytes), time in
 * seconds since the load stage started (negative seconds are the baseline sampled before it).
 */

/** Where the figures came from. */
export type ResourceSourceName = 'kubelet' | 'metrics-api' | 'process';

/** What a workload is to the run: one of the apps under test, or the ingress controller in front of them. */
export type WorkloadRole = 'app' | 'ingress';

/** CPU and memory amounts, as Kubernetes requests and limits give them; a field is absent when none is set. */
export interface ResourceQuantities {
  readonly cpuMillicores?: number;
  readonly memoryMiB?: number;
}

/** One sampling interval. */
export interface ResourcePoint {
  /** End of the interval, in seconds since the load stage started; negative in the baseline. */
  readonly second: number;
  /** Mean CPU over the interval. */
  readonly cpuMillicores: number;
  /** Working set (Kubernetes) or resident set (processes) at the end of the interval. */
  readonly memoryMiB: number;
}

/** Figures over the load stage (the baseline's are kept apart, for contrast). */
export interface ResourceSummary {
  readonly cpuMeanMillicores: number;
  readonly cpuP95Millicores: number;
  readonly cpuMaxMillicores: number;
  readonly memoryMaxMiB: number;
  /**
   * CPU time used during the load stage, in core-seconds. A pod's is measured over the intervals its
   * readings cover; a workload's is its pods' mean rates times the load's length.
   */
  readonly cpuSeconds: number;
  /** Mean CPU and memory in the baseline before the load; absent when no baseline was sampled. */
  readonly baselineCpuMillicores?: number;
  readonly baselineMemoryMiB?: number;
  /** Shares (1 = 100 %) of the requests and limits; absent where none is set. */
  readonly cpuMaxOfRequest?: number;
  readonly cpuMaxOfLimit?: number;
  readonly memoryMaxOfRequest?: number;
  readonly memoryMaxOfLimit?: number;
}

/** One pod (Kubernetes) or one replica process (local). */
export interface PodUsage {
  readonly name: string;
  readonly node?: string;
  /** Summed over the pod's containers. */
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  readonly summary: ResourceSummary;
  /** Container restarts during the load stage. */
  readonly restarts: number;
  /** Containers killed for running out of memory during the load stage. */
  readonly oomKills: number;
  readonly series: readonly ResourcePoint[];
}

/** One app or the ingress controller: its pods summed per interval, and each pod. */
export interface WorkloadUsage {
  /** The app's name (`foo`), or `ingress` for the ingress controller. */
  readonly name: string;
  readonly role: WorkloadRole;
  /** Hosts this workload answers (apps), so requests can be matched to CPU. */
  readonly hosts: readonly string[];
  /** Summed over the pods. */
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  /** Over the per-interval sum of the pods. */
  readonly summary: ResourceSummary;
  readonly restarts: number;
  readonly oomKills: number;
  readonly series: readonly ResourcePoint[];
  readonly pods: readonly PodUsage[];
  /** Requests answered during the load stage; absent until the load result is attached. */
  readonly requestsServed?: number;
  /** requestsServed / summary.cpuSeconds: the efficiency a regression in CPU per request shows up in. */
  readonly requestsPerCpuSecond?: number;
}

/** One sampling interval of the process that drives the load. */
export interface GeneratorPoint {
  readonly second: number;
  readonly cpuMillicores: number;
  /** Share of the interval the event loop was busy, 0..1 (`performance.eventLoopUtilization`). */
  readonly eventLoopUtilization: number;
}

/** The load generator's own usage, so a reader sees whether it, not the apps, was the bottleneck. */
export interface GeneratorUsage {
  readonly cpuMeanMillicores: number;
  readonly cpuMaxMillicores: number;
  readonly memoryMaxMiB: number;
  readonly eventLoopUtilizationMean: number;
  readonly eventLoopUtilizationMax: number;
  readonly series: readonly GeneratorPoint[];
}

/** Resource usage of one run: `prload-report.json`'s `resources`. */
export interface ResourceUsage {
  readonly source: ResourceSourceName;
  /** The sampling interval asked for. */
  readonly intervalMs: number;
  /** How long the baseline before the load stage was sampled. */
  readonly baselineMs: number;
  /** Apps first, in the configured order, then the ingress controller. Empty when `unavailable`. */
  readonly workloads: readonly WorkloadUsage[];
  readonly generator?: GeneratorUsage;
  /** Why workload figures are missing (`nodes/proxy` forbidden and no metrics.k8s.io…); the run went on without them. */
  readonly unavailable?: string;
  /** One line each: a restart, an OOM kill, CPU at its limit. */
  readonly warnings: readonly string[];
}
