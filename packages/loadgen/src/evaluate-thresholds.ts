import { ThresholdEvaluationError } from './errors.js';
import { decodeHistogram } from './histogram.js';
import { meetsThreshold, parseThreshold, type Threshold, type ThresholdOp, type ThresholdUnit } from './thresholds.js';
import type { HostStats, LatencyStats, LoadResult } from './types.js';

export interface ThresholdResult {
  readonly expression: string;
  readonly host?: string;
  readonly metric: string;
  readonly op: ThresholdOp;
  /** In `unit`. */
  readonly limit: number;
  /** Measured value in `unit`. */
  readonly actual: number;
  readonly unit: ThresholdUnit;
  readonly passed: boolean;
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
  let stats: HostStats = result.summary;
  if (threshold.host !== undefined) {
    const host = result.hosts[threshold.host];
    if (!host) {
      const known = Object.keys(result.hosts).join(', ') || 'none';
      throw new ThresholdEvaluationError(
        threshold.expression,
        `host "${threshold.host}" is not in this result (hosts: ${known}); fix the prefix or drop it for the whole run`,
      );
    }
    stats = host;
  }
  switch (threshold.metric) {
    case 'max':
      return stats.latency.max;
    case 'mean':
      return stats.latency.mean;
    case 'error_rate':
      return stats.errorRate * 100;
    case 'rate':
      if (threshold.unit === 'req/s') return stats.rate;
      if (result.settings.model !== 'open') {
        throw new ThresholdEvaluationError(
          threshold.expression,
          'a closed-model run has no target rate; use an absolute rate such as rate>=500/s',
        );
      }
      return stats.targetRate > 0 ? (stats.rate / stats.targetRate) * 100 : 0;
    default:
      return percentileOf(result, threshold, stats);
  }
}

/**
 * Checks each threshold (parsed or as text) against a result, in order. Throws
 * ThresholdSyntaxError for bad text and ThresholdEvaluationError for a host the run never targeted.
 */
export function evaluateThresholds(result: LoadResult, thresholds: readonly (Threshold | string)[]): ThresholdResult[] {
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
