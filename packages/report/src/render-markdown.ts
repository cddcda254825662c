import type { HostStats, ThresholdResult } from '@prload/loadgen';
import type { BaselineComparison, ComparedMetric } from './compare-baseline.js';
import { deltaCell } from './delta-cell.js';
import { escapeMarkdown, escapePre } from './escape.js';
import { fitMarkdown } from './fit-markdown.js';
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
import { type Cell, detailsBlock, markdownTable, md } from './markdown-table.js';
import { bucketTimeSeries, mermaidXyChart } from './mermaid.js';
import { resourceComparisonDetailRows, resourceComparisonSection } from './resources-comparison-section.js';
import { resourcesSection } from './resources-section.js';
import type { RunReport } from './run-report.js';
import { safeUrl } from './safe-url.js';
import { SHARD_HEADERS, shardCells, shardsVerdict } from './shard-cells.js';
import { VERDICT_TEXT } from './verdict-text.js';

export interface RenderMarkdownOptions {
  /** A comparison to show; defaults to `report.regressions.comparison`. */
  readonly baseline?: BaselineComparison;
  /** Link to the full report (HTML artifact, job summary), shown at the end and when sections are trimmed. */
  readonly fullReportUrl?: string;
  /** Trim `<details>` sections, then the tail, to stay within this many characters. @default unlimited */
  readonly maxLength?: number;
}

/** The report as GitHub-flavoured markdown: verdict first, then tables, charts and collapsed details. */
export function renderMarkdown(report: RunReport, options: RenderMarkdownOptions = {}): string {
  const comparison = options.baseline ?? report.regressions?.comparison;
  const url = safeUrl(options.fullReportUrl);
  const parts = [
    verdictSection(report),
    resultsSection(report),
    shardsSection(report),
    thresholdsSection(report),
    comparison ? baselineSection(comparison, report.regressions?.thresholds ?? []) : '',
    resourcesSection(report.resources),
    chartsSection(report),
    selfCheckSection(report),
    errorsSection(report),
    settingsSection(report),
    failureSection(report),
    url ? `[Full report](${url})` : '',
  ].filter((p) => p !== '');
  const markdown = `${parts.join('\n\n')}\n`;
  return options.maxLength === undefined ? markdown : fitMarkdown(markdown, options.maxLength, options.fullReportUrl);
}

function verdictSection(report: RunReport): string {
  const { emoji, label } = VERDICT_TEXT[report.verdict];
  const name = report.reportId === 'prload' ? 'prload' : `prload ${escapeMarkdown(report.reportId)}`;
  const lines = [`### ${emoji} ${name}: ${label}`];
  const all = [...report.thresholds, ...(report.regressions?.thresholds ?? [])];
  const breached = all.filter((t) => !t.passed).length;
  if (report.verdict === 'interrupted') {
    const measured = report.measuredMs !== undefined ? ` after ${formatDuration(report.measuredMs)} of load` : '';
    lines.push(
      `The run was stopped before it finished${measured}: the figures below are what it gathered, not a verdict on the change.`,
    );
  }
  if (report.verdict === 'thresholds-breached') lines.push(`**${breached} of ${all.length}** thresholds breached.`);
  if (report.verdict === 'invalid') {
    lines.push(
      `The load numbers cannot be trusted: ${escapeMarkdown(report.invalidReason ?? 'the generator fell behind')}.`,
    );
  }
  if (report.failure) {
    lines.push(
      `Stage **${escapeMarkdown(report.failure.stage)}** failed: ${escapeMarkdown(report.failure.message, 1000)}`,
    );
  }
  if (report.noLoadReason) lines.push(`No load was run: ${escapeMarkdown(report.noLoadReason, 500)}.`);
  const s = report.summary;
  if (s) {
    const facts = [
      `**${formatCount(s.requests)}** requests`,
      `**${escapeMarkdown(formatRate(s.rate))}** achieved${s.targetRate > 0 ? ` of ${escapeMarkdown(formatRate(s.targetRate))} target` : ''}`,
      `p95 **${escapeMarkdown(formatMs(s.latency.p95))}**`,
      `errors **${escapeMarkdown(formatRatio(s.errorRate))}**`,
    ];
    if (report.settings) facts.push(escapeMarkdown(formatDuration(report.settings.durationMs)));
    lines.push(facts.join(' · '));
  }
  const git = report.run.git;
  const where = [
    `run ${escapeMarkdown(report.run.runId)} on ${escapeMarkdown(report.run.provider)}`,
    git?.sha ? `commit ${escapeMarkdown(git.sha.slice(0, 12))}` : '',
    git?.ref ? `ref ${escapeMarkdown(git.ref)}` : '',
  ].filter(Boolean);
  lines.push(`<sub>${where.join(' · ')}</sub>`);
  return lines.join('\n\n');
}

function statsRow(name: Cell, s: HostStats): Cell[] {
  return [name, ...statsCells(s)];
}

function resultsSection(report: RunReport): string {
  if (!report.summary) return '';
  const rows = hostsInOrder(report.hosts).map(([host, stats]) => statsRow(host, stats));
  rows.push(statsRow(md('**all hosts**'), report.summary));
  return `#### Results\n\n${markdownTable(RESULTS_HEADERS, rows, 'lrrrrrrrrl')}`;
}

/** Each shard of a distributed run beside the merged figures; open when one of them made the run invalid. */
function shardsSection(report: RunReport): string {
  const shards = report.shards;
  if (!shards || shards.length === 0) return '';
  const table = markdownTable(SHARD_HEADERS, shards.map(shardCells), 'llrrrrrrl');
  return detailsBlock(
    `Shards: ${shardsVerdict(shards)}`,
    table,
    shards.some((s) => !s.valid),
  );
}

function thresholdRows(thresholds: readonly ThresholdResult[]): Cell[][] {
  return thresholds.map((t) => [
    md(t.passed ? '✅' : '❌'),
    t.expression,
    thresholdScope(t),
    formatThresholdValue(t.metric, t.actual, 'actual', t.unit),
    `${t.op} ${formatThresholdValue(t.metric, t.limit, 'limit', t.unit)}`,
  ]);
}

function thresholdsSection(report: RunReport): string {
  if (report.thresholds.length === 0) return '';
  const table = markdownTable(['', 'Threshold', 'Host', 'Actual', 'Limit'], thresholdRows(report.thresholds), 'lllrr');
  return `#### Thresholds\n\n${table}`;
}

const SHOWN_DELTAS: readonly ComparedMetric[] = ['rate', 'p50', 'p95', 'p99', 'errorRate'];

function baselineSection(comparison: BaselineComparison, regressionThresholds: readonly ThresholdResult[]): string {
  const scopes = [...comparison.hosts, ...(comparison.summary ? [comparison.summary] : [])];
  const rows = scopes.map((scope) => [
    scope.host === '*' ? md('**all hosts**') : scope.host,
    ...SHOWN_DELTAS.map((metric) => deltaCell(scope.metrics.find((m) => m.metric === metric))),
  ]);
  const headers = ['Host', 'Rate', 'p50', 'p95', 'p99', 'Error rate'];
  const against = comparison.baselineRunId ? ` (run ${escapeMarkdown(comparison.baselineRunId)})` : '';
  const parts = [
    `#### Compared with baseline${against}`,
    markdownTable(headers, rows, 'lrrrrr'),
    `<sub>🔺 regression, 🟢 improvement: beyond ±${escapeMarkdown(comparison.tolerance)}% (error rate ±${escapeMarkdown(comparison.errorRateTolerance)} pp)${comparison.iterations > 0 ? ` and outside the ${escapeMarkdown(Math.round(comparison.confidence * 100))}% bootstrap interval` : ''}.</sub>`,
  ];
  if (comparison.missingHosts.length > 0) {
    parts.push(
      `Hosts in the baseline but not in this run: ${comparison.missingHosts.map((h) => escapeMarkdown(h)).join(', ')}`,
    );
  }
  if (comparison.newHosts.length > 0) {
    parts.push(`New hosts (no baseline): ${comparison.newHosts.map((h) => escapeMarkdown(h)).join(', ')}`);
  }
  const resources = comparison.resources && resourceComparisonSection(comparison.resources, comparison.tolerance);
  if (resources) parts.push(resources);
  if (regressionThresholds.length > 0) {
    parts.push(
      markdownTable(
        ['', 'Regression threshold', 'Host', 'Change', 'Limit'],
        thresholdRows(regressionThresholds),
        'lllrr',
      ),
    );
  }
  const detailRows = scopes.flatMap((scope) =>
    scope.metrics.map((m) => [
      scope.host === '*' ? 'all hosts' : scope.host,
      m.metric,
      `${m.baseline} ${m.unit}`,
      `${m.current} ${m.unit}`,
      m.metric === 'errorRate' ? `${m.changePct} pp` : formatSignedPercent(m.changePct),
      m.ci ? `${m.ci.low} … ${m.ci.high}` : '–',
      m.regression ? 'regression' : m.improvement ? 'improvement' : 'within noise',
    ]),
  );
  if (comparison.resources) detailRows.push(...resourceComparisonDetailRows(comparison.resources));
  parts.push(
    detailsBlock(
      'All compared metrics',
      markdownTable(
        ['Host', 'Metric', 'Baseline', 'Current', 'Change', 'Interval (worse +)', 'Call'],
        detailRows,
        'llrrrrl',
      ),
    ),
  );
  return parts.join('\n\n');
}

function chartsSection(report: RunReport): string {
  const series = report.timeSeries ?? [];
  if (series.length === 0) return '';
  const b = bucketTimeSeries(series);
  const latency = mermaidXyChart({
    title: 'Latency over time (ms): p50 lower line, p99 upper line',
    xLabel: 'second',
    x: b.seconds,
    yLabel: 'ms',
    lines: [b.p50, b.p99],
  });
  const settings = report.settings;
  const target =
    settings && settings.rate > 0
      ? b.seconds.map((second) => {
          const end = settings.rampTo ?? settings.rate;
          const fraction = settings.durationMs > 0 ? Math.min(1, (second * 1000) / settings.durationMs) : 0;
          return settings.rate + (end - settings.rate) * fraction;
        })
      : undefined;
  const hasErrors = b.errorRate.some((e) => e > 0);
  const rateTitle = `Rate over time (req/s): bars achieved${target ? ', line target' : ''}${hasErrors ? `${target ? ', lower line' : ', line'} errors` : ''}`;
  const rate = mermaidXyChart({
    title: rateTitle,
    xLabel: 'second',
    x: b.seconds,
    yLabel: 'req/s',
    bars: [b.rate],
    lines: [...(target ? [target] : []), ...(hasErrors ? [b.errorRate] : [])],
  });
  return detailsBlock('Latency and rate over time', `${latency}\n\n${rate}`, true);
}

function selfCheckSection(report: RunReport): string {
  const check = report.selfCheck;
  if (!check) return '';
  const s = report.summary;
  const rows: Cell[][] = [
    [
      'Send lag (scheduled → sent)',
      formatMs(check.sendLag.p50),
      formatMs(check.sendLag.p99),
      formatMs(check.sendLag.max),
    ],
    [
      'Event-loop delay',
      formatMs(check.eventLoopDelay.p50),
      formatMs(check.eventLoopDelay.p99),
      formatMs(check.eventLoopDelay.max),
    ],
  ];
  const facts = [
    `max queue depth ${formatCount(check.maxQueueDepth)}`,
    s ? `dropped ${formatCount(s.dropped)}` : '',
    s ? `late ${formatCount(s.late)}` : '',
    report.valid === false ? `⚠️ run marked invalid: ${report.invalidReason ?? 'generator fell behind'}` : '',
  ].filter(Boolean);
  const body = `${markdownTable(['', 'p50', 'p99', 'max'], rows, 'lrrr')}\n\n${escapeMarkdown(facts.join(' · '), 1000)}`;
  const ok = report.valid !== false;
  return detailsBlock(`Generator self-check: ${ok ? 'kept up' : 'fell behind'}`, body);
}

function errorsSection(report: RunReport): string {
  const hosts = Object.entries(report.hosts ?? {}).filter(([, s]) => s.errors > 0 || s.errorMessages.length > 0);
  if (hosts.length === 0) return '';
  const blocks = hosts.map(([host, s]) => {
    const kinds = Object.entries(s.errorKinds)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => `${escapeMarkdown(kind, 80)} ×${formatCount(count)}`)
      .join(', ');
    const messages = s.errorMessages.slice(0, 10).map((m) => `- ${escapeMarkdown(m, 400)}`);
    return [`**${escapeMarkdown(host)}**: ${kinds || 'no error kinds recorded'}`, ...messages].join('\n');
  });
  return detailsBlock('Errors', blocks.join('\n\n'));
}

function settingsSection(report: RunReport): string {
  const rows: Cell[][] = [];
  const st = report.settings;
  if (st) {
    rows.push(
      ['Model', `${st.model}, ${st.arrivals} arrivals`],
      ['Rate', st.rampTo !== undefined ? `${formatRate(st.rate)} → ${formatRate(st.rampTo)}` : formatRate(st.rate)],
      ['Duration', `${formatDuration(st.durationMs)} (+ ${formatDuration(st.warmupMs)} warm-up)`],
      ['Connections', formatConnections(st)],
      ['Timeout', formatDuration(st.timeoutMs)],
      ['When behind', st.behindPolicy],
      ['Address', st.address],
    );
  }
  if (report.seed !== undefined) rows.push(['Seed', String(report.seed)]);
  rows.push(['Run', `${report.run.runId} (${report.run.provider})`]);
  const git = report.run.git;
  if (git?.repository) rows.push(['Repository', git.repository]);
  if (git?.pr !== undefined) rows.push(['Pull request', `${git.pr}`]);
  if (git?.ref) rows.push(['Ref', git.ref]);
  if (git?.sha) rows.push(['Commit', git.sha]);
  for (const [name, version] of Object.entries(report.run.versions).sort(([a], [b]) => a.localeCompare(b))) {
    rows.push([`Version: ${name}`, version]);
  }
  const parts = [markdownTable(['Setting', 'Value'], rows)];
  if (st && st.targets.length > 0) {
    const totalWeight = st.targets.reduce((sum, t) => sum + t.weight, 0) || 1;
    const mix = st.targets.map((t) => [
      t.host,
      t.method,
      t.path,
      `${((t.weight / totalWeight) * 100).toFixed(1)}%`,
      String(t.expectStatus),
      t.expectBody ?? '–',
    ]);
    parts.push(markdownTable(['Host', 'Method', 'Path', 'Share', 'Expect status', 'Expect body'], mix, 'lllrll'));
  }
  if (report.stages.length > 0) {
    const stages = report.stages.map((s) => [
      md(s.ok ? '✅' : '❌'),
      s.name,
      formatDuration(s.durationMs),
      s.error ?? '',
    ]);
    parts.push(markdownTable(['', 'Stage', 'Duration', 'Error'], stages, 'llrl'));
  }
  return detailsBlock('Run settings, host mix, versions and stages', parts.join('\n\n'));
}

function failureSection(report: RunReport): string {
  const diagnostics = report.failure?.diagnostics;
  if (!diagnostics) return '';
  // <pre> is an HTML block that ends only at </pre>, which escaping makes impossible to forge.
  const text = diagnostics.length > 20_000 ? `${diagnostics.slice(0, 20_000)}\n…` : diagnostics;
  return detailsBlock('Diagnostics', `<pre>${escapePre(text)}</pre>`);
}
