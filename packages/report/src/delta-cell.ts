import type { MetricDelta } from './compare-baseline.js';
import { escapeMarkdown } from './escape.js';
import { formatSignedPercent } from './format.js';
import { type Cell, md } from './markdown-table.js';

/** What a markdown delta cell reads of a compared figure (a host's `MetricDelta` or a workload's `ResourceDelta`). */
export type ShownDelta = Pick<MetricDelta, 'changePct' | 'regression' | 'improvement'> & { readonly metric: string };

/** The change as text: relative percent, or percentage points for the error rate. */
export function formatChange(delta: ShownDelta): string {
  return delta.metric === 'errorRate'
    ? `${delta.changePct > 0 ? '+' : ''}${delta.changePct} pp`
    : formatSignedPercent(delta.changePct);
}

/** A markdown cell: the change, 🔺 for a regression, 🟢 for an improvement, `–` when not compared. */
export function deltaCell(delta: ShownDelta | undefined): Cell {
  if (!delta) return '–';
  const mark = delta.regression ? ' 🔺' : delta.improvement ? ' 🟢' : '';
  return md(`${escapeMarkdown(formatChange(delta))}${mark}`);
}
