import { checkLoadThreshold } from './check-load-threshold.js';
import { decodeHistogram } from './histogram.js';
import type { ThresholdResult } from './threshold-result.js';
import { meetsThreshold, parseThreshold, type Threshold, type ThresholdOp, type ThresholdUnit } from './thresholds.js';
import type { HostStats, LatencyStats, LoadResult } from './types.js';

/** An evaluated load threshold. */
export interface LoadThresholdResult extends ThresholdResult {
  readonly op: ThresholdOp;
  readonly unit: ThresholdUnit;
}

const STORED_PERCENTILES: Record<number, keyof LatencyStats> = {
  50: 'p50',
  90: 'p90',
  95: 'p95',
  99: 'p99',
  100: 'max',
};

function percentileOf(result: LoadResult, threshold: Threshold, stats: HostStats): number {
  const p = threshold.percentile!;
  const stored = STORED_PERCENTILES[p];
  if (stored) return stats.latency[stored];
  // Other percentiles come from the lossless histogram, so they are as exact as the stored ones.
  const encoded =
    threshold.host === undefined ? result.histograms.latency : result.histograms.perHost[threshold.host]?.latency;
  if (encoded === undefined) return Number.NaN;
  const histogram = decodeHistogram(encoded);
  const value = histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(p) / 1000;
  histogram.destroy();
  return value;
}

function actualOf(result: LoadResult, threshold: Threshold): number {
  checkLoadThreshold(threshold, { hosts: Object.keys(result.hosts), model: result.settings.model });
  const stats: HostStats = threshold.host === undefined ? result.summary : result.hosts[threshold.host]!;
  switch (threshold.metric) {
    case 'max':
      return stats.latency.max;
    case 'mean':
      return stats.latency.mean;
    case 'error_rate':
      return stats.errorRate * 100;
    case 'rate':
      if (threshold.unit === 'req/s') return stats.rate;
      return stats.targetRate > 0 ? (stats.rate / stats.targetRate) * 100 : 0;
    default:
      return percentileOf(result, threshold, stats);
  }
}

/**
 * Checks each threshold (parsed or as text) against a result, in order. Throws ThresholdSyntaxError
 * for bad text and ThresholdEvaluationError for one the result cannot answer (`checkLoadThreshold`).
 */
export function evaluateThresholds(
  result: LoadResult,
  thresholds: readonly (Threshold | string)[],
): LoadThresholdResult[] {
  return thresholds.map((t) => {
    const threshold = typeof t === 'string' ? parseThreshold(t) : t;
    const actual = actualOf(result, threshold);
    return {
      expression: threshold.expression,
      ...(threshold.host === undefined ? {} : { host: threshold.host }),
      metric: threshold.metric,
      op: threshold.op,
      limit: threshold.limit,
      actual,
      unit: threshold.unit,
      passed: meetsThreshold(actual, threshold.op, threshold.limit),
    };
  });
}
