import { ThresholdEvaluationError } from './errors.js';
import type { Threshold } from './thresholds.js';
import type { LoadModel } from './types.js';

/** What a threshold may ask of a run, known before it starts and read again from its result. */
export interface ThresholdRun {
  /** Hosts of the run's load targets. */
  readonly hosts: readonly string[];
  readonly model: LoadModel;
}

/** Refuses a threshold scoped to a host no load target has: load and regression thresholds alike. */
export function checkThresholdHost(expression: string, host: string | undefined, hosts: readonly string[]): void {
  if (host === undefined || hosts.includes(host)) return;
  throw new ThresholdEvaluationError(
    expression,
    `no load target has host "${host}" (hosts: ${hosts.join(', ') || 'none'})`,
  );
}

/**
 * Whether a well-formed load threshold can be evaluated on a run: its host is a load target's, and
 * a relative rate (`rate>=99%`) needs the open model's target rate. The one statement of these rules,
 * checked before a run and again by `evaluateThresholds`; throws ThresholdEvaluationError.
 */
export function checkLoadThreshold(threshold: Threshold, run: ThresholdRun): void {
  checkThresholdHost(threshold.expression, threshold.host, run.hosts);
  if (threshold.metric === 'rate' && threshold.unit === '%' && run.model !== 'open') {
    throw new ThresholdEvaluationError(
      threshold.expression,
      'a closed-model run has no target rate; use an absolute rate such as rate>=500/s',
    );
  }
}
