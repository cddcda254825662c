import type { ConfidenceInterval } from './compare-baseline.js';

/**
 * The call on one compared figure: a regression when it is worse than the tolerance and, where an
 * interval exists, the interval lies entirely above zero; an improvement likewise below. Without an
 * interval (one figure per run) the tolerance alone decides.
 */
export function classifyChange(
  regressionPct: number,
  tolerance: number,
  ci?: ConfidenceInterval,
): { readonly regression: boolean; readonly improvement: boolean } {
  return {
    regression: regressionPct > tolerance && (ci === undefined || ci.low > 0),
    improvement: -regressionPct > tolerance && (ci === undefined || ci.high < 0),
  };
}
