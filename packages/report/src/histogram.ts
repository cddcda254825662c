import { decodeHistogram } from '@prload/loadgen';
import type { JsHistogram } from 'hdr-histogram-js';
import { HistogramDecodeError } from './errors.js';

/** The recorded buckets of an HdrHistogram: parallel arrays, values in microseconds. */
export interface HistogramBuckets {
  /** Median-equivalent value of each non-empty bucket, ascending. */
  readonly values: Float64Array;
  readonly counts: Float64Array;
  readonly total: number;
}

/**
 * The non-empty buckets of a result's compressed base64 histogram, decoded by the loadgen's one
 * decoder, so the bootstrap can resample counts and the HTML can plot the distribution without
 * shipping a decoder to the browser. `what` names the histogram in the error.
 */
export function histogramBuckets(encoded: string, what: string): HistogramBuckets {
  let histogram: JsHistogram;
  try {
    histogram = decodeHistogram(encoded);
  } catch (cause) {
    throw new HistogramDecodeError(
      `${what}: not a compressed base64 HdrHistogram (${(cause as Error).message}); regenerate the results with prload`,
      { cause },
    );
  }
  const values: number[] = [];
  const counts: number[] = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    values.push(histogram.medianEquivalentValue(step.valueIteratedTo));
    counts.push(step.countAddedInThisIterationStep);
  }
  const total = histogram.totalCount;
  histogram.destroy();
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), total };
}

/**
 * Merges neighbouring buckets whose values lie within `relativeWidth` of the
 * first one. HdrHistogram keeps 3 significant digits (thousands of buckets);
 * 1 % bins keep the bootstrap fast while staying far below any tolerance
 * worth setting.
 */
export function coarsen(buckets: HistogramBuckets, relativeWidth = 0.01): HistogramBuckets {
  const values: number[] = [];
  const counts: number[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < buckets.values.length; i++) {
    const value = buckets.values[i]!;
    if (values.length > 0 && value <= start * (1 + relativeWidth)) {
      counts[counts.length - 1]! += buckets.counts[i]!;
      // A bin reports its highest value, as HdrHistogram reports a bucket's upper end.
      values[values.length - 1] = value;
      continue;
    }
    start = value;
    values.push(value);
    counts.push(buckets.counts[i]!);
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), total: buckets.total };
}

/** Values at several percentiles (0..100, ascending) in one pass over the buckets. */
export function percentilesOf(
  values: Float64Array,
  counts: Float64Array,
  total: number,
  percentiles: readonly number[],
  out: Float64Array,
): void {
  let next = 0;
  let seen = 0;
  for (let i = 0; i < values.length && next < percentiles.length; i++) {
    seen += counts[i]!;
    while (next < percentiles.length && seen >= Math.max(1, Math.ceil((percentiles[next]! / 100) * total))) {
      out[next++] = values[i]!;
    }
  }
  for (; next < percentiles.length; next++) out[next] = total > 0 ? values[values.length - 1]! : 0;
}

/** Value at `percentile` (0..100) of bucket counts; same rank rule as HdrHistogram. */
export function percentileOf(values: Float64Array, counts: Float64Array, total: number, percentile: number): number {
  if (total <= 0 || values.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((percentile / 100) * total));
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return values[i]!;
  }
  return values[values.length - 1]!;
}

export function meanOf(values: Float64Array, counts: Float64Array, total: number): number {
  if (total <= 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * counts[i]!;
  return sum / total;
}

/** Points of the percentile distribution (`percentile` 0..100, `valueMs`) for plotting. */
export function percentileDistribution(
  buckets: HistogramBuckets,
  maxPoints = 200,
): { percentile: number; valueMs: number }[] {
  const points: { percentile: number; valueMs: number }[] = [];
  if (buckets.total <= 0) return points;
  const step = Math.max(1, Math.ceil(buckets.values.length / maxPoints));
  let seen = 0;
  for (let i = 0; i < buckets.values.length; i++) {
    seen += buckets.counts[i]!;
    if (i % step === 0 || i === buckets.values.length - 1) {
      points.push({ percentile: (seen / buckets.total) * 100, valueMs: buckets.values[i]! / 1000 });
    }
  }
  return points;
}
