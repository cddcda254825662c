import type { ResourceComparison } from './compare-resources.js';
import { deltaCell, formatChange } from './delta-cell.js';
import { escapeMarkdown } from './escape.js';
import { type Cell, markdownTable } from './markdown-table.js';
import {
  baselineToCurrent,
  formatResourceFigure,
  NO_INTERVAL,
  resourceDeltaNote,
  resourceMetricLabel,
  workloadScopeLabel,
} from './resource-delta-cells.js';

/**
 * The markdown table of CPU per request and memory per workload against the baseline; empty when no
 * workload is in both runs. A regression in CPU per request is marked like a latency regression.
 */
export function resourceComparisonSection(comparison: ResourceComparison, tolerance: number): string {
  const parts: string[] = [];
  if (comparison.workloads.length > 0) {
    const rows: Cell[][] = comparison.workloads.map((w) => {
      const cpu = w.metrics.find((m) => m.metric === 'cpu_per_request');
      const memory = w.metrics.find((m) => m.metric === 'memory_max');
      return [w.workload, baselineToCurrent(cpu), deltaCell(cpu), baselineToCurrent(memory), deltaCell(memory)];
    });
    parts.push(
      markdownTable(['Workload', 'CPU per 1k requests', 'Change', 'Memory max', 'Change'], rows, 'lrrrr'),
      `<sub>${escapeMarkdown(resourceDeltaNote(tolerance))}</sub>`,
    );
  }
  if (comparison.missingWorkloads.length > 0) {
    parts.push(
      `Workloads in the baseline but not in this run: ${comparison.missingWorkloads.map((w) => escapeMarkdown(w)).join(', ')}`,
    );
  }
  if (comparison.newWorkloads.length > 0) {
    parts.push(`New workloads (no baseline): ${comparison.newWorkloads.map((w) => escapeMarkdown(w)).join(', ')}`);
  }
  return parts.join('\n\n');
}

/** Rows for the "All compared metrics" table (Host, Metric, Baseline, Current, Change, Interval, Call). */
export function resourceComparisonDetailRows(comparison: ResourceComparison): string[][] {
  return comparison.workloads.flatMap((w) =>
    w.metrics.map((m) => [
      workloadScopeLabel(w),
      resourceMetricLabel(m),
      formatResourceFigure(m.baseline, m.unit),
      formatResourceFigure(m.current, m.unit),
      formatChange(m),
      NO_INTERVAL,
      m.regression ? 'regression' : m.improvement ? 'improvement' : 'within tolerance',
    ]),
  );
}
