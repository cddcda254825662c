import type { ShardSummary, ThresholdResult } from '@prload/loadgen';
import { escapeXml } from './escape.js';
import { formatThresholdValue } from './format.js';
import type { RunReport } from './run-report.js';

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly body: string };
  readonly error?: { readonly message: string; readonly type: string; readonly body: string };
}

/**
 * JUnit XML for CI test tabs: one test case per threshold (a `<failure>`
 * when breached), one for the run's validity, one per shard of a distributed
 * run (a `<failure>` naming why it is invalid) and one for the infrastructure
 * (an `<error>`, since nothing was measured).
 */
export function renderJunit(report: RunReport): string {
  const cases: TestCase[] = [];
  cases.push({
    name: 'infrastructure',
    classname: 'prload.run',
    ...(report.verdict === 'infrastructure-failure'
      ? {
          error: {
            type: 'infrastructure-failure',
            message: report.failure
              ? `stage ${report.failure.stage} failed: ${report.failure.message}`
              : `stage ${report.stages.find((s) => !s.ok)?.name ?? 'unknown'} failed`,
            body: report.failure?.diagnostics ?? report.stages.find((s) => !s.ok)?.error ?? '',
          },
        }
      : {}),
  });
  if (report.verdict === 'interrupted') {
    cases.push({
      name: 'run finished',
      classname: 'prload.run',
      error: {
        type: 'interrupted',
        message: 'the run was stopped before it finished (SIGINT, SIGTERM or a cancel)',
        body: '',
      },
    });
  }
  if (report.verdict !== 'infrastructure-failure') {
    cases.push({
      name: 'run is valid',
      classname: 'prload.run',
      ...(report.valid === false
        ? { failure: { type: 'invalid-run', message: report.invalidReason ?? 'the generator fell behind', body: '' } }
        : {}),
    });
  }
  for (const s of report.shards ?? []) cases.push(shardCase(s));
  for (const t of report.thresholds) cases.push(thresholdCase(t, 'prload.thresholds'));
  for (const t of report.regressions?.thresholds ?? []) cases.push(thresholdCase(t, 'prload.regressions'));

  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const seconds = totalSeconds(report);
  const body = cases.map(renderCase).join('\n');
  const suite = `name="${escapeXml(`prload.${report.reportId}`)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${suite}>`,
    `  <testsuite ${suite} timestamp="${escapeXml(report.run.startedAt)}">`,
    body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function shardCase(s: ShardSummary): TestCase {
  return {
    name: s.node === undefined ? `shard ${s.index}` : `shard ${s.index} [${s.node}]`,
    classname: 'prload.shards',
    ...(s.valid
      ? {}
      : { failure: { type: 'invalid-shard', message: s.invalidReason ?? 'invalid', body: JSON.stringify(s) } }),
  };
}

function thresholdCase(t: ThresholdResult, classname: string): TestCase {
  // A resource threshold is scoped by workload instead of host.
  const where = t.host ?? t.workload;
  const scope = where ? ` on ${where}` : '';
  const message = `${t.metric}${scope} was ${formatThresholdValue(t.metric, t.actual, 'actual', t.unit)}, limit ${t.op} ${formatThresholdValue(t.metric, t.limit, 'limit', t.unit)}`;
  return {
    name: where ? `${t.expression} [${where}]` : t.expression,
    classname,
    ...(t.passed ? {} : { failure: { type: 'threshold-breached', message, body: JSON.stringify(t) } }),
  };
}

function renderCase(c: TestCase): string {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="0"`;
  const problem = c.failure ? ['failure', c.failure] : c.error ? ['error', c.error] : undefined;
  if (!problem) return `${open}/>`;
  const [tag, detail] = problem as [string, { message: string; type: string; body: string }];
  return [
    `${open}>`,
    `      <${tag} message="${escapeXml(detail.message)}" type="${escapeXml(detail.type)}">${escapeXml(detail.body)}</${tag}>`,
    '    </testcase>',
  ].join('\n');
}

function totalSeconds(report: RunReport): string {
  const total = report.stages.reduce((sum, s) => sum + (Number.isFinite(s.durationMs) ? s.durationMs : 0), 0);
  return (total / 1000).toFixed(3);
}
