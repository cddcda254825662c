import type { ResourceUsage, WorkloadRole, WorkloadUsage } from '@prload/resources';
import { classifyChange } from './classify-change.js';
import { workloadsInOrder } from './workloads-in-order.js';

/** Resource figures compared per workload: CPU per request (efficiency) and the memory high-water mark. */
export type ResourceComparedMetric = 'cpu_per_request' | 'memory_max';

export const RESOURCE_COMPARED_METRICS: readonly ResourceComparedMetric[] = ['cpu_per_request', 'memory_max'];

/** `ms/1k req`: CPU milliseconds (core-ms) spent per 1000 requests answered. */
export type ResourceDeltaUnit = 'ms/1k req' | 'MiB';

/**
 * A `MetricDelta` of a resource figure. There is no confidence interval: a run gives one figure per
 * workload, so the call rests on the tolerance alone (renderers show `n/a` for the interval).
 */
export interface ResourceDelta {
  readonly metric: ResourceComparedMetric;
  readonly unit: ResourceDeltaUnit;
  readonly baseline: number;
  readonly current: number;
  /** Relative change in percent. */
  readonly changePct: number;
  /** `changePct` signed so that positive means worse (more CPU per request, more memory). */
  readonly regressionPct: number;
  /** Worse beyond the tolerance. */
  readonly regression: boolean;
  /** Better beyond the tolerance. */
  readonly improvement: boolean;
}

export interface WorkloadComparison {
  /** The workload's name (`foo`, `ingress`). */
  readonly workload: string;
  readonly role: WorkloadRole;
  readonly metrics: readonly ResourceDelta[];
}

export interface ResourceComparison {
  /** Workloads in both runs, apps first in the current run's order, then the ingress controller. */
  readonly workloads: readonly WorkloadComparison[];
  /** Workloads of the baseline that the current run did not measure. */
  readonly missingWorkloads: readonly string[];
  /** Workloads of the current run that the baseline did not measure. */
  readonly newWorkloads: readonly string[];
}

/**
 * CPU milliseconds per 1000 requests: 1e6 / requests per CPU-second. Absent when the workload served
 * no request (or its requests were not attached), so it cannot be compared.
 */
export function cpuMsPer1kRequests(w: WorkloadUsage): number | undefined {
  const perCpuSecond = w.requestsPerCpuSecond;
  return perCpuSecond !== undefined && perCpuSecond > 0 && Number.isFinite(perCpuSecond)
    ? 1e6 / perCpuSecond
    : undefined;
}

/**
 * Compares the workloads both runs measured. Absent when either run has no usable resource figures
 * (not sampled, unavailable, or a report from before resources were measured).
 */
export function compareResources(
  current: ResourceUsage | undefined,
  baseline: ResourceUsage | undefined,
  tolerance: number,
): ResourceComparison | undefined {
  if (!current || !baseline || current.unavailable !== undefined || baseline.unavailable !== undefined) {
    return undefined;
  }
  const names = (usage: ResourceUsage) => usage.workloads.map((w) => w.name);
  const workloads = workloadsInOrder(current).flatMap((w) => {
    const before = baseline.workloads.find((b) => b.name === w.name);
    if (!before) return [];
    const metrics = [
      delta('cpu_per_request', 'ms/1k req', cpuMsPer1kRequests(w), cpuMsPer1kRequests(before), tolerance),
      delta('memory_max', 'MiB', w.summary.memoryMaxMiB, before.summary.memoryMaxMiB, tolerance),
    ].filter((m) => m !== undefined);
    return [{ workload: w.name, role: w.role, metrics }];
  });
  return {
    workloads,
    missingWorkloads: names(baseline).filter((n) => !names(current).includes(n)),
    newWorkloads: names(current).filter((n) => !names(baseline).includes(n)),
  };
}

function delta(
  metric: ResourceComparedMetric,
  unit: ResourceDeltaUnit,
  current: number | undefined,
  baseline: number | undefined,
  tolerance: number,
): ResourceDelta | undefined {
  // As for latency: a zero baseline has no relative change, so the figure is left out rather than infinite.
  if (current === undefined || baseline === undefined || !(baseline > 0) || !Number.isFinite(current)) {
    return undefined;
  }
  const changePct = ((current - baseline) / baseline) * 100;
  return {
    metric,
    unit,
    baseline: round(baseline),
    current: round(current),
    changePct: round(changePct),
    regressionPct: round(changePct),
    ...classifyChange(changePct, tolerance),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
