import { describe, expect, it } from 'vitest';
import type { BaselineComparison, MetricDelta } from '../src/compare-baseline.js';
import type { ResourceDelta } from '../src/compare-resources.js';
import { RegressionThresholdSyntaxError, ReportInputError } from '../src/errors.js';
import { evaluateRegressionThresholds, parseRegressionThreshold } from '../src/regression-threshold.js';

describe('parseRegressionThreshold', () => {
  it.each([
    ['p95 regression > 10%', { metric: 'p95', op: '>', limit: 10 }],
    ['  p99 regression>=2.5 % ', { metric: 'p99', op: '>=', limit: 2.5 }],
    ['foo.localhost:p99 regression > 20%', { host: 'foo.localhost', metric: 'p99', limit: 20 }],
    ['api.localhost:8080:p50 regression > 5', { host: 'api.localhost:8080', metric: 'p50', limit: 5 }],
    ['error_rate regression > 1%', { metric: 'errorRate', limit: 1 }],
    ['rate REGRESSION > 15%', { metric: 'rate', limit: 15 }],
    ['ErrorRate regression > 0.5', { metric: 'errorRate', limit: 0.5 }],
    ['rps regression >= 3%', { metric: 'rate', op: '>=', limit: 3 }],
    ['foo:cpu_per_request regression > 10%', { workload: 'foo', metric: 'cpu_per_request', limit: 10 }],
    ['memory_max regression > 10%', { metric: 'memory_max', limit: 10 }],
  ])('parses %j', (expression, expected) => {
    expect(parseRegressionThreshold(expression)).toMatchObject(expected);
  });

  it.each([
    ['p95 regresion > 10%', /not of the form/],
    ['p95 < 10%', /not of the form/],
    ['p95 regression < 10%', /use > or >=, not </],
    ['p95 regression == 10%', /use > or >=, not ==/],
    ['p97 regression > 10%', /unknown metric "p97"/],
    ['p95 regression > ten%', /limit "ten%" is not a percentage/],
    ['p95 regression > -5%', /limit "-5%" is not a percentage/],
    ['p95 regression >', /limit "" is not a percentage/],
    ['bad host:p95 regression > 5%', /invalid host "bad host"/],
    [':p95 regression > 5%', /invalid host ""/],
    ['Foo_Bar:cpu_per_request regression > 5%', /invalid workload "Foo_Bar"/],
    ['', /not of the form/],
  ])('rejects %j', (expression, message) => {
    const thrown = (() => {
      try {
        parseRegressionThreshold(expression);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(RegressionThresholdSyntaxError);
    expect(thrown).toMatchObject({ code: 'REPORT_THRESHOLD_SYNTAX', message: expect.stringMatching(message) });
    expect((thrown as Error).message).toContain('[host:]metric regression > N%');
  });
});

function delta(metric: MetricDelta['metric'], regressionPct: number, ci?: [number, number]): MetricDelta {
  return {
    metric,
    unit: 'ms',
    baseline: 10,
    current: 10 * (1 + regressionPct / 100),
    changePct: regressionPct,
    regressionPct,
    ...(ci ? { ci: { low: ci[0], high: ci[1], confidence: 0.95 } } : {}),
    regression: false,
    improvement: false,
  };
}

const comparison: BaselineComparison = {
  tolerance: 5,
  errorRateTolerance: 0.5,
  confidence: 0.95,
  iterations: 100,
  seed: 1,
  summary: { host: '*', metrics: [delta('p95', 15, [4, 27]), delta('p99', 30, [-5, 60]), delta('max', 40)] },
  hosts: [{ host: 'foo.localhost', metrics: [delta('p99', 25, [12, 40])] }],
  missingHosts: ['gone.localhost'],
  newHosts: ['new.localhost'],
};

describe('evaluateRegressionThresholds', () => {
  it('breaches only beyond the limit and outside the noise', () => {
    const results = evaluateRegressionThresholds(comparison, [
      'p95 regression > 10%',
      'p95 regression > 20%',
      'p99 regression > 10%',
      'max regression > 30%',
      'foo.localhost:p99 regression > 20%',
      'new.localhost:p95 regression > 1%',
    ]);
    expect(results.map((r) => r.passed)).toEqual([false, true, true, false, false, true]);
    expect(results[0]).toEqual({
      expression: 'p95 regression > 10%',
      metric: 'p95 regression',
      op: '>',
      limit: 10,
      actual: 15,
      passed: false,
    });
    expect(results[4]).toMatchObject({ host: 'foo.localhost', actual: 25 });
  });

  it('rejects a host the current run does not have', () => {
    expect(() => evaluateRegressionThresholds(comparison, ['gone.localhost:p95 regression > 1%'])).toThrow(
      ReportInputError,
    );
    expect(() => evaluateRegressionThresholds(comparison, ['gone.localhost:p95 regression > 1%'])).toThrow(
      /hosts: foo\.localhost, new\.localhost/,
    );
  });
});

function resourceDelta(regressionPct: number): ResourceDelta {
  return {
    metric: 'cpu_per_request',
    unit: 'ms/1k req',
    baseline: 40,
    current: 40 * (1 + regressionPct / 100),
    changePct: regressionPct,
    regressionPct,
    regression: regressionPct > 5,
    improvement: false,
  };
}

const withResources: BaselineComparison = {
  ...comparison,
  resources: {
    workloads: [
      { workload: 'foo', role: 'app', metrics: [resourceDelta(25)] },
      { workload: 'bar', role: 'app', metrics: [resourceDelta(4)] },
      {
        workload: 'ingress',
        role: 'ingress',
        metrics: [{ ...resourceDelta(12), metric: 'memory_max', unit: 'MiB' }],
      },
    ],
    missingWorkloads: ['gone'],
    newWorkloads: ['baz'],
  },
};

describe('regression thresholds on CPU per request', () => {
  it.each([
    ['cpu_per_request regression > 10%', { metric: 'cpu_per_request', limit: 10 }],
    ['foo:cpu_per_request regression > 10%', { workload: 'foo', metric: 'cpu_per_request' }],
    ['ingress:memory_max regression >= 20%', { workload: 'ingress', metric: 'memory_max', op: '>=' }],
  ])('parses %j', (expression, expected) => {
    const parsed = parseRegressionThreshold(expression);
    expect(parsed).toMatchObject(expected);
    expect(parsed).not.toHaveProperty('host');
  });

  it('rejects a malformed workload', () => {
    expect(() => parseRegressionThreshold('f@o:cpu_per_request regression > 10%')).toThrow(/invalid workload "f@o"/);
  });

  it('breaches on the change alone, per workload or on the worst workload', () => {
    const results = evaluateRegressionThresholds(withResources, [
      'foo:cpu_per_request regression > 10%',
      'bar:cpu_per_request regression > 10%',
      'cpu_per_request regression > 20%',
      'cpu_per_request regression > 30%',
      'ingress:memory_max regression > 10%',
      'baz:cpu_per_request regression > 1%',
    ]);
    expect(results.map((r) => r.passed)).toEqual([false, true, false, true, false, true]);
    expect(results[0]).toEqual({
      expression: 'foo:cpu_per_request regression > 10%',
      workload: 'foo',
      metric: 'cpu_per_request regression',
      op: '>',
      limit: 10,
      actual: 25,
      passed: false,
    });
    expect(results[2]).toMatchObject({ actual: 25 });
    expect(results[2]).not.toHaveProperty('workload');
  });

  it('passes when no run measured resources (an older baseline)', () => {
    const [result] = evaluateRegressionThresholds(comparison, ['foo:cpu_per_request regression > 1%']);
    expect(result).toMatchObject({ passed: true, actual: 0, workload: 'foo' });
  });

  it('rejects a workload the current run does not have', () => {
    expect(() => evaluateRegressionThresholds(withResources, ['gone:cpu_per_request regression > 1%'])).toThrow(
      /workload "gone" is not in the current run \(workloads: foo, bar, ingress, baz\)/,
    );
  });
});
