import { ThresholdEvaluationError, ThresholdSyntaxError } from '@prload/loadgen';
import { ResourceThresholdEvaluationError, ResourceThresholdSyntaxError } from '@prload/resources';
import { describe, expect, it } from 'vitest';
import {
  type CheckThresholdsOptions,
  checkThresholds,
  type ThresholdKind,
  thresholdKind,
} from '../src/check-thresholds.js';
import { RegressionThresholdSyntaxError, ThresholdCheckError } from '../src/errors.js';

const run: CheckThresholdsOptions = {
  hosts: ['foo.localhost', 'bar.localhost'],
  model: 'open',
  workloads: ['foo', 'bar', 'ingress'],
};
const closed: CheckThresholdsOptions = { ...run, model: 'closed' };
const anyWorkload: CheckThresholdsOptions = { hosts: run.hosts, model: 'open' };
const unsampled: CheckThresholdsOptions = { ...run, noResources: 'resource usage is not sampled (--no-resources)' };

/** Checks one expression: its kind when it passes, else the one line and error class it fails with. */
function checksAs(
  expression: string,
  options: CheckThresholdsOptions,
  expected: ThresholdKind | { readonly line: string; readonly error: new (...args: never[]) => Error },
): void {
  if (typeof expected === 'string') {
    const checked = checkThresholds([expression], options);
    expect(checked[expected]).toHaveLength(1);
    expect(checked.load.length + checked.regression.length + checked.resource.length).toBe(1);
    return;
  }
  let thrown: unknown;
  try {
    checkThresholds([expression], options);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ThresholdCheckError);
  const error = thrown as ThresholdCheckError;
  expect(error).toMatchObject({ code: 'REPORT_THRESHOLD_CHECK', kind: 'bad-input' });
  expect(error.problems).toEqual([expected.line]);
  expect(error.errors[0]).toBeInstanceOf(expected.error);
}

const bad = (line: string, error: new (...args: never[]) => Error) => ({ line, error });

describe('checkThresholds', () => {
  it.each<[string, CheckThresholdsOptions, Parameters<typeof checksAs>[2]]>([
    // load thresholds
    ['p95<200ms', run, 'load'],
    ['foo.localhost:p99<500ms', run, 'load'],
    ['rate>=99%', run, 'load'],
    ['rate>=500/s', closed, 'load'],
    ['p95<', run, bad('threshold "p95<": missing a limit after the operator, e.g. p95<200ms', ThresholdSyntaxError)],
    ['p101<1ms', run, bad('threshold "p101<1ms": percentile 101 is out of range; use p1..p100', ThresholdSyntaxError)],
    [
      'p95 regresion > 10%',
      run,
      bad(
        'threshold "p95 regresion > 10%": no metric and comparison found; write e.g. p95<200ms with a metric of pNN (e.g. p95, p99.9), max, mean, error_rate or rate',
        ThresholdSyntaxError,
      ),
    ],
    [
      'baz.localhost:p95<100ms',
      run,
      bad(
        'threshold "baz.localhost:p95<100ms": no load target has host "baz.localhost" (hosts: foo.localhost, bar.localhost)',
        ThresholdEvaluationError,
      ),
    ],
    [
      'rate>=99%',
      closed,
      bad(
        'threshold "rate>=99%": a closed-model run has no target rate; use an absolute rate such as rate>=500/s',
        ThresholdEvaluationError,
      ),
    ],
    // resource thresholds
    ['foo:cpu_max<500m', run, 'resource'],
    ['restarts==0', run, 'resource'],
    ['ingress:memory_max<256Mi', anyWorkload, 'resource'],
    [
      'cpu_max<5ms',
      run,
      bad(
        'threshold "cpu_max<5ms": unknown unit "ms" for cpu_max; use m (millicores) or cores',
        ResourceThresholdSyntaxError,
      ),
    ],
    [
      'baz:cpu_max<100m',
      run,
      bad(
        'threshold "baz:cpu_max<100m": no app or ingress is named "baz" (workloads: foo, bar, ingress)',
        ResourceThresholdEvaluationError,
      ),
    ],
    [
      'foo:cpu_max<100m',
      unsampled,
      bad(
        'threshold "foo:cpu_max<100m": resource usage is not sampled (--no-resources)',
        ResourceThresholdEvaluationError,
      ),
    ],
    // regression thresholds
    ['p95 regression > 10%', run, 'regression'],
    ['foo.localhost:p99 regression >= 20%', closed, 'regression'],
    ['foo:cpu_per_request regression > 10%', run, 'regression'],
    ['memory_max regression > 10%', run, 'regression'],
    ['p95 regression > 10%', unsampled, 'regression'],
    [
      'p95 regression > lots',
      run,
      bad(
        'regression threshold "p95 regression > lots": limit "lots" is not a percentage such as 10%; expected "[host:]metric regression > N%" with metric one of rate, p50, p90, p95, p99, max, errorRate, or "[workload:]metric regression > N%" with metric one of cpu_per_request, memory_max',
        RegressionThresholdSyntaxError,
      ),
    ],
    [
      'baz.localhost:p95 regression > 10%',
      run,
      bad(
        'threshold "baz.localhost:p95 regression > 10%": no load target has host "baz.localhost" (hosts: foo.localhost, bar.localhost)',
        ThresholdEvaluationError,
      ),
    ],
    [
      'baz:cpu_per_request regression > 10%',
      run,
      bad(
        'threshold "baz:cpu_per_request regression > 10%": no app or ingress is named "baz" (workloads: foo, bar, ingress)',
        ResourceThresholdEvaluationError,
      ),
    ],
    [
      'cpu_per_request regression > 10%',
      unsampled,
      bad(
        'threshold "cpu_per_request regression > 10%": resource usage is not sampled (--no-resources)',
        ResourceThresholdEvaluationError,
      ),
    ],
  ])('%s (%o)', checksAs);

  it('parses each kind for its evaluator and keeps their order', () => {
    expect(
      checkThresholds(['p95<200ms', 'foo:cpu_max<1', 'p99 regression > 5%', 'error_rate<1%', 'restarts=0'], run),
    ).toEqual({
      load: [
        expect.objectContaining({ expression: 'p95<200ms', metric: 'p95', limit: 200, unit: 'ms' }),
        expect.objectContaining({ expression: 'error_rate<1%', metric: 'error_rate', limit: 1, unit: '%' }),
      ],
      regression: [{ expression: 'p99 regression > 5%', metric: 'p99', op: '>', limit: 5 }],
      resource: [
        { expression: 'foo:cpu_max<1', workload: 'foo', metric: 'cpu_max', op: '<', limit: 1000, unit: 'm' },
        { expression: 'restarts=0', metric: 'restarts', op: '==', limit: 0, unit: 'count' },
      ],
    });
  });

  it('reports every bad expression, one line each, in order', () => {
    const attempt = () => checkThresholds(['p95<', 'p95<1s', 'baz:cpu_max<1', 'p97 regression > 1%'], run);
    expect(attempt).toThrow(ThresholdCheckError);
    expect(attempt).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^threshold "p95<": missing a limit/),
          expect.stringMatching(/^threshold "baz:cpu_max<1": no app or ingress is named "baz"/),
          expect.stringMatching(/^regression threshold "p97 regression > 1%": unknown metric "p97"/),
        ],
      }),
    );
  });

  it.each<[string, ThresholdKind]>([
    ['p95<200ms', 'load'],
    ['not a threshold', 'load'],
    ['foo:cpu_max<500m', 'resource'],
    ['foo:memory_max regression > 5%', 'regression'],
    ['P95 REGRESSION > 5%', 'regression'],
  ])('thresholdKind(%j) is %s', (expression, kind) => {
    expect(thresholdKind(expression)).toBe(kind);
  });
});
