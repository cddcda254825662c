import { describe, expect, it } from 'vitest';
import { ResourceThresholdEvaluationError, ResourceThresholdSyntaxError } from '../src/errors.js';
import {
  evaluateResourceThresholds,
  isResourceThreshold,
  isWorkloadName,
  parseResourceThreshold,
} from '../src/resource-thresholds.js';
import type { ResourceUsage, WorkloadUsage } from '../src/types.js';

describe('parseResourceThreshold', () => {
  it.each([
    ['foo:cpu_max<500m', { workload: 'foo', metric: 'cpu_max', op: '<', limit: 500, unit: 'm' }],
    ['cpu_mean <= 0.25', { metric: 'cpu_mean', op: '<=', limit: 250, unit: 'm' }],
    ['ingress:cpu_p95<2cores', { workload: 'ingress', metric: 'cpu_p95', op: '<', limit: 2000, unit: 'm' }],
    ['memory_max<64Mi', { metric: 'memory_max', op: '<', limit: 64, unit: 'MiB' }],
    ['bar:memory_max<1Gi', { workload: 'bar', metric: 'memory_max', op: '<', limit: 1024, unit: 'MiB' }],
    ['memory_max<512Ki', { metric: 'memory_max', op: '<', limit: 0.5, unit: 'MiB' }],
    ['memory_max<100M', { metric: 'memory_max', op: '<', limit: 1e8 / 2 ** 20, unit: 'MiB' }],
    ['restarts==0', { metric: 'restarts', op: '==', limit: 0, unit: 'count' }],
    ['restarts=0', { metric: 'restarts', op: '==', limit: 0, unit: 'count' }],
    ['foo:oom_kills<1', { workload: 'foo', metric: 'oom_kills', op: '<', limit: 1, unit: 'count' }],
  ])('parses %s', (expression, expected) => {
    expect(parseResourceThreshold(expression)).toEqual({ expression, ...expected });
  });

  it.each([
    [
      'cpu_maximum<5m',
      'unknown resource metric "cpu_maximum"; use cpu_mean, cpu_p95, cpu_max, memory_max, restarts, oom_kills',
    ],
    ['cpu_max<5ms', 'unknown unit "ms" for cpu_max; use m (millicores) or cores'],
    ['memory_max<64', 'limit "64" needs a unit: Mi, Gi…'],
    ['memory_max<64Mb', 'unknown unit "Mb" for memory_max; use Ki, Mi, Gi (or k, M, G)'],
    ['restarts<0.5', 'restarts counts events; the limit must be a whole number'],
    ['restarts<1x', 'unknown unit "x" for restarts; use no unit: a count'],
    ['cpu_max<-5m', 'limit "-5m" is not a non-negative number'],
    [
      'Foo_Bar:cpu_max<5m',
      '"Foo_Bar" before \':\' must be an app name or "ingress" (lower-case letters, digits, \'-\')',
    ],
    [
      'cpu_max',
      'write e.g. foo:cpu_max<500m with a metric of cpu_mean, cpu_p95, cpu_max, memory_max, restarts, oom_kills',
    ],
    [
      'foo:memory_max regression > 10%',
      'is a regression threshold, compared with a baseline run by @prload/report, not a resource threshold',
    ],
  ])('refuses %s: %s', (expression, reason) => {
    const parse = () => parseResourceThreshold(expression);
    expect(parse).toThrow(ResourceThresholdSyntaxError);
    expect(parse).toThrow(`threshold "${expression}": ${reason}`);
  });

  it('recognises resource expressions by their metric, so load and regression thresholds go elsewhere', () => {
    expect(isResourceThreshold('foo:cpu_max<500m')).toBe(true);
    expect(isResourceThreshold('restarts==0')).toBe(true);
    expect(isResourceThreshold('p95<200ms')).toBe(false);
    expect(isResourceThreshold('foo.localhost:max<1s')).toBe(false);
    expect(isResourceThreshold('not a threshold')).toBe(false);
    expect(isResourceThreshold('memory_max regression > 10%')).toBe(false);
  });

  it.each([
    ['foo', true],
    ['ingress', true],
    ['my-app-2', true],
    ['Foo', false],
    ['foo.localhost', false],
    ['-foo', false],
    ['', false],
  ])('isWorkloadName(%j) is %s', (scope, expected) => {
    expect(isWorkloadName(scope)).toBe(expected);
  });
});

function workload(name: string, figures: { cpuMax: number; memoryMax: number; restarts: number }): WorkloadUsage {
  const summary = {
    cpuMeanMillicores: figures.cpuMax / 2,
    cpuP95Millicores: figures.cpuMax * 0.9,
    cpuMaxMillicores: figures.cpuMax,
    memoryMaxMiB: figures.memoryMax,
    cpuSeconds: 1,
  };
  return {
    name,
    role: name === 'ingress' ? 'ingress' : 'app',
    hosts: [],
    requests: {},
    limits: {},
    summary,
    restarts: figures.restarts,
    oomKills: 0,
    series: [],
    pods: [],
  };
}

const usage: ResourceUsage = {
  source: 'kubelet',
  intervalMs: 1000,
  baselineMs: 2000,
  warnings: [],
  workloads: [
    workload('foo', { cpuMax: 420, memoryMax: 30, restarts: 1 }),
    workload('bar', { cpuMax: 610, memoryMax: 12, restarts: 2 }),
    workload('ingress', { cpuMax: 90, memoryMax: 80, restarts: 0 }),
  ],
};

describe('evaluateResourceThresholds', () => {
  it('gates one workload, or all of them: the highest figure, or the total count', () => {
    const results = evaluateResourceThresholds(usage, [
      'foo:cpu_max<500m',
      'cpu_max<500m',
      'memory_max<64Mi',
      'bar:memory_max<64Mi',
      'restarts==0',
      'foo:restarts<=1',
      'ingress:cpu_p95>=81m',
    ]);
    expect(results.map((r) => [r.expression, r.actual, r.passed])).toEqual([
      ['foo:cpu_max<500m', 420, true],
      ['cpu_max<500m', 610, false],
      ['memory_max<64Mi', 80, false],
      ['bar:memory_max<64Mi', 12, true],
      ['restarts==0', 3, false],
      ['foo:restarts<=1', 1, true],
      ['ingress:cpu_p95>=81m', 81, true],
    ]);
    expect(results[0]).toMatchObject({ workload: 'foo', metric: 'cpu_max', unit: 'm', limit: 500, op: '<' });
  });

  it('fails every threshold when usage was not measured, so an unmeasured run never passes a gate', () => {
    for (const measured of [undefined, { ...usage, workloads: [], unavailable: 'nodes/proxy forbidden' }]) {
      const [result] = evaluateResourceThresholds(measured, ['restarts==0']);
      expect(result!.passed).toBe(false);
      expect(result!.actual).toBeNaN();
    }
  });

  it('names the measured workloads when a threshold names another', () => {
    const evaluate = () => evaluateResourceThresholds(usage, ['baz:cpu_max<1m']);
    expect(evaluate).toThrow(ResourceThresholdEvaluationError);
    expect(evaluate).toThrow(
      'threshold "baz:cpu_max<1m": no workload "baz" was measured (workloads: foo, bar, ingress)',
    );
  });
});
