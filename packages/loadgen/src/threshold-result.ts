import type { ThresholdShape } from './thresholds.js';

/**
 * One evaluated threshold of any kind: load (`p95<200ms`), resource (`foo:cpu_max<500m`) or
 * regression (`p95 regression > 10%`). The row a report lists and its verdict reads; every
 * evaluator's result is one.
 */
export interface ThresholdResult {
  /** As written, trimmed; external text, escape before display. */
  readonly expression: string;
  /** Load and regression thresholds scoped to one host. */
  readonly host?: string;
  /** Resource thresholds, and regression thresholds on a resource metric: the workload (`foo`, `ingress`); `host` is then absent. */
  readonly workload?: string;
  /** E.g. `p95`, `error_rate`, `cpu_max`, or `p95 regression`. */
  readonly metric: string;
  readonly op: ThresholdShape['op'];
  /** In `unit`. */
  readonly limit: number;
  /** Measured, in `unit`; NaN when it could not be measured. */
  readonly actual: number;
  /** `ms`, `%`, `req/s`, or for resource thresholds `m` (millicores), `MiB`, `count`; absent for regression thresholds (percent). */
  readonly unit?: string;
  readonly passed: boolean;
}
