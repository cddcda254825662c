import type { ThresholdResult } from '@prload/loadgen';
import { describe, expect, it } from 'vitest';
import { ReportInputError } from '../src/errors.js';
import { renderMarkdown } from '../src/render-markdown.js';
import { attachRegressions, createRunReport } from '../src/run-report.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';

const result = makeLoadResult({ hosts: { 'foo.localhost': { requests: 200, medianMs: 5 } } });
const passed: ThresholdResult = {
  expression: 'p95 < 100',
  metric: 'p95',
  op: '<',
  limit: 100,
  actual: 9,
  passed: true,
};
const breached: ThresholdResult = { ...passed, expression: 'p95 < 1', limit: 1, passed: false };

describe('createRunReport', () => {
  it('puts the load result at the top level so threshold paths work', () => {
    const report = createRunReport({ result, run: RUN_INFO, thresholds: [passed] });
    expect(report.schemaVersion).toBe(1);
    expect(report.reportId).toBe('prload');
    expect(report.hosts?.['foo.localhost']?.latency.p95).toBe(result.hosts['foo.localhost']!.latency.p95);
    expect(report.summary?.requests).toBe(200);
    expect(report.verdict).toBe('passed');
  });

  const verdictCase = (
    name: string,
    input: Partial<Parameters<typeof createRunReport>[0]>,
    expected: ReturnType<typeof createRunReport>['verdict'],
  ) =>
    it(`verdict: ${name} -> ${expected}`, () => {
      expect(createRunReport({ result, run: RUN_INFO, ...input }).verdict).toBe(expected);
    });
  verdictCase('breached threshold', { thresholds: [passed, breached] }, 'thresholds-breached');
  verdictCase('invalid beats breached', { result: { ...result, valid: false }, thresholds: [breached] }, 'invalid');
  verdictCase(
    'failure beats invalid',
    { result: { ...result, valid: false }, failure: { stage: 'deploy', message: 'helm failed' } },
    'infrastructure-failure',
  );
  verdictCase(
    'a failed stage is an infrastructure failure',
    { stages: [{ name: 'cluster', startedAt: RUN_INFO.startedAt, durationMs: 10, ok: false, error: 'boom' }] },
    'infrastructure-failure',
  );

  verdictCase(
    'an interrupted run is not a pass, even with every threshold met',
    { interrupted: true, thresholds: [passed] },
    'interrupted',
  );
  verdictCase('a load stopped early (aborted) is interrupted', { result: { ...result, aborted: true } }, 'interrupted');
  verdictCase(
    'an interruption beats the failure it causes',
    { interrupted: true, failure: { stage: 'deploy', message: 'aborted' } },
    'interrupted',
  );

  it('says an interrupted run was stopped, with how much load it measured, in markdown', () => {
    const report = createRunReport({
      result: { ...result, aborted: true, measuredMs: 1_500 },
      run: RUN_INFO,
      interrupted: true,
    });
    expect(report.interrupted).toBe(true);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('### ⏹️ prload: interrupted');
    expect(markdown).toContain(
      'The run was stopped before it finished after 1.5 s of load: the figures below are what it gathered, not a verdict on the change.',
    );
    expect(markdown).not.toMatch(/passed/i);
  });

  it('accepts a failure without a result and leaves the load fields out', () => {
    const report = createRunReport({ run: RUN_INFO, failure: { stage: 'cluster', message: 'kind not found' } });
    expect(report.verdict).toBe('infrastructure-failure');
    expect(report.summary).toBeUndefined();
    expect(report.hosts).toBeUndefined();
  });

  it('rejects neither result nor failure, and unsafe report ids', () => {
    expect(() => createRunReport({ run: RUN_INFO })).toThrow(ReportInputError);
    expect(() => createRunReport({ result, run: RUN_INFO, reportId: 'x --><script>' })).toThrow(/reportId/);
  });

  it('attachRegressions recomputes the verdict', () => {
    const report = createRunReport({ result, run: RUN_INFO });
    const comparison = {
      tolerance: 5,
      errorRateTolerance: 0.5,
      confidence: 0.95,
      iterations: 0,
      seed: 1,
      hosts: [],
      missingHosts: [],
      newHosts: [],
    };
    const next = attachRegressions(report, { comparison, thresholds: [{ ...breached, metric: 'p95 regression' }] });
    expect(report.verdict).toBe('passed');
    expect(next.verdict).toBe('thresholds-breached');
  });
});

describe('a run that drives no load on purpose', () => {
  it('passes on readiness alone and says why there are no numbers', () => {
    const report = createRunReport({
      run: { runId: 'r', provider: 'kwok', startedAt: 'a', finishedAt: 'b', versions: {} },
      stages: [{ name: 'ready', startedAt: 'a', durationMs: 5, ok: true }],
      noLoadReason: 'kwok pods are simulated and carry no traffic',
    });
    expect(report.verdict).toBe('passed');
    expect(report.summary).toBeUndefined();
    expect(renderMarkdown(report)).toContain('No load was run: kwok pods are simulated and carry no traffic.');
  });
});

describe('resource usage', () => {
  it('passes resources through, and leaves the field out when none was sampled', () => {
    const resources = makeResourceUsage();
    const report = createRunReport({ result, run: RUN_INFO, resources });
    expect(report.resources).toBe(resources);
    expect(report.verdict).toBe('passed');
    expect('resources' in createRunReport({ result, run: RUN_INFO })).toBe(false);
  });
});
