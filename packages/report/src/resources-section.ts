import type { ResourceUsage, WorkloadUsage } from '@prload/resources';
import { bucketSeries } from './bucket-series.js';
import { escapeMarkdown } from './escape.js';
import { detailsBlock, markdownTable } from './markdown-table.js';
import { mermaidXyChart } from './mermaid.js';
import {
  generatorLine,
  loadStage,
  POD_HEADERS,
  podCells,
  resourcesNote,
  WORKLOAD_HEADERS,
  workloadCells,
  workloadLabel,
} from './resource-cells.js';
import { workloadsInOrder } from './workloads-in-order.js';

/**
 * The markdown "Resource usage" section: one compact table of the workloads, warnings and the load
 * generator's line stay; the per-pod tables and the CPU charts are `<details>` that `fitMarkdown` trims first.
 */
export function resourcesSection(resources: ResourceUsage | undefined): string {
  if (!resources) return '';
  const parts = ['#### Resource usage'];
  const workloads = resources.unavailable === undefined ? workloadsInOrder(resources) : [];
  if (resources.unavailable !== undefined) {
    parts.push(`Resource usage unavailable: ${escapeMarkdown(resources.unavailable, 500)}`);
  } else if (workloads.length > 0) {
    parts.push(
      `<sub>${escapeMarkdown(resourcesNote(resources))}</sub>`,
      markdownTable(WORKLOAD_HEADERS, workloads.map(workloadCells), 'lrrrrrrrrrr'),
    );
  }
  if (resources.warnings.length > 0) {
    parts.push(resources.warnings.map((w) => `- ⚠️ ${escapeMarkdown(w, 500)}`).join('\n'));
  }
  if (resources.generator) parts.push(escapeMarkdown(generatorLine(resources.generator), 500));
  for (const w of workloads) {
    if (w.pods.length === 0) continue;
    const summary = `Pods of ${escapeMarkdown(workloadLabel(w))} (${w.pods.length})`;
    parts.push(detailsBlock(summary, markdownTable(POD_HEADERS, w.pods.map(podCells), 'llrrrrrrrr')));
  }
  const charts = workloads.map(cpuChart).filter((c) => c !== '');
  if (charts.length > 0) parts.push(detailsBlock('CPU over time per workload', charts.join('\n\n')));
  return parts.length === 1 ? '' : parts.join('\n\n');
}

function cpuChart(w: WorkloadUsage): string {
  const points = loadStage(w.series);
  if (points.length === 0) return '';
  const b = bucketSeries(points, { cpu: { pick: (p) => p.cpuMillicores, aggregate: 'mean' } });
  return mermaidXyChart({
    title: `CPU over time, ${workloadLabel(w)} (millicores, all pods)`,
    xLabel: 'second',
    x: b.seconds,
    yLabel: 'millicores',
    lines: [b.cpu],
  });
}
