import type { TimeSeriesPoint } from '@prload/loadgen';
import { bucketSeries } from './bucket-series.js';
import { mermaidLabel } from './escape.js';

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
  return bucketSeries(
    series,
    {
      rate: { pick: (p) => p.requests, aggregate: 'mean' },
      errorRate: { pick: (p) => p.errors, aggregate: 'mean' },
      p50: { pick: (p) => p.p50, aggregate: 'mean' },
      p99: { pick: (p) => p.p99, aggregate: 'max' },
    },
    maxPoints,
  );
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
