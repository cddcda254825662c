import type { HostStats } from '@prload/loadgen';
import { plainText } from './escape.js';
import { formatCount, formatMs, formatRate, formatRatio } from './format.js';
import type { RunReport } from './run-report.js';
import { VERDICT_TEXT } from './verdict-text.js';

/**
 * A short plain-text table for the terminal: verdict, then per host requests,
 * rate, p50, p95, p99 and errors. Host names lose control characters, so a
 * hostile name cannot move the cursor or recolour the CI log.
 */
export function formatSummaryTable(report: RunReport): string {
  const { label } = VERDICT_TEXT[report.verdict];
  const all = [...report.thresholds, ...(report.regressions?.thresholds ?? [])];
  const breached = all.filter((t) => !t.passed).length;
  const name = report.reportId === 'prload' ? 'prload' : `prload ${plainText(report.reportId, 64)}`;
  const head = `${name}: ${label.toUpperCase()}${all.length > 0 ? ` (${breached} of ${all.length} thresholds breached)` : ''}`;
  const lines = [head];
  if (report.failure) lines.push(`  ${plainText(report.failure.stage, 60)}: ${plainText(report.failure.message, 500)}`);
  if (report.verdict === 'invalid')
    lines.push(`  ${plainText(report.invalidReason ?? 'the generator fell behind', 500)}`);
  if (!report.summary) return `${lines.join('\n')}\n`;
  const row = (name: string, s: HostStats) => [
    name,
    formatCount(s.requests),
    formatRate(s.rate),
    formatMs(s.latency.p50),
    formatMs(s.latency.p95),
    formatMs(s.latency.p99),
    `${formatCount(s.errors)} (${formatRatio(s.errorRate)})`,
  ];
  const rows = [
    ['host', 'requests', 'rate', 'p50', 'p95', 'p99', 'errors'],
    ...Object.entries(report.hosts ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([host, s]) => row(plainText(host, 40), s)),
    row('all hosts', report.summary),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) {
    lines.push(
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  }
  return `${lines.join('\n')}\n`;
}
