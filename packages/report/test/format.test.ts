import type { ThresholdResult } from '@prload/loadgen';
import { describe, expect, it } from 'vitest';
import {
  formatMiB,
  formatMillicores,
  formatShare,
  formatThresholdValue,
  isResourceThresholdResult,
  thresholdScope,
} from '../src/format.js';

describe('resource figures', () => {
  it.each([
    [412.4, '412m'],
    [4.24, '4.2m'],
    [0, '0m'],
    [999.4, '999m'],
    [999.6, '1.00 cores'],
    [1250, '1.25 cores'],
    [undefined, '–'],
    [Number.NaN, '–'],
  ])('formatMillicores(%s) = %s', (value, text) => {
    expect(formatMillicores(value)).toBe(text);
  });

  it.each([
    [48.21, '48.2 MiB'],
    [1536.4, '1536 MiB'],
    [undefined, '–'],
  ])('formatMiB(%s) = %s', (value, text) => {
    expect(formatMiB(value)).toBe(text);
  });

  it.each([
    [0.824, '82%'],
    [1.2, '120%'],
    [0.001, '<1%'],
    [0, '0%'],
    [undefined, '–'],
  ])('formatShare(%s) = %s', (value, text) => {
    expect(formatShare(value)).toBe(text);
  });
});

describe('formatThresholdValue', () => {
  it.each([
    // The unit wins over the metric name: cpu_max is millicores, never ms.
    ['cpu_max', 412, 'm', '412m'],
    ['cpu_p95', 1250, 'm', '1.25 cores'],
    ['memory_max', 48.21, 'MiB', '48.2 MiB'],
    ['restarts', 2, 'count', '2'],
    ['oom_kills', 1234, 'count', '1,234'],
    ['max', 412, 'm', '412m'],
    // Without a unit, a resource metric name still reads right.
    ['cpu_mean', 310, undefined, '310m'],
    ['memory_max', 64, undefined, '64.0 MiB'],
    ['oom_kills', 0, undefined, '0'],
    ['cpu_max', Number.NaN, 'm', '–'],
    // The load thresholds as before.
    ['p95', 31.25, undefined, '31.3 ms'],
    ['max', 250, 'ms', '250 ms'],
    ['cpu_per_request regression', 12.34, undefined, '+12.3%'],
  ])('%s = %s %s reads %s', (metric, value, unit, text) => {
    expect(formatThresholdValue(metric, value, 'actual', unit)).toBe(text);
  });
});

describe('thresholdScope', () => {
  const t = (fields: Partial<ThresholdResult>): ThresholdResult => ({
    expression: 'x',
    metric: 'p95',
    op: '<',
    limit: 1,
    actual: 1,
    passed: true,
    ...fields,
  });
  it.each([
    [t({ host: 'foo.localhost' }), 'foo.localhost'],
    [t({}), 'all hosts'],
    [t({ metric: 'cpu_max', unit: 'm', workload: 'foo' }), 'foo'],
    [t({ metric: 'cpu_max', unit: 'm' }), 'all workloads'],
    [t({ metric: 'restarts' }), 'all workloads'],
    [t({ metric: 'cpu_per_request regression' }), 'all workloads'],
  ])('%j is scoped to %s', (threshold, scope) => {
    expect(thresholdScope(threshold)).toBe(scope);
  });

  it('tells resource thresholds from load thresholds', () => {
    expect(isResourceThresholdResult({ metric: 'latency.max' })).toBe(false);
    expect(isResourceThresholdResult({ metric: 'max', unit: 'MiB' })).toBe(true);
  });
});
