import type { ThresholdResult } from '@prload/loadgen';

export type Verdict = 'passed' | 'thresholds-breached' | 'invalid' | 'infrastructure-failure' | 'interrupted';

export const VERDICTS: readonly Verdict[] = [
  'passed',
  'thresholds-breached',
  'invalid',
  'infrastructure-failure',
  'interrupted',
];

interface VerdictInput {
  /** Stopped by SIGINT/SIGTERM or a CI cancel. */
  readonly interrupted?: boolean;
  /** The load stage stopped before its duration (the load result's own flag). */
  readonly aborted?: boolean;
  readonly failure?: unknown;
  readonly stages: readonly { readonly ok: boolean }[];
  readonly valid?: boolean;
  readonly thresholds: readonly ThresholdResult[];
  readonly regressions?: { readonly thresholds: readonly ThresholdResult[] };
}

/**
 * Worst outcome wins: an interrupted run answered nothing (a partial load is not a pass, and the
 * failure an interruption causes is not the infrastructure's); numbers from a broken cluster or a
 * saturated generator say nothing about the code under test, so they must not read as a breach.
 */
export function computeVerdict(input: VerdictInput): Verdict {
  if (input.interrupted === true || input.aborted === true) return 'interrupted';
  if (input.failure !== undefined || input.stages.some((s) => !s.ok)) return 'infrastructure-failure';
  if (input.valid === false) return 'invalid';
  const all = [...input.thresholds, ...(input.regressions?.thresholds ?? [])];
  if (all.some((t) => !t.passed)) return 'thresholds-breached';
  return 'passed';
}
