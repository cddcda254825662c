// Number formatting shared by every renderer, so the same value reads the same everywhere.
import type { HostStats, LoadSettings } from './types.js';

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

/** A threshold's value in its unit, guessed from the metric name (latency in ms, rates, ratios). */
export function formatThresholdValue(
  metric: string,
  value: number,
  role: 'actual' | 'limit' = 'actual',
  unit?: string,
): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'ms') return formatMs(value);
  if (unit === 'req/s') return formatRate(value);
  if (unit === '%' && !/regression/.test(metric)) return formatPercent(value);
  if (/regression/.test(metric)) return `${role === 'actual' && value > 0 ? '+' : ''}${Number(value.toFixed(1))}%`;
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
