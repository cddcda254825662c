import {
  attachRegressions,
  compareToBaseline,
  evaluateRegressionThresholds,
  type RunReport,
  readRunReport,
} from '@prload/report';
import type { CliIo } from '../io.js';

/**
 * Compares the run with a baseline run and evaluates the regression
 * thresholds. A missing baseline (the first run on a repository, an expired
 * artifact) is a warning, not a failure: there is nothing to regress from.
 */
export async function compareWithBaseline(
  report: RunReport,
  baselinePath: string,
  regressionThresholds: readonly string[],
  io: CliIo,
): Promise<RunReport> {
  let baseline: RunReport;
  try {
    baseline = await readRunReport(baselinePath);
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'REPORT_READ' ||
      (error as { cause?: { code?: string } }).cause?.code === 'ENOENT'
    ) {
      io.stderr(`prload: baseline ${baselinePath} not found; skipping the comparison`);
      return report;
    }
    throw error;
  }
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
