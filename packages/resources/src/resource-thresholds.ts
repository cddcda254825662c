import type { ThresholdResult } from '@prload/loadgen';
import { meetsThreshold, parseThresholdShape, type ThresholdShape } from '@prload/loadgen/internal';
import { ResourceThresholdEvaluationError, ResourceThresholdSyntaxError } from './errors.js';
import type { ResourceUsage, WorkloadUsage } from './types.js';

/** Millicores, MiB, or a count. */
export type ResourceThresholdUnit = 'm' | 'MiB' | 'count';

export type ResourceMetric = 'cpu_mean' | 'cpu_p95' | 'cpu_max' | 'memory_max' | 'restarts' | 'oom_kills';

const UNIT_OF: Readonly<Record<ResourceMetric, ResourceThresholdUnit>> = {
  cpu_mean: 'm',
  cpu_p95: 'm',
  cpu_max: 'm',
  memory_max: 'MiB',
  restarts: 'count',
  oom_kills: 'count',
};

/** Every metric a resource threshold can name, for routing expressions and for messages. */
export const RESOURCE_METRICS = Object.keys(UNIT_OF) as readonly ResourceMetric[];

export interface ResourceThreshold {
  readonly expression: string;
  /** A workload (`foo`, `ingress`); absent for all of them: the highest figure, or the total count. */
  readonly workload?: string;
  readonly metric: ResourceMetric;
  readonly op: ThresholdShape['op'];
  /** In `unit`. */
  readonly limit: number;
  readonly unit: ResourceThresholdUnit;
}

/** A row of the one threshold result shape, so the report lists every kind in one table. */
export interface ResourceThresholdResult extends ThresholdResult {
  readonly metric: ResourceMetric;
  readonly unit: ResourceThresholdUnit;
}

const CPU_UNITS: Readonly<Record<string, number>> = { m: 1, '': 1000, cores: 1000, core: 1000 };
const MEMORY_UNITS: Readonly<Record<string, number>> = {
  Ki: 1 / 1024,
  KiB: 1 / 1024,
  Mi: 1,
  MiB: 1,
  Gi: 1024,
  GiB: 1024,
  k: 1e3 / 2 ** 20,
  M: 1e6 / 2 ** 20,
  G: 1e9 / 2 ** 20,
};
const NUMBER = /^(?<number>\d+(?:\.\d*)?|\.\d+)\s*(?<unit>[A-Za-z]*)$/;

/**
 * True when an expression gates a resource metric (`foo:cpu_max<500m`), so callers route it here;
 * a regression threshold on one (`foo:memory_max regression > 10%`) compares with a baseline instead.
 */
export function isResourceThreshold(expression: string): boolean {
  const shape = parseThresholdShape(expression);
  return shape !== undefined && !shape.regression && (RESOURCE_METRICS as readonly string[]).includes(shape.metric);
}

/** Whether a threshold's scope can name a workload: an app (a DNS label, as Kubernetes names it) or `ingress`. */
export function isWorkloadName(scope: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(scope);
}

/**
 * Parses `[workload:]metric op limit` in the load thresholds' grammar: `foo:cpu_max<500m`,
 * `memory_max<64Mi`, `restarts==0`. CPU in millicores (`500m`) or cores (`0.5`, `2cores`); memory in
 * Ki/Mi/Gi (binary) or k/M/G (decimal), as Kubernetes writes them.
 */
export function parseResourceThreshold(expression: string): ResourceThreshold {
  const text = expression.trim();
  const shape = parseThresholdShape(text);
  const metrics = RESOURCE_METRICS.join(', ');
  if (!shape) throw new ResourceThresholdSyntaxError(text, `write e.g. foo:cpu_max<500m with a metric of ${metrics}`);
  if (shape.regression)
    throw new ResourceThresholdSyntaxError(
      text,
      'is a regression threshold, compared with a baseline run by @prload/report, not a resource threshold',
    );
  if (!(RESOURCE_METRICS as readonly string[]).includes(shape.metric))
    throw new ResourceThresholdSyntaxError(text, `unknown resource metric "${shape.metric}"; use ${metrics}`);
  const metric = shape.metric as ResourceMetric;
  if (shape.scope !== undefined && !isWorkloadName(shape.scope))
    throw new ResourceThresholdSyntaxError(
      text,
      `"${shape.scope}" before ':' must be an app name or "ingress" (lower-case letters, digits, '-')`,
    );
  const unit = UNIT_OF[metric];
  const m = NUMBER.exec(shape.limit);
  if (!m?.groups) throw new ResourceThresholdSyntaxError(text, `limit "${shape.limit}" is not a non-negative number`);
  const value = Number(m.groups['number']);
  const written = m.groups['unit']!;
  let scale: number | undefined;
  if (unit === 'm') scale = CPU_UNITS[written];
  else if (unit === 'MiB') scale = MEMORY_UNITS[written];
  else scale = written === '' ? 1 : undefined;
  if (unit === 'MiB' && written === '')
    throw new ResourceThresholdSyntaxError(text, `limit "${shape.limit}" needs a unit: Mi, Gi…`);
  if (scale === undefined) {
    const hint =
      unit === 'm' ? 'm (millicores) or cores' : unit === 'MiB' ? 'Ki, Mi, Gi (or k, M, G)' : 'no unit: a count';
    throw new ResourceThresholdSyntaxError(text, `unknown unit "${written}" for ${metric}; use ${hint}`);
  }
  if (unit === 'count' && !Number.isInteger(value))
    throw new ResourceThresholdSyntaxError(text, `${metric} counts events; the limit must be a whole number`);
  return {
    expression: text,
    ...(shape.scope === undefined ? {} : { workload: shape.scope }),
    metric,
    op: shape.op,
    limit: value * scale,
    unit,
  };
}

function figureOf(workload: WorkloadUsage, metric: ResourceMetric): number {
  switch (metric) {
    case 'cpu_mean':
      return workload.summary.cpuMeanMillicores;
    case 'cpu_p95':
      return workload.summary.cpuP95Millicores;
    case 'cpu_max':
      return workload.summary.cpuMaxMillicores;
    case 'memory_max':
      return workload.summary.memoryMaxMiB;
    case 'restarts':
      return workload.restarts;
    case 'oom_kills':
      return workload.oomKills;
  }
}

/**
 * Checks resource thresholds against measured usage. When usage is unavailable, a threshold
 * cannot pass: it fails with actual NaN, so an unmeasured run never gates green by accident.
 */
export function evaluateResourceThresholds(
  usage: ResourceUsage | undefined,
  thresholds: readonly (ResourceThreshold | string)[],
): ResourceThresholdResult[] {
  return thresholds.map((t) => {
    const threshold = typeof t === 'string' ? parseResourceThreshold(t) : t;
    let actual = Number.NaN;
    if (usage && usage.unavailable === undefined) {
      if (threshold.workload !== undefined) {
        const workload = usage.workloads.find((w) => w.name === threshold.workload);
        if (!workload)
          throw new ResourceThresholdEvaluationError(
            threshold.expression,
            `no workload "${threshold.workload}" was measured (workloads: ${usage.workloads.map((w) => w.name).join(', ') || 'none'})`,
          );
        actual = figureOf(workload, threshold.metric);
      } else if (usage.workloads.length > 0) {
        const values = usage.workloads.map((w) => figureOf(w, threshold.metric));
        actual = threshold.unit === 'count' ? values.reduce((sum, v) => sum + v, 0) : Math.max(...values);
      }
    }
    return {
      ...threshold,
      actual,
      passed: Number.isFinite(actual) && meetsThreshold(actual, threshold.op, threshold.limit),
    };
  });
}
