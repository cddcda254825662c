import { describe, expect, it } from 'vitest';
import { ThresholdEvaluationError, ThresholdSyntaxError } from '../src/errors.js';
import { evaluateThresholds } from '../src/evaluate-thresholds.js';
import { createHistogram } from '../src/histogram.js';
import { parseThreshold } from '../src/thresholds.js';
import { latencies, resultFromSamples } from './helpers/results.js';

// Host a: 1000 requests, 20 errors, 1250 planned over 1 s -> 80% of target; host b: 200 fast requests.
const aSamples = latencies(1000, 5);
const result = resultFromSamples({
  'a.localhost': { latencyUs: aSamples, errors: 20, planned: 1250 },
  'b.localhost': { latencyUs: Array.from({ length: 200 }, () => 1000) },
});

describe('evaluateThresholds', () => {
  it.each<[string, number, boolean]>([
    ['b.localhost:p99<2ms', 1, true],
    ['b.localhost:p99<1ms', 1, false],
    ['b.localhost:p99<=1ms', 1, true],
    ['b.localhost:max<1500us', 1, true],
    ['b.localhost:mean<0.5ms', 1, false],
    ['b.localhost:error_rate<1%', 0, true],
    ['a.localhost:error_rate<1%', 2, false],
    ['a.localhost:error_rate<=2%', 2, true],
    ['error_rate<2%', (20 / 1200) * 100, true],
    ['a.localhost:rate>=99%', 80, false],
    ['a.localhost:rate>=80%', 80, true],
    ['rate>1000/s', 1200, true],
    ['b.localhost:rate>=100%', 100, true],
  ])('%s -> actual %d, passed %s', (expression, actual, passed) => {
    const [r] = evaluateThresholds(result, [expression]);
    expect(r!.actual).toBeCloseTo(actual, 9);
    expect(r!.passed).toBe(passed);
    expect(r!.expression).toBe(expression);
  });

  it('reads the overall and per-host percentiles, including ones not stored in the stats', () => {
    const h = createHistogram();
    for (const v of aSamples) h.recordValue(v);
    const [p95, p999] = evaluateThresholds(result, [parseThreshold('a.localhost:p95<1s'), 'a.localhost:p99.9<1s']);
    expect(p95).toMatchObject({ host: 'a.localhost', metric: 'p95', op: '<', limit: 1000, unit: 'ms' });
    expect(p95!.actual).toBe(h.getValueAtPercentile(95) / 1000);
    expect(p999!.actual).toBe(h.getValueAtPercentile(99.9) / 1000);
    const [overall] = evaluateThresholds(result, ['p50<1s']);
    expect(overall!.actual).toBe(result.summary.latency.p50);
    expect(overall).not.toHaveProperty('host');
  });

  it('names a host the run never targeted, listing the known ones', () => {
    expect(() => evaluateThresholds(result, ['c.localhost:p95<1s'])).toThrow(ThresholdEvaluationError);
    expect(() => evaluateThresholds(result, ['c.localhost:p95<1s'])).toThrow(
      'threshold "c.localhost:p95<1s": no load target has host "c.localhost" (hosts: a.localhost, b.localhost)',
    );
  });

  it('refuses a relative rate for the closed model but accepts an absolute one', () => {
    const closed = resultFromSamples({ 'a.localhost': { latencyUs: [1000, 2000] } }, { model: 'closed' });
    expect(() => evaluateThresholds(closed, ['rate>=99%'])).toThrow(/closed-model run has no target rate/);
    expect(evaluateThresholds(closed, ['rate>=2/s'])[0]!.passed).toBe(true);
  });

  it('throws the syntax error for unparsable text', () => {
    expect(() => evaluateThresholds(result, ['p95<'])).toThrow(ThresholdSyntaxError);
  });
});
