import type { PodUsage, ResourcePoint, ResourceUsage, WorkloadUsage } from '@prload/resources';
import { bucketSeries } from './bucket-series.js';
import type { ResourceComparison } from './compare-resources.js';
import { formatChange } from './delta-cell.js';
import { escapeHtml } from './escape.js';
import { htmlTable } from './html-table.js';
import {
  generatorBusy,
  generatorLine,
  loadStage,
  POD_HEADERS,
  podCells,
  resourcesNote,
  WORKLOAD_HEADERS,
  workloadCells,
  workloadLabel,
} from './resource-cells.js';
import {
  formatResourceFigure,
  NO_INTERVAL,
  resourceDeltaNote,
  resourceMetricLabel,
  workloadScopeLabel,
} from './resource-delta-cells.js';
import { workloadsInOrder } from './workloads-in-order.js';

/** One line of a resource chart: the workload's sum or one pod, as `[second, value]` points. */
export interface ResourceChartSeries {
  readonly name: string;
  readonly points: [number, number][];
}

/** The chart data of one workload, drawn as `#chart-cpu-<i>` and `#chart-memory-<i>`. */
export interface WorkloadChartData {
  readonly name: string;
  readonly cpu: ResourceChartSeries[];
  readonly memory: ResourceChartSeries[];
}

// Enough points for a smooth interactive chart of a long run, few enough to keep the file small.
const MAX_CHART_POINTS = 600;

/** CPU and memory over the load stage per workload: all pods summed, then each pod. */
export function resourceChartData(resources: ResourceUsage | undefined): WorkloadChartData[] {
  if (!resources || resources.unavailable !== undefined) return [];
  return workloadsInOrder(resources).map((w) => {
    const lines: { name: string; series: readonly ResourcePoint[] }[] = [
      { name: 'all pods', series: w.series },
      ...w.pods.map((p: PodUsage) => ({ name: p.name, series: p.series })),
    ];
    const bucketed = lines.map((line) => ({
      name: line.name,
      b: bucketSeries(
        loadStage(line.series),
        {
          cpu: { pick: (p) => p.cpuMillicores, aggregate: 'mean' },
          memory: { pick: (p) => p.memoryMiB, aggregate: 'max' },
        },
        MAX_CHART_POINTS,
      ),
    }));
    const points = (seconds: number[], values: number[]) =>
      seconds.map((s, i): [number, number] => [s, Math.round(values[i]! * 100) / 100]);
    return {
      name: workloadLabel(w),
      cpu: bucketed.map(({ name, b }) => ({ name, points: points(b.seconds, b.cpu) })),
      memory: bucketed.map(({ name, b }) => ({ name, points: points(b.seconds, b.memory) })),
    };
  });
}

/** The HTML "Resource usage" section: the workload table, warnings, the generator, pods and charts. */
export function resourcesHtml(resources: ResourceUsage | undefined): string {
  if (!resources) return '';
  const parts: string[] = [];
  const workloads = resources.unavailable === undefined ? workloadsInOrder(resources) : [];
  if (resources.unavailable !== undefined) {
    parts.push(`<p class="bad">Resource usage unavailable: ${escapeHtml(resources.unavailable)}</p>`);
  } else if (workloads.length > 0) {
    parts.push(
      `<p class="note">${escapeHtml(resourcesNote(resources))}</p>`,
      htmlTable(
        WORKLOAD_HEADERS,
        workloads.map((w) => workloadCells(w).map((c) => escapeHtml(c))),
        'numbers resources',
      ),
    );
  }
  if (resources.warnings.length > 0) {
    const items = resources.warnings.map((w) => `<li>⚠️ ${escapeHtml(w)}</li>`).join('');
    parts.push(`<ul class="warnings">${items}</ul>`);
  }
  if (resources.generator) {
    const busy = generatorBusy(resources.generator);
    parts.push(`<p class="generator${busy ? ' bad' : ''}">${escapeHtml(generatorLine(resources.generator))}</p>`);
  }
  parts.push(...workloads.map(podsDetails).filter((p) => p !== ''));
  parts.push(...workloads.map(figures));
  if (parts.length === 0) return '';
  return `<section id="resources"><h2>Resource usage</h2>${parts.join('\n')}</section>`;
}

function podsDetails(w: WorkloadUsage): string {
  if (w.pods.length === 0) return '';
  const rows = w.pods.map((p) => podCells(p).map((c) => escapeHtml(c)));
  return `<details class="pods"><summary>Pods of ${escapeHtml(workloadLabel(w))} (${w.pods.length})</summary>${htmlTable(POD_HEADERS, rows, 'numbers')}</details>`;
}

// Ids carry the index, never the name: a name is external text.
function figures(w: WorkloadUsage, i: number): string {
  const name = escapeHtml(workloadLabel(w));
  return [
    `<figure id="chart-cpu-${i}" class="figure"><figcaption>CPU over time: ${name} (millicores)</figcaption></figure>`,
    `<figure id="chart-memory-${i}" class="figure"><figcaption>Memory over time: ${name} (MiB)</figcaption></figure>`,
  ].join('\n');
}

/** Rows of the baseline table (Host, Metric, Baseline, Current, Change, Interval, Call) for the workloads. */
export function resourceComparisonHtmlRows(comparison: ResourceComparison): string[][] {
  return comparison.workloads.flatMap((w) =>
    w.metrics.map((m) => [
      escapeHtml(workloadScopeLabel(w)),
      escapeHtml(resourceMetricLabel(m)),
      escapeHtml(formatResourceFigure(m.baseline, m.unit)),
      escapeHtml(formatResourceFigure(m.current, m.unit)),
      escapeHtml(formatChange(m)),
      escapeHtml(NO_INTERVAL),
      m.regression
        ? '<span class="bad">🔺 regression</span>'
        : m.improvement
          ? '<span class="ok">🟢 improvement</span>'
          : 'within tolerance',
    ]),
  );
}

/** The note under the baseline table when workloads were compared. */
export function resourceComparisonHtmlNote(comparison: ResourceComparison, tolerance: number): string {
  const parts: string[] = [];
  if (comparison.workloads.length > 0) parts.push(escapeHtml(resourceDeltaNote(tolerance)));
  if (comparison.missingWorkloads.length > 0) {
    parts.push(`Workloads in the baseline but not in this run: ${escapeHtml(comparison.missingWorkloads.join(', '))}`);
  }
  if (comparison.newWorkloads.length > 0) {
    parts.push(`New workloads (no baseline): ${escapeHtml(comparison.newWorkloads.join(', '))}`);
  }
  return parts.map((p) => `<p class="note">${p}</p>`).join('');
}
