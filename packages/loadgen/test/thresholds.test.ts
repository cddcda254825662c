import { describe, expect, it } from 'vitest';
import { ThresholdSyntaxError } from '../src/errors.js';
import {
  isThresholdHost,
  parseThreshold,
  parseThresholdShape,
  parseThresholds,
  type Threshold,
  type ThresholdShape,
} from '../src/thresholds.js';

const parses = (expression: string, expected: Omit<Threshold, 'expression'>) => {
  expect(parseThreshold(expression)).toEqual({ expression: expression.trim(), ...expected });
};

describe('parseThreshold', () => {
  it.each<[string, Omit<Threshold, 'expression'>]>([
    ['p95<200ms', { metric: 'p95', percentile: 95, op: '<', limit: 200, unit: 'ms' }],
    ['p99<500ms', { metric: 'p99', percentile: 99, op: '<', limit: 500, unit: 'ms' }],
    ['p50<=1.5s', { metric: 'p50', percentile: 50, op: '<=', limit: 1500, unit: 'ms' }],
    ['p99.9 < 250us', { metric: 'p99.9', percentile: 99.9, op: '<', limit: 0.25, unit: 'ms' }],
    ['max<1s', { metric: 'max', op: '<', limit: 1000, unit: 'ms' }],
    ['mean<20ms', { metric: 'mean', op: '<', limit: 20, unit: 'ms' }],
    ['avg<20ms', { metric: 'mean', op: '<', limit: 20, unit: 'ms' }],
    ['error_rate<1%', { metric: 'error_rate', op: '<', limit: 1, unit: '%' }],
    ['error_rate<=0.05', { metric: 'error_rate', op: '<=', limit: 5, unit: '%' }],
    ['rate>=99%', { metric: 'rate', op: '>=', limit: 99, unit: '%' }],
    ['rate>500/s', { metric: 'rate', op: '>', limit: 500, unit: 'req/s' }],
    [
      'foo.localhost:p95<150ms',
      { host: 'foo.localhost', metric: 'p95', percentile: 95, op: '<', limit: 150, unit: 'ms' },
    ],
    [
      'foo.localhost:8080:error_rate<2%',
      { host: 'foo.localhost:8080', metric: 'error_rate', op: '<', limit: 2, unit: '%' },
    ],
    ['  P95<200ms  ', { metric: 'p95', percentile: 95, op: '<', limit: 200, unit: 'ms' }],
  ])('parses %s', parses);

  it.each([
    ['p95<', /missing a limit/],
    ['p101<1ms', /percentile 101 is out of range/],
    ['p0<1ms', /percentile 0 is out of range/],
    ['error_rate<abc', /limit "abc" is not a number/],
    ['foo:p95<1xs', /unknown unit "xs"; use ms, s or us/],
    ['p95<200', /needs a unit/],
    ['p95', /no metric and comparison/],
    ['', /is empty/],
    ['latency<1ms', /unknown metric "latency"/],
    ['p95=200ms', /equality is not a threshold/],
    [':p95<1ms', /host before ':'/],
    ['error_rate<5', /fraction 0\.\.1/],
    ['error_rate<101%', /between 0% and 100%/],
    ['rate>=99x', /unknown unit "x" for rate/],
    ['max<-1ms', /cannot be negative/],
    ['p95 regression > 10%', /is a regression threshold, compared with a baseline run/],
    ['bad host:p95<1ms', /host before ':' must be a host name, got "bad host"/],
  ])('rejects %s', (expression, message) => {
    let error: unknown;
    try {
      parseThreshold(expression);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ThresholdSyntaxError);
    const e = error as ThresholdSyntaxError;
    expect(e.code).toBe('LOADGEN_THRESHOLD_SYNTAX');
    expect(e.message).toContain(`"${expression.trim()}"`);
    expect(e.message).toMatch(message);
  });

  it('parseThresholds parses all or throws on the first bad one', () => {
    expect(parseThresholds(['p95<1s', 'error_rate<1%']).map((t) => t.metric)).toEqual(['p95', 'error_rate']);
    expect(() => parseThresholds(['p95<1s', 'p95<'])).toThrow(ThresholdSyntaxError);
  });
});

describe('parseThresholdShape: the one grammar of load, resource and regression thresholds', () => {
  it.each<[string, ThresholdShape | undefined]>([
    ['p95<200ms', { metric: 'p95', regression: false, op: '<', limit: '200ms' }],
    ['  P99 <= 1s ', { metric: 'p99', regression: false, op: '<=', limit: '1s' }],
    ['foo.localhost:p99<500ms', { scope: 'foo.localhost', metric: 'p99', regression: false, op: '<', limit: '500ms' }],
    [
      'api.localhost:8080:rate>=99%',
      { scope: 'api.localhost:8080', metric: 'rate', regression: false, op: '>=', limit: '99%' },
    ],
    ['foo:cpu_max<500m', { scope: 'foo', metric: 'cpu_max', regression: false, op: '<', limit: '500m' }],
    ['restarts=0', { metric: 'restarts', regression: false, op: '==', limit: '0' }],
    ['p95 regression > 10%', { metric: 'p95', regression: true, op: '>', limit: '10%' }],
    ['rate REGRESSION>=5', { metric: 'rate', regression: true, op: '>=', limit: '5' }],
    [
      'foo:cpu_per_request regression > 10%',
      { scope: 'foo', metric: 'cpu_per_request', regression: true, op: '>', limit: '10%' },
    ],
    ['p95 regresion > 10%', undefined],
    ['p95', undefined],
    ['', undefined],
  ])('%j', (expression, expected) => {
    expect(parseThresholdShape(expression)).toEqual(expected);
  });

  it.each([
    ['foo.localhost', true],
    ['api.localhost:8080', true],
    ['', false],
    ['bad host', false],
    ['a<b', false],
  ])('isThresholdHost(%j) is %s', (scope, expected) => {
    expect(isThresholdHost(scope)).toBe(expected);
  });
});
