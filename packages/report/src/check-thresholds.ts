import { parseThreshold, type Threshold } from '@prload/loadgen';
import {
  checkLoadThreshold,
  checkThresholdHost,
  parseThresholdShape,
  type ThresholdRun,
} from '@prload/loadgen/internal';
import { parseResourceThreshold, type ResourceThreshold, ResourceThresholdEvaluationError } from '@prload/resources';
import { isResourceThreshold } from '@prload/resources/internal';
import { ThresholdCheckError } from './errors.js';
import { isResourceMetric, parseRegressionThreshold, type RegressionThreshold } from './regression-threshold.js';

/** Which evaluator a threshold goes to: the load generator's, the resource sampler's or the baseline comparison's. */
export type ThresholdKind = 'load' | 'resource' | 'regression';

/**
 * Routes an expression by the one grammar (`@prload/loadgen`'s `parseThresholdShape`): the word
 * `regression` makes a regression threshold, a resource metric (`cpu_max`, `restarts`…) a resource
 * threshold, anything else (a malformed expression too, so its message is the load grammar's) a
 * load threshold.
 */
export function thresholdKind(expression: string): ThresholdKind {
  if (parseThresholdShape(expression)?.regression) return 'regression';
  if (isResourceThreshold(expression)) return 'resource';
  return 'load';
}

/** The run the thresholds will gate, as planned before it starts. */
export interface CheckThresholdsOptions extends ThresholdRun {
  /**
   * The workloads whose usage will be sampled (apps and `ingress`): what a resource threshold, or a
   * regression threshold on a resource metric, may name before its `:`.
   * @default any name
   */
  readonly workloads?: readonly string[];
  /**
   * Why no resource usage will be sampled (e.g. `--no-resources`); thresholds on resource figures
   * are then refused with this reason, since they could never be met or breached.
   * @default resource usage is sampled
   */
  readonly noResources?: string;
}

/** Every threshold of a run, parsed and sorted by the evaluator that will judge it. */
export interface CheckedThresholds {
  /** Gates on the run itself (`p95<200ms`), for `@prload/loadgen`'s `evaluateThresholds`. */
  readonly load: readonly Threshold[];
  /** Gates on the change against a baseline (`p95 regression > 10%`), for `evaluateRegressionThresholds`. */
  readonly regression: readonly RegressionThreshold[];
  /** Gates on resource usage (`foo:cpu_max<500m`, `restarts==0`), for `@prload/resources`' `evaluateResourceThresholds`. */
  readonly resource: readonly ResourceThreshold[];
}

/**
 * Parses and checks every threshold of a run before anything is created, so a typo costs a
 * second, not a cluster. One list holds all three kinds; each expression is parsed by its kind's
 * parser and checked against the planned run by the rules its owner states (`checkLoadThreshold`,
 * `checkThresholdHost`). Throws ThresholdCheckError with one line per bad expression.
 */
export function checkThresholds(expressions: readonly string[], run: CheckThresholdsOptions): CheckedThresholds {
  const errors: Error[] = [];
  const load: Threshold[] = [];
  const regression: RegressionThreshold[] = [];
  const resource: ResourceThreshold[] = [];
  for (const expression of expressions) {
    try {
      switch (thresholdKind(expression)) {
        case 'regression': {
          const threshold = parseRegressionThreshold(expression);
          if (isResourceMetric(threshold.metric)) checkWorkload(threshold.expression, threshold.workload, run);
          else checkThresholdHost(threshold.expression, threshold.host, run.hosts);
          regression.push(threshold);
          break;
        }
        case 'resource': {
          const threshold = parseResourceThreshold(expression);
          checkWorkload(threshold.expression, threshold.workload, run);
          resource.push(threshold);
          break;
        }
        case 'load': {
          const threshold = parseThreshold(expression);
          checkLoadThreshold(threshold, run);
          load.push(threshold);
          break;
        }
      }
    } catch (error) {
      // Only bad input is a bad expression; anything else is a bug to surface as it is.
      if ((error as { kind?: unknown }).kind !== 'bad-input') throw error;
      errors.push(error as Error);
    }
  }
  if (errors.length > 0) throw new ThresholdCheckError(errors);
  return { load, regression, resource };
}

/** A threshold on resource figures needs them sampled, for a workload the run has. */
function checkWorkload(expression: string, workload: string | undefined, run: CheckThresholdsOptions): void {
  if (run.noResources !== undefined) throw new ResourceThresholdEvaluationError(expression, run.noResources);
  if (workload !== undefined && run.workloads && !run.workloads.includes(workload)) {
    throw new ResourceThresholdEvaluationError(
      expression,
      `no app or ingress is named "${workload}" (workloads: ${run.workloads.join(', ')})`,
    );
  }
}
