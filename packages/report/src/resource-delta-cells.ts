// The resource comparison as plain text, shared by the markdown and HTML baseline sections.
import type { ResourceDelta, ResourceDeltaUnit, WorkloadComparison } from './compare-resources.js';
import { formatMiB } from './format.js';

/** Why a resource delta shows no interval. */
export const NO_INTERVAL = 'n/a';

/** Says what the resource deltas mean and why they carry no interval. */
export function resourceDeltaNote(tolerance: number): string {
  return `CPU per 1k requests: CPU milliseconds (core-ms) spent per 1000 requests answered. One figure per run, so no confidence interval (${NO_INTERVAL}): beyond ±${tolerance}% is called.`;
}

/** A resource figure in its unit: `48.9 ms` (per 1k requests), `44.0 MiB`. */
export function formatResourceFigure(value: number, unit: ResourceDeltaUnit): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'MiB') return formatMiB(value);
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
}

/** `41.2 → 48.9 ms`, or `–` when the figure was not compared. */
export function baselineToCurrent(delta: ResourceDelta | undefined): string {
  if (!delta) return '–';
  const unit = delta.unit === 'MiB' ? ' MiB' : ' ms';
  const bare = (v: number) => formatResourceFigure(v, delta.unit).replace(unit, '');
  return `${bare(delta.baseline)} → ${bare(delta.current)}${unit}`;
}

/** The workload as a row label next to hosts: `foo (workload)`. */
export function workloadScopeLabel(w: WorkloadComparison): string {
  return `${w.workload} (workload)`;
}

/** The name of a compared resource metric as the tables show it. */
export function resourceMetricLabel(delta: ResourceDelta): string {
  return delta.metric === 'cpu_per_request' ? 'CPU per 1k requests' : 'memory max';
}
