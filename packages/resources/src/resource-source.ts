import type { ResourceQuantities, ResourceSourceName, WorkloadRole } from './types.js';

/** What to sample: one app or the ingress controller, and how to find its pods or processes. */
export interface WorkloadSelector {
  /** The app's name (`foo`), or `ingress`. */
  readonly name: string;
  readonly role: WorkloadRole;
  /** Hosts the workload answers. @default [] */
  readonly hosts?: readonly string[];
}

/**
 * One reading of one pod or process. CPU comes either as a cumulative counter (kubelet, processes: the
 * sampler takes the rate between two readings by their own timestamps) or as a rate the source
 * already averaged (metrics.k8s.io).
 */
export interface UsageReading {
  /** `WorkloadSelector.name` of the workload this pod belongs to. */
  readonly workload: string;
  readonly pod: string;
  /** When the source measured it, in ms since the epoch: the kubelet's own timestamp, not when we asked. */
  readonly timestampMs: number;
  /** Cumulative CPU time in core-seconds, summed over the pod's containers. */
  readonly cpuSeconds?: number;
  /** CPU in cores averaged by the source over its own window. */
  readonly cpuCores?: number;
  readonly memoryBytes: number;
}

/** What the pod's spec and status say, read at the start and the end of the load. */
export interface PodState {
  readonly workload: string;
  readonly pod: string;
  readonly node?: string;
  readonly requests: ResourceQuantities;
  readonly limits: ResourceQuantities;
  /** Sum of the containers' restart counts. */
  readonly restartCount: number;
  /** Containers whose last termination was `OOMKilled`, with when it happened (ms since the epoch). */
  readonly oomKilledAtMs: readonly number[];
}

/** One read of a source: the usage readings and the pods' states. */
export interface SourceReading {
  readonly readings: readonly UsageReading[];
  readonly pods: readonly PodState[];
}

/** A place resource usage can be read from; the sampler calls `read` once per interval. */
export interface ResourceSource {
  readonly name: ResourceSourceName;
  read(signal: AbortSignal): Promise<SourceReading>;
  /** Releases what `read` holds between calls (pidusage's history, sockets). */
  close?(): Promise<void>;
}
