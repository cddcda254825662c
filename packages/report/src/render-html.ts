import type { HostStats, ShardSummary, ThresholdResult } from '@prload/loadgen';
import type { BaselineComparison } from './compare-baseline.js';
import { escapeHtml, jsonForScript } from './escape.js';
import {
  formatConnections,
  formatCount,
  formatDuration,
  formatMs,
  formatRate,
  formatRatio,
  formatSignedPercent,
  formatThresholdValue,
  hostsInOrder,
  RESULTS_HEADERS,
  statsCells,
  thresholdScope,
} from './format.js';
import { histogramBuckets, percentileDistribution } from './histogram.js';
import { HTML_CHART_SCRIPT } from './html-chart-script.js';
import { htmlTable as table } from './html-table.js';
import { bucketTimeSeries } from './mermaid.js';
import {
  resourceChartData,
  resourceComparisonHtmlNote,
  resourceComparisonHtmlRows,
  resourcesHtml,
  type WorkloadChartData,
} from './resources-html.js';
import type { RunReport } from './run-report.js';
import { SHARD_HEADERS, shardCells, shardsVerdict } from './shard-cells.js';
import { VERDICT_TEXT } from './verdict-text.js';

export interface RenderHtmlOptions {
  /** A comparison to show; defaults to `report.regressions.comparison`. */
  readonly baseline?: BaselineComparison;
}

// No network: the page must open from a CI artifact on an offline laptop, and
// hostile text in it must not be able to load anything either.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** A single self-contained HTML file: tables plus interactive SVG charts drawn by inline script. */
export function renderHtml(report: RunReport, options: RenderHtmlOptions = {}): string {
  const { emoji, label } = VERDICT_TEXT[report.verdict];
  const comparison = options.baseline ?? report.regressions?.comparison;
  const data = chartData(report);
  const title = `${report.reportId === 'prload' ? 'prload' : `prload ${report.reportId}`}: ${label}`;
  const body = [
    `<header class="verdict ${escapeHtml(report.verdict)}"><h1>${emoji} ${escapeHtml(title)}</h1>${headline(report)}</header>`,
    resultsTable(report),
    // Spread, not an empty string, so a report without shards keeps its exact markup.
    ...(report.shards && report.shards.length > 0 ? [shardsTable(report.shards)] : []),
    thresholdTable('Thresholds', report.thresholds),
    comparison ? comparisonTable(comparison) : '',
    comparison ? thresholdTable('Regression thresholds', report.regressions?.thresholds ?? []) : '',
    // Spread, not an empty string, so a report without resources keeps its exact markup.
    ...(report.resources ? [resourcesHtml(report.resources)] : []),
    charts(data),
    selfCheck(report),
    errors(report),
    settings(report),
    diagnostics(report),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script type="application/json" id="prload-data">${jsonForScript(data)}</script>
<script>${HTML_CHART_SCRIPT}</script>
</body>
</html>
`;
}

interface ChartData {
  timeSeries?: { seconds: number[]; p50: number[]; p99: number[]; rate: number[]; errors: number[]; target?: number[] };
  distribution: { name: string; points: [number, number][] }[];
  distributionError?: string;
  /** Per workload, in the order of the resource table; absent without resource figures. */
  resources?: WorkloadChartData[];
}

function chartData(report: RunReport): ChartData {
  const data: ChartData = { distribution: [] };
  const series = report.timeSeries ?? [];
  if (series.length > 0) {
    const b = bucketTimeSeries(series, 600);
    const st = report.settings;
    data.timeSeries = {
      seconds: b.seconds,
      p50: b.p50,
      p99: b.p99,
      rate: b.rate,
      errors: b.errorRate,
      ...(st && st.rate > 0
        ? {
            target: b.seconds.map((s) => {
              const fraction = st.durationMs > 0 ? Math.min(1, (s * 1000) / st.durationMs) : 0;
              return st.rate + ((st.rampTo ?? st.rate) - st.rate) * fraction;
            }),
          }
        : {}),
    };
  }
  const histograms = report.histograms;
  try {
    if (histograms?.latency) data.distribution.push(distribution('all hosts', histograms.latency));
    for (const [host, h] of Object.entries(histograms?.perHost ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      data.distribution.push(distribution(host, h.latency));
    }
  } catch (error) {
    data.distribution = [];
    data.distributionError = (error as Error).message;
  }
  const resources = resourceChartData(report.resources);
  if (resources.length > 0) data.resources = resources;
  return data;
}

function distribution(name: string, encoded: string): { name: string; points: [number, number][] } {
  const points = percentileDistribution(histogramBuckets(encoded, `histograms of ${name}`));
  return { name, points: points.map((p) => [round(p.percentile, 5), round(p.valueMs, 3)]) };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function headline(report: RunReport): string {
  const parts: string[] = [];
  if (report.failure) {
    parts.push(
      `<p class="failure">Stage <b>${escapeHtml(report.failure.stage)}</b> failed: ${escapeHtml(report.failure.message)}</p>`,
    );
  }
  if (report.verdict === 'interrupted') {
    const measured = report.measuredMs !== undefined ? ` after ${formatDuration(report.measuredMs)} of load` : '';
    parts.push(
      `<p>The run was stopped before it finished${escapeHtml(measured)}: the figures below are what it gathered, not a verdict on the change.</p>`,
    );
  }
  if (report.verdict === 'invalid') {
    parts.push(
      `<p>The load numbers cannot be trusted: ${escapeHtml(report.invalidReason ?? 'the generator fell behind')}</p>`,
    );
  }
  if (report.noLoadReason) parts.push(`<p>No load was run: ${escapeHtml(report.noLoadReason)}.</p>`);
  const s = report.summary;
  if (s) {
    parts.push(
      `<p class="facts"><b>${formatCount(s.requests)}</b> requests · <b>${escapeHtml(formatRate(s.rate))}</b> achieved of ${escapeHtml(formatRate(s.targetRate))} · p95 <b>${escapeHtml(formatMs(s.latency.p95))}</b> · errors <b>${escapeHtml(formatRatio(s.errorRate))}</b></p>`,
    );
  }
  const git = report.run.git;
  const where = [
    `run ${report.run.runId} on ${report.run.provider}`,
    git?.repository ?? '',
    git?.pr !== undefined ? `PR #${git.pr}` : '',
    git?.ref ?? '',
    git?.sha ? git.sha.slice(0, 12) : '',
    report.run.startedAt,
  ].filter(Boolean);
  parts.push(`<p class="where">${escapeHtml(where.join(' · '))}</p>`);
  return parts.join('');
}

function statsRow(name: string, s: HostStats): string[] {
  return [name, ...statsCells(s, 8)].map((c) => escapeHtml(c));
}

function resultsTable(report: RunReport): string {
  if (!report.summary) return '';
  const rows = hostsInOrder(report.hosts).map(([host, s]) => statsRow(host, s));
  const total = statsRow('all hosts', report.summary);
  total[0] = '<b>all hosts</b>';
  rows.push(total);
  return `<section><h2>Results</h2>${table(RESULTS_HEADERS, rows, 'numbers')}</section>`;
}

function shardsTable(shards: readonly ShardSummary[]): string {
  const rows = shards.map((s) => {
    const cells = shardCells(s).map((c) => escapeHtml(c));
    cells[cells.length - 1] = s.valid
      ? '<span class="ok">✅ valid</span>'
      : `<span class="bad">❌ invalid</span>: ${escapeHtml(s.invalidReason ?? 'no reason given')}`;
    return cells;
  });
  return `<section id="shards"><h2>Shards: ${escapeHtml(shardsVerdict(shards))}</h2>${table(SHARD_HEADERS, rows, 'shards')}</section>`;
}

function thresholdTable(title: string, thresholds: readonly ThresholdResult[]): string {
  if (thresholds.length === 0) return '';
  const rows = thresholds.map((t) => [
    t.passed ? '<span class="ok">✅ passed</span>' : '<span class="bad">❌ breached</span>',
    `<code>${escapeHtml(t.expression)}</code>`,
    escapeHtml(thresholdScope(t)),
    escapeHtml(formatThresholdValue(t.metric, t.actual, 'actual', t.unit)),
    escapeHtml(`${t.op} ${formatThresholdValue(t.metric, t.limit, 'limit', t.unit)}`),
  ]);
  return `<section><h2>${escapeHtml(title)}</h2>${table(['', 'Threshold', 'Host', 'Actual', 'Limit'], rows)}</section>`;
}

function comparisonTable(comparison: BaselineComparison): string {
  const scopes = [...comparison.hosts, ...(comparison.summary ? [comparison.summary] : [])];
  const rows = scopes.flatMap((scope) =>
    scope.metrics.map((m) => [
      escapeHtml(scope.host === '*' ? 'all hosts' : scope.host),
      escapeHtml(m.metric),
      escapeHtml(`${m.baseline} ${m.unit}`),
      escapeHtml(`${m.current} ${m.unit}`),
      escapeHtml(m.metric === 'errorRate' ? `${m.changePct} pp` : formatSignedPercent(m.changePct)),
      escapeHtml(m.ci ? `${m.ci.low} … ${m.ci.high}` : '–'),
      m.regression
        ? '<span class="bad">🔺 regression</span>'
        : m.improvement
          ? '<span class="ok">🟢 improvement</span>'
          : 'within noise',
    ]),
  );
  if (comparison.resources) rows.push(...resourceComparisonHtmlRows(comparison.resources));
  const against = comparison.baselineRunId ? ` (run ${escapeHtml(comparison.baselineRunId)})` : '';
  const note = `<p class="note">Regression: worse by more than ${escapeHtml(comparison.tolerance)}% (error rate ${escapeHtml(comparison.errorRateTolerance)} pp)${comparison.iterations > 0 ? ` and the ${escapeHtml(Math.round(comparison.confidence * 100))}% bootstrap interval (${escapeHtml(comparison.iterations)} resamples) excludes no change` : ''}.</p>`;
  const resourceNote = comparison.resources
    ? resourceComparisonHtmlNote(comparison.resources, comparison.tolerance)
    : '';
  return `<section><h2>Compared with baseline${against}</h2>${note}${resourceNote}${table(['Host', 'Metric', 'Baseline', 'Current', 'Change', 'Interval (worse +)', 'Call'], rows)}</section>`;
}

function charts(data: ChartData): string {
  const parts: string[] = [];
  if (data.timeSeries) {
    parts.push(
      '<figure id="chart-latency" class="figure"><figcaption>Latency percentiles over time (ms)</figcaption></figure>',
    );
    parts.push(
      '<figure id="chart-rate" class="figure"><figcaption>Rate over time (requests per second)</figcaption></figure>',
    );
  }
  if (data.distribution.length > 0) {
    parts.push(
      '<figure id="chart-distribution" class="figure"><figcaption>Latency distribution by percentile (ms)</figcaption></figure>',
    );
  } else if (data.distributionError) {
    parts.push(`<p class="note">No latency distribution: ${escapeHtml(data.distributionError)}</p>`);
  }
  if (parts.length === 0) return '';
  return `<section><h2>Charts</h2><p class="note">Hover a chart for values; click a legend entry to hide or show a series.</p>${parts.join('\n')}</section>`;
}

function selfCheck(report: RunReport): string {
  const c = report.selfCheck;
  if (!c) return '';
  const rows = [
    ['Send lag (scheduled → sent)', c.sendLag],
    ['Event-loop delay', c.eventLoopDelay],
  ].map(([name, lag]) => {
    const l = lag as { p50: number; p99: number; max: number };
    return [
      escapeHtml(name as string),
      escapeHtml(formatMs(l.p50)),
      escapeHtml(formatMs(l.p99)),
      escapeHtml(formatMs(l.max)),
    ];
  });
  const s = report.summary;
  const facts = `max queue depth ${formatCount(c.maxQueueDepth)}${s ? ` · dropped ${formatCount(s.dropped)} · late ${formatCount(s.late)}` : ''}`;
  return `<section><h2>Generator self-check: ${report.valid === false ? 'fell behind' : 'kept up'}</h2>${table(['', 'p50', 'p99', 'max'], rows)}<p>${escapeHtml(facts)}</p></section>`;
}

function errors(report: RunReport): string {
  const hosts = Object.entries(report.hosts ?? {}).filter(([, s]) => s.errors > 0 || s.errorMessages.length > 0);
  if (hosts.length === 0) return '';
  const items = hosts.map(([host, s]) => {
    const kinds = Object.entries(s.errorKinds)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([k, n]) => `${k} ×${formatCount(n)}`)
      .join(', ');
    const messages = s.errorMessages
      .slice(0, 20)
      .map((m) => `<li><code>${escapeHtml(m.slice(0, 1000))}</code></li>`)
      .join('');
    return `<h3>${escapeHtml(host)}</h3><p>${escapeHtml(kinds)}</p><ul>${messages}</ul>`;
  });
  return `<section><details><summary>Errors</summary>${items.join('')}</details></section>`;
}

function settings(report: RunReport): string {
  const rows: string[][] = [];
  const st = report.settings;
  const add = (name: string, value: string) => rows.push([escapeHtml(name), escapeHtml(value)]);
  if (st) {
    add('Model', `${st.model}, ${st.arrivals} arrivals`);
    add('Rate', st.rampTo !== undefined ? `${formatRate(st.rate)} → ${formatRate(st.rampTo)}` : formatRate(st.rate));
    add('Duration', `${formatDuration(st.durationMs)} (+ ${formatDuration(st.warmupMs)} warm-up)`);
    add('Connections', formatConnections(st));
    add('Timeout', formatDuration(st.timeoutMs));
    add('When behind', st.behindPolicy);
    add('Address', st.address);
  }
  if (report.seed !== undefined) add('Seed', String(report.seed));
  for (const [name, version] of Object.entries(report.run.versions).sort(([a], [b]) => a.localeCompare(b))) {
    add(`Version: ${name}`, version);
  }
  const parts = [table(['Setting', 'Value'], rows)];
  if (st && st.targets.length > 0) {
    const total = st.targets.reduce((sum, t) => sum + t.weight, 0) || 1;
    const mix = st.targets.map((t) =>
      [
        t.host,
        t.method,
        t.path,
        `${((t.weight / total) * 100).toFixed(1)}%`,
        String(t.expectStatus),
        t.expectBody ?? '–',
      ].map((c) => escapeHtml(c)),
    );
    parts.push(table(['Host', 'Method', 'Path', 'Share', 'Expect status', 'Expect body'], mix));
  }
  if (report.stages.length > 0) {
    const stages = report.stages.map((s) =>
      [s.ok ? '✅' : '❌', s.name, formatDuration(s.durationMs), s.error ?? ''].map((c) => escapeHtml(c)),
    );
    parts.push(table(['', 'Stage', 'Duration', 'Error'], stages));
  }
  return `<section><details><summary>Run settings, host mix, versions and stages</summary>${parts.join('')}</details></section>`;
}

function diagnostics(report: RunReport): string {
  if (!report.failure?.diagnostics) return '';
  return `<section><details open><summary>Diagnostics</summary><pre>${escapeHtml(report.failure.diagnostics)}</pre></details></section>`;
}

const STYLE = `
:root { color-scheme: light; --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; background: #f8fafc; }
main { max-width: 1100px; margin: 0 auto; padding: 20px; }
header.verdict { border-left: 6px solid #16a34a; background: #fff; padding: 10px 16px; margin-bottom: 16px; }
header.thresholds-breached { border-color: #dc2626; } header.invalid { border-color: #ca8a04; } header.infrastructure-failure { border-color: #7c2d12; } header.interrupted { border-color: #64748b; }
h1 { font-size: 20px; margin: 4px 0; } h2 { font-size: 16px; margin: 20px 0 8px; }
.where, .note { color: var(--muted); font-size: 12px; }
section { background: #fff; padding: 4px 16px 12px; margin-bottom: 12px; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.numbers td:not(:first-child):not(:last-child) { text-align: right; font-variant-numeric: tabular-nums; }
table.shards td:nth-child(n+3):not(:last-child) { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #15803d; } .bad { color: #b91c1c; font-weight: 600; }
code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; white-space: pre-wrap; }
figure { margin: 12px 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
.plot { position: relative; }
svg.chart { width: 100%; height: auto; display: block; }
.grid line { stroke: #e2e8f0; } .grid text { fill: var(--muted); font-size: 11px; }
.axis-label { fill: var(--muted); font-size: 12px; }
.frame { fill: none; stroke: #cbd5e1; }
path.series { fill: none; stroke-width: 2; stroke-linejoin: round; }
.cursor { stroke: #94a3b8; stroke-dasharray: 3 3; }
.tooltip { position: absolute; pointer-events: none; background: rgba(15, 23, 42, .92); color: #fff; padding: 6px 8px; border-radius: 4px; font-size: 12px; min-width: 120px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.toggle { border: 1px solid var(--line); background: #fff; border-radius: 12px; padding: 2px 10px; cursor: pointer; font: inherit; }
.toggle[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
.warnings { margin: 6px 0; padding-left: 20px; } .generator { margin: 6px 0; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
`;
