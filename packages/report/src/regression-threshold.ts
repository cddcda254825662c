import type { ThresholdResult } from '@prload/loadgen';
import { isThresholdHost, meetsThreshold, parseThresholdShape } from '@prload/loadgen/internal';
import { isWorkloadName } from '@prload/resources/internal';
import {
  type BaselineComparison,
  COMPARED_METRICS,
  type ComparedMetric,
  type HostComparison,
} from './compare-baseline.js';
import {
  RESOURCE_COMPARED_METRICS,
  type ResourceComparedMetric,
  type ResourceDelta,
  type WorkloadComparison,
} from './compare-resources.js';
import { RegressionThresholdSyntaxError, ReportInputError } from './errors.js';

/** A parsed `[host:]metric regression > N%`, or `[workload:]cpu_per_request regression > N%`. */
export interface RegressionThreshold {
  readonly expression: string;
  /** Absent: all hosts together. Never set for a resource metric. */
  readonly host?: string;
  /** A resource metric's workload (`foo`, `ingress`); absent: the worst workload. */
  readonly workload?: string;
  readonly metric: ComparedMetric | ResourceComparedMetric;
  readonly op: '>' | '>=';
  /** Percent (relative) for rate, latency and resource figures; percentage points for errorRate. */
  readonly limit: number;
}

/** Every name a regression threshold may give its metric, lower-cased as the grammar reads it. */
const METRIC_NAMES: ReadonlyMap<string, ComparedMetric | ResourceComparedMetric> = new Map([
  ...[...COMPARED_METRICS, ...RESOURCE_COMPARED_METRICS].map((m) => [m.toLowerCase(), m] as const),
  ['error_rate', 'errorRate'],
  ['errors', 'errorRate'],
  ['rps', 'rate'],
]);
const PERCENT = /^(?<number>\d+(?:\.\d+)?)\s*%?$/;

export const isResourceMetric = (metric: string): metric is ResourceComparedMetric =>
  (RESOURCE_COMPARED_METRICS as readonly string[]).includes(metric);

/**
 * Parses `p95 regression > 10%`, `foo.localhost:p99 regression > 20%` or
 * `foo:cpu_per_request regression > 10%`, in the one threshold grammar
 * (`@prload/loadgen`'s `parseThresholdShape`): the metric is the part after the
 * last colon, so host names with a port (`api.localhost:8080:p95`) work; before
 * a resource metric (`cpu_per_request`, `memory_max`) stands a workload.
 */
export function parseRegressionThreshold(expression: string): RegressionThreshold {
  const text = expression.trim();
  const fail = (why: string): never => {
    throw new RegressionThresholdSyntaxError(
      `regression threshold ${JSON.stringify(text.slice(0, 200))}: ${why}; expected "[host:]metric regression > N%" with metric one of ${COMPARED_METRICS.join(', ')}, or "[workload:]metric regression > N%" with metric one of ${RESOURCE_COMPARED_METRICS.join(', ')}`,
    );
  };
  const shape = parseThresholdShape(text);
  if (!shape?.regression) return fail('not of the form "<metric> regression > <percent>%"');
  const metric = METRIC_NAMES.get(shape.metric);
  if (!metric) return fail(`unknown metric ${JSON.stringify(shape.metric)}`);
  const op = shape.op;
  if (op !== '>' && op !== '>=') return fail(`a regression limit is a worst allowed change: use > or >=, not ${op}`);
  const limit = PERCENT.exec(shape.limit)?.groups?.['number'];
  if (limit === undefined) return fail(`limit ${JSON.stringify(shape.limit)} is not a percentage such as 10%`);
  const base = { expression: text, metric, op, limit: Number(limit) };
  const scope = shape.scope;
  if (isResourceMetric(metric)) {
    if (scope !== undefined && !isWorkloadName(scope)) {
      return fail(
        `invalid workload ${JSON.stringify(scope)} (an app name or "ingress": lower-case letters, digits, '-')`,
      );
    }
    return { ...base, ...(scope !== undefined ? { workload: scope } : {}) };
  }
  if (scope !== undefined && !isThresholdHost(scope)) return fail(`invalid host ${JSON.stringify(scope)}`);
  return { ...base, ...(scope !== undefined ? { host: scope } : {}) };
}

/**
 * Evaluates regression thresholds against a comparison. A threshold is
 * breached only when the change exceeds the limit and, where a bootstrap
 * interval exists, the interval lies above zero (the change is not noise).
 * Resource figures have no interval: the change alone decides. A metric the
 * baseline cannot compare (new host or workload, zero baseline, no resource
 * figures in either run) passes.
 */
export function evaluateRegressionThresholds(
  comparison: BaselineComparison,
  thresholds: readonly (string | RegressionThreshold)[],
): ThresholdResult[] {
  return thresholds.map((entry) => {
    const threshold = typeof entry === 'string' ? parseRegressionThreshold(entry) : entry;
    const delta = isResourceMetric(threshold.metric)
      ? worstResourceDelta(findWorkloads(comparison, threshold), threshold.metric)
      : findScope(comparison, threshold)?.metrics.find((m) => m.metric === threshold.metric);
    const actual = delta?.regressionPct ?? 0;
    const beyond = meetsThreshold(actual, threshold.op, threshold.limit);
    const significant = delta === undefined || !('ci' in delta) || delta.ci === undefined || delta.ci.low > 0;
    return {
      expression: threshold.expression,
      ...(threshold.host !== undefined ? { host: threshold.host } : {}),
      ...(threshold.workload !== undefined ? { workload: threshold.workload } : {}),
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

/** The workloads a resource threshold looks at: the named one, or all; none when there are no figures. */
function findWorkloads(comparison: BaselineComparison, threshold: RegressionThreshold): readonly WorkloadComparison[] {
  const resources = comparison.resources;
  if (!resources) return [];
  if (threshold.workload === undefined) return resources.workloads;
  const found = resources.workloads.filter((w) => w.workload === threshold.workload);
  if (found.length > 0 || resources.newWorkloads.includes(threshold.workload)) return found;
  const known = [...resources.workloads.map((w) => w.workload), ...resources.newWorkloads];
  throw new ReportInputError(
    `regression threshold ${JSON.stringify(threshold.expression)}: workload ${JSON.stringify(threshold.workload)} is not in the current run (workloads: ${known.join(', ') || 'none'}); fix the workload name`,
  );
}

function worstResourceDelta(
  workloads: readonly WorkloadComparison[],
  metric: ResourceComparedMetric,
): ResourceDelta | undefined {
  const deltas = workloads.flatMap((w) => w.metrics.filter((m) => m.metric === metric));
  return deltas.reduce<ResourceDelta | undefined>(
    (worst, d) => (worst === undefined || d.regressionPct > worst.regressionPct ? d : worst),
    undefined,
  );
}
