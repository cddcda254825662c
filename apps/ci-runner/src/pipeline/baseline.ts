import {
  attachRegressions,
  compareToBaseline,
  evaluateRegressionThresholds,
  type RegressionThreshold,
  type RunReport,
  readRunReport,
} from '@prload/report';
import { ConfigError } from '../errors.js';
import type { CliIo } from '../io.js';

/**
 * Reads the baseline before anything is created. A missing file (the first run on a repository, an
 * expired artifact) is a warning: there is nothing to regress from. A file that exists but cannot be
 * read, is not JSON or is not a prload report is bad input, said now rather than after the run.
 */
export async function loadBaseline(baselinePath: string | undefined, io: CliIo): Promise<RunReport | undefined> {
  if (baselinePath === undefined) return undefined;
  try {
    return await readRunReport(baselinePath);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ENOENT') {
      io.stderr(`prload: baseline ${baselinePath} not found; skipping the comparison`);
      return undefined;
    }
    throw new ConfigError([`--baseline: ${error instanceof Error ? error.message : String(error)}`], undefined, {
      cause: error,
    });
  }
}

/** Compares the run with a baseline run and evaluates the regression thresholds. */
export function compareWithBaseline(
  report: RunReport,
  baseline: RunReport,
  regressionThresholds: readonly (string | RegressionThreshold)[],
  io: CliIo,
): RunReport {
  const comparison = compareToBaseline(report, baseline);
  const thresholds = evaluateRegressionThresholds(comparison, regressionThresholds);
  const change = (pct: number) => `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
  const regressions = [
    ...comparison.hosts.flatMap((host) =>
      host.metrics.filter((m) => m.regression).map((m) => `${host.host} ${m.metric} ${change(m.changePct)}`),
    ),
    ...(comparison.resources?.workloads ?? []).flatMap((workload) =>
      workload.metrics
        .filter((m) => m.regression)
        .map((m) => `${workload.workload} ${m.metric} ${change(m.changePct)}`),
    ),
  ];
  io.stderr(
    `baseline: ${regressions.length === 0 ? 'no regression outside noise' : `regressions: ${regressions.join(', ')}`}`,
  );
  return attachRegressions(report, { comparison, thresholds });
}
