import {
  type BaselineComparison,
  COMPARED_METRICS,
  type ComparedMetric,
  type HostComparison,
} from './compare-baseline.js';
import { RegressionThresholdSyntaxError, ReportInputError } from './errors.js';
import type { ThresholdResult } from './types.js';

/** A parsed `[host:]metric regression > N%`. */
export interface RegressionThreshold {
  readonly expression: string;
  /** Absent: all hosts together. */
  readonly host?: string;
  readonly metric: ComparedMetric;
  readonly op: '>' | '>=';
  /** Percent (relative) for rate and latency; percentage points for errorRate. */
  readonly limit: number;
}

const ALIASES: Readonly<Record<string, ComparedMetric>> = {
  error_rate: 'errorRate',
  errors: 'errorRate',
  rps: 'rate',
};

const SHAPE = /^\s*(?<target>\S+)\s+regression\s*(?<op>>=|>)\s*(?<limit>\d+(?:\.\d+)?)\s*(?<pct>%?)\s*$/i;
const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/**
 * Parses `p95 regression > 10%` or `foo.localhost:p99 regression > 20%`.
 * The metric is the part after the last colon, so host names with a port
 * (`api.localhost:8080:p95`) work.
 */
export function parseRegressionThreshold(expression: string): RegressionThreshold {
  const fail = (why: string): never => {
    throw new RegressionThresholdSyntaxError(
      `regression threshold ${JSON.stringify(expression.slice(0, 200))}: ${why}; expected "[host:]metric regression > N%" with metric one of ${COMPARED_METRICS.join(', ')}`,
    );
  };
  const match = SHAPE.exec(expression);
  if (!match?.groups) return fail('not of the form "<metric> regression > <percent>%"');
  const { target, op, limit } = match.groups as { target: string; op: '>' | '>='; limit: string };
  const colon = target.lastIndexOf(':');
  const host = colon >= 0 ? target.slice(0, colon) : undefined;
  const name = colon >= 0 ? target.slice(colon + 1) : target;
  const metric = (COMPARED_METRICS as readonly string[]).includes(name)
    ? (name as ComparedMetric)
    : ALIASES[name.toLowerCase()];
  if (!metric) return fail(`unknown metric ${JSON.stringify(name)}`);
  if (host !== undefined && !HOST.test(host)) return fail(`invalid host ${JSON.stringify(host)}`);
  const value = Number(limit);
  if (!Number.isFinite(value)) return fail('the limit must be a number');
  return { expression: expression.trim(), ...(host !== undefined ? { host } : {}), metric, op, limit: value };
}

/**
 * Evaluates regression thresholds against a comparison. A threshold is
 * breached only when the change exceeds the limit and, where a bootstrap
 * interval exists, the interval lies above zero (the change is not noise).
 * A metric the baseline cannot compare (new host, zero baseline) passes.
 */
export function evaluateRegressionThresholds(
  comparison: BaselineComparison,
  thresholds: readonly (string | RegressionThreshold)[],
): ThresholdResult[] {
  return thresholds.map((entry) => {
    const threshold = typeof entry === 'string' ? parseRegressionThreshold(entry) : entry;
    const scope = findScope(comparison, threshold);
    const delta = scope?.metrics.find((m) => m.metric === threshold.metric);
    const actual = delta?.regressionPct ?? 0;
    const beyond = threshold.op === '>' ? actual > threshold.limit : actual >= threshold.limit;
    const significant = delta?.ci === undefined || delta.ci.low > 0;
    return {
      expression: threshold.expression,
      ...(threshold.host !== undefined ? { host: threshold.host } : {}),
      metric: `${threshold.metric} regression`,
      op: threshold.op,
      limit: threshold.limit,
      actual,
      passed: !(delta && beyond && significant),
    };
  });
}

function findScope(comparison: BaselineComparison, threshold: RegressionThreshold): HostComparison | undefined {
  if (threshold.host === undefined) return comparison.summary;
  const found = comparison.hosts.find((h) => h.host === threshold.host);
  if (found || comparison.newHosts.includes(threshold.host)) return found;
  const known = [...comparison.hosts.map((h) => h.host), ...comparison.newHosts];
  throw new ReportInputError(
    `regression threshold ${JSON.stringify(threshold.expression)}: host ${JSON.stringify(threshold.host)} is not in the current run (hosts: ${known.join(', ') || 'none'}); fix the host name`,
  );
}
