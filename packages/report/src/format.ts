// Number formatting shared by every renderer, so the same value reads the same everywhere.
import type { HostStats, LoadSettings, ThresholdResult } from '@prload/loadgen';

export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}/s`;
}

/** `ratio` is 0..1. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  return formatPercent(ratio * 100);
}

export function formatPercent(percent: number): string {
  if (percent === 0) return '0%';
  if (Math.abs(percent) < 0.01) return `${percent < 0 ? '-' : ''}<0.01%`;
  return `${percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)}%`;
}

export function formatSignedPercent(percent: number): string {
  return `${percent > 0 ? '+' : ''}${formatPercent(percent)}`;
}

export function formatCount(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** CPU in millicores (1000 = one core): `4.2m`, `412m`, `1.25 cores`. */
export function formatMillicores(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 999.5) return `${(value / 1000).toFixed(2)} cores`;
  return `${Math.abs(value) < 10 && value !== 0 ? value.toFixed(1) : value.toFixed(0)}m`;
}

/** Memory in MiB (2^20 bytes): `48.2 MiB`, `1536 MiB`. */
export function formatMiB(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${Math.abs(value) >= 999.95 ? value.toFixed(0) : value.toFixed(1)} MiB`;
}

/** A share of a request or limit (1 = 100 %) as a whole percent: `82%`, `<1%`. */
export function formatShare(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  if (ratio > 0 && ratio < 0.005) return '<1%';
  return `${Math.round(ratio * 100)}%`;
}

/** Units of the resource thresholds from `@prload/resources` (`foo:cpu_max<500m`). */
const RESOURCE_UNITS: readonly string[] = ['m', 'MiB', 'count'];
// Metric names of resource thresholds and resource regressions, for results written without a unit.
const RESOURCE_METRIC = /(^|:)(cpu_|memory_|restarts\b|oom_kills\b)/;

/** Whether a threshold result is about resource usage (scoped by workload, not by host). */
export function isResourceThresholdResult(t: { readonly metric: string; readonly unit?: string }): boolean {
  return (t.unit !== undefined && RESOURCE_UNITS.includes(t.unit)) || RESOURCE_METRIC.test(t.metric);
}

/** What a threshold applies to: its host, its workload, or everything. */
export function thresholdScope(t: ThresholdResult): string {
  if (t.host !== undefined) return t.host;
  if (t.workload !== undefined) return t.workload;
  return isResourceThresholdResult(t) ? 'all workloads' : 'all hosts';
}

/**
 * A threshold's value in its unit. An explicit unit wins; without one the unit is guessed from the metric
 * name (latency in ms, rates, ratios, resource figures).
 */
export function formatThresholdValue(
  metric: string,
  value: number,
  role: 'actual' | 'limit' = 'actual',
  unit?: string,
): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'ms') return formatMs(value);
  if (unit === 'req/s') return formatRate(value);
  if (unit === 'm') return formatMillicores(value);
  if (unit === 'MiB') return formatMiB(value);
  if (unit === 'count') return formatCount(value);
  if (unit === '%' && !/regression/.test(metric)) return formatPercent(value);
  if (/regression/.test(metric)) return `${role === 'actual' && value > 0 ? '+' : ''}${Number(value.toFixed(1))}%`;
  if (/(^|:)cpu_(mean|p\d+|max)$/.test(metric)) return formatMillicores(value);
  if (/(^|:)memory_max$/.test(metric)) return formatMiB(value);
  if (/(^|:)(restarts|oom_kills)$/.test(metric)) return formatCount(value);
  if (/error.?rate/i.test(metric)) return value <= 1 ? formatRatio(value) : `${value}%`;
  if (/\b(p\d+|max|mean|latency|service)/i.test(metric)) return formatMs(value);
  if (/\brate\b|rps/i.test(metric)) return formatRate(value);
  return String(value);
}

/** Status codes sorted by count, `200×980, 503×20`. */
export function formatStatusCodes(codes: Readonly<Record<string, number>> | undefined, limit = 5): string[] {
  return Object.entries(codes ?? {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([code, count]) => `${code}×${formatCount(count)}`);
}

/** The cells of a per-host results row after the host name, as plain text (each renderer escapes them). */
export function statsCells(s: HostStats, statusCodeLimit?: number): string[] {
  return [
    formatCount(s.requests),
    `${formatRate(s.rate)} / ${formatRate(s.targetRate)}`,
    formatMs(s.latency.p50),
    formatMs(s.latency.p90),
    formatMs(s.latency.p95),
    formatMs(s.latency.p99),
    formatMs(s.latency.max),
    `${formatRatio(s.errorRate)} (${formatCount(s.errors)})`,
    formatStatusCodes(s.statusCodes, statusCodeLimit).join(', ') || '–',
  ];
}

/** Headers of the results table, matching `statsCells` after the host column. */
export const RESULTS_HEADERS: readonly string[] = [
  'Host',
  'Requests',
  'Rate (achieved / target)',
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
  'Errors',
  'Status codes',
];

/** The per-host stats in the order every renderer lists them. */
export function hostsInOrder(hosts: Readonly<Record<string, HostStats>> | undefined): [string, HostStats][] {
  return Object.entries(hosts ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/** The settings row on connections, shared by the markdown and HTML reports. */
export function formatConnections(st: LoadSettings): string {
  const engine = st.engine === undefined ? '' : `, ${st.engine} engine`;
  return `${st.connections} × pipelining ${st.pipelining}, max in flight ${st.maxInFlight}${engine}`;
}
