import { mermaidLabel } from './escape.js';
import type { TimeSeriesPoint } from './types.js';

/** Per-interval values of a (possibly downsampled) time series. */
export interface SeriesBuckets {
  /** First second of each bucket. */
  readonly seconds: number[];
  /** Requests per second, averaged over the bucket. */
  readonly rate: number[];
  readonly errorRate: number[];
  readonly p50: number[];
  /** Worst p99 in the bucket, so downsampling never hides a spike. */
  readonly p99: number[];
}

/** Averages consecutive seconds so a long run still gives a readable chart. */
export function bucketTimeSeries(series: readonly TimeSeriesPoint[], maxPoints = 60): SeriesBuckets {
  const size = Math.max(1, Math.ceil(series.length / maxPoints));
  const out: SeriesBuckets = { seconds: [], rate: [], errorRate: [], p50: [], p99: [] };
  for (let i = 0; i < series.length; i += size) {
    const group = series.slice(i, i + size);
    const mean = (pick: (p: TimeSeriesPoint) => number) =>
      group.reduce((s, p) => s + finite(pick(p)), 0) / group.length;
    out.seconds.push(finite(group[0]!.second));
    out.rate.push(mean((p) => p.requests));
    out.errorRate.push(mean((p) => p.errors));
    out.p50.push(mean((p) => p.p50));
    out.p99.push(Math.max(...group.map((p) => finite(p.p99))));
  }
  return out;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function numbers(values: readonly number[]): string {
  return `[${values.map((v) => String(Math.round(finite(v) * 100) / 100)).join(', ')}]`;
}

export interface XyChart {
  readonly title: string;
  readonly xLabel: string;
  readonly x: readonly number[];
  readonly yLabel: string;
  readonly bars?: readonly (readonly number[])[];
  readonly lines: readonly (readonly number[])[];
}

/** A Mermaid `xychart-beta` block; every label goes through `mermaidLabel`. */
export function mermaidXyChart(chart: XyChart): string {
  const max = Math.max(0, ...[...(chart.bars ?? []), ...chart.lines].flat().map(finite));
  const top = max > 0 ? niceCeiling(max) : 1;
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidLabel(chart.title, 100)}"`,
    `  x-axis "${mermaidLabel(chart.xLabel)}" ${numbers(chart.x)}`,
    `  y-axis "${mermaidLabel(chart.yLabel)}" 0 --> ${top}`,
    ...(chart.bars ?? []).map((b) => `  bar ${numbers(b)}`),
    ...chart.lines.map((l) => `  line ${numbers(l)}`),
    '```',
  ];
  return lines.join('\n');
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * magnitude >= value) return Math.round(step * magnitude * 1000) / 1000;
  }
  return value;
}
