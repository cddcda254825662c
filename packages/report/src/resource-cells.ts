// The resource usage figures as plain text cells, shared by the markdown and HTML reports (each escapes them).
import type { GeneratorUsage, PodUsage, ResourceSummary, ResourceUsage, WorkloadUsage } from '@prload/resources';
import { formatCount, formatDuration, formatMiB, formatMillicores, formatShare } from './format.js';

/** Headers of the workload table, matching `workloadCells`. */
export const WORKLOAD_HEADERS: readonly string[] = [
  'Workload',
  'Pods',
  'CPU mean',
  'CPU p95',
  'CPU max',
  'CPU max / request · limit',
  'Memory max',
  'Memory max / limit',
  'Restarts',
  'OOM kills',
  'Requests per CPU-second',
];

/** Headers of a workload's pod table, matching `podCells`: the workload's figures, less pods and efficiency. */
export const POD_HEADERS: readonly string[] = ['Pod', 'Node', ...WORKLOAD_HEADERS.slice(2, -1)];

// The event loop busy this much of an interval leaves no headroom: the generator, not the app, may set the pace.
const GENERATOR_BUSY = 0.9;

/** The workload's name, marked when it is an ingress controller not called `ingress`. */
export function workloadLabel(w: WorkloadUsage): string {
  return w.role === 'ingress' && w.name !== 'ingress' ? `${w.name} (ingress)` : w.name;
}

function usageCells(s: ResourceSummary): string[] {
  const ofRequest = formatShare(s.cpuMaxOfRequest);
  const ofLimit = formatShare(s.cpuMaxOfLimit);
  return [
    formatMillicores(s.cpuMeanMillicores),
    formatMillicores(s.cpuP95Millicores),
    formatMillicores(s.cpuMaxMillicores),
    ofRequest === '–' && ofLimit === '–' ? '–' : `${ofRequest} · ${ofLimit}`,
    formatMiB(s.memoryMaxMiB),
    formatShare(s.memoryMaxOfLimit),
  ];
}

/** Requests answered per core-second of CPU: `2,413`, `12.5`. */
export function formatRequestsPerCpuSecond(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value >= 100 ? formatCount(value) : value.toFixed(1);
}

export function workloadCells(w: WorkloadUsage): string[] {
  return [
    workloadLabel(w),
    formatCount(w.pods.length),
    ...usageCells(w.summary),
    formatCount(w.restarts),
    formatCount(w.oomKills),
    formatRequestsPerCpuSecond(w.requestsPerCpuSecond),
  ];
}

export function podCells(p: PodUsage): string[] {
  return [p.name, p.node ?? '–', ...usageCells(p.summary), formatCount(p.restarts), formatCount(p.oomKills)];
}

/** Whether the generator's event loop was busy enough that it may have been the bottleneck. */
export function generatorBusy(g: GeneratorUsage): boolean {
  return g.eventLoopUtilizationMax >= GENERATOR_BUSY;
}

/** One line on the load generator's own usage, flagged with ⚠️ when its event loop had no headroom. */
export function generatorLine(g: GeneratorUsage): string {
  const line = `Load generator: CPU mean ${formatMillicores(g.cpuMeanMillicores)}, max ${formatMillicores(g.cpuMaxMillicores)}, memory max ${formatMiB(g.memoryMaxMiB)}, event loop busy ${formatShare(g.eventLoopUtilizationMean)} (max ${formatShare(g.eventLoopUtilizationMax)})`;
  return generatorBusy(g) ? `⚠️ ${line}: the generator may have been the bottleneck` : line;
}

/** The sampling note under the heading: where the figures came from and what they cover. */
export function resourcesNote(resources: ResourceUsage): string {
  const memory = resources.source === 'process' ? 'resident set' : 'working set';
  return `Source ${resources.source}, sampled every ${formatDuration(resources.intervalMs)} over the load stage; CPU in millicores (1000m = 1 core), memory ${memory} in MiB.`;
}

/** A series' load-stage points only (the baseline before the load has negative seconds). */
export function loadStage<T extends { readonly second: number }>(series: readonly T[]): T[] {
  return series.filter((p) => p.second >= 0);
}
