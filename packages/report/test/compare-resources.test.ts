import type { ResourceUsage } from '@prload/resources';
import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../src/compare-baseline.js';
import { compareResources, cpuMsPer1kRequests, type ResourceDelta } from '../src/compare-resources.js';
import { createRunReport } from '../src/run-report.js';
import { makeLoadResult, RUN_INFO } from './fixtures/load-result.js';
import { makeResourceUsage } from './fixtures/resource-usage.js';

const baseline = makeResourceUsage();

function delta(current: ResourceUsage, workload: string, metric: ResourceDelta['metric']): ResourceDelta {
  const found = compareResources(current, baseline, 5)
    ?.workloads.find((w) => w.workload === workload)
    ?.metrics.find((m) => m.metric === metric);
  if (!found) throw new Error(`no ${metric} for ${workload}`);
  return found;
}

describe('cpuMsPer1kRequests', () => {
  it('is CPU milliseconds per 1000 requests: 1e6 / requests per CPU-second', () => {
    const foo = baseline.workloads[0]!;
    expect(cpuMsPer1kRequests(foo)).toBeCloseTo((foo.summary.cpuSeconds * 1e6) / foo.requestsServed!, 6);
    expect(cpuMsPer1kRequests({ ...foo, requestsPerCpuSecond: undefined })).toBeUndefined();
    expect(cpuMsPer1kRequests({ ...foo, requestsPerCpuSecond: 0 })).toBeUndefined();
  });
});

describe('compareResources', () => {
  it('calls more CPU per request beyond the tolerance a regression, without an interval', () => {
    const cpu = delta(makeResourceUsage({ cpuScale: 1.3 }), 'foo', 'cpu_per_request');
    expect(cpu).toMatchObject({ unit: 'ms/1k req', regression: true, improvement: false });
    expect(cpu.changePct).toBeGreaterThan(25);
    expect(cpu.regressionPct).toBe(cpu.changePct);
    expect(cpu).not.toHaveProperty('ci');
    expect(delta(makeResourceUsage({ cpuScale: 0.7 }), 'bar', 'cpu_per_request')).toMatchObject({
      regression: false,
      improvement: true,
    });
  });

  it('leaves a change within the tolerance uncalled', () => {
    const memory = delta(makeResourceUsage({ memoryScale: 1.03 }), 'ingress', 'memory_max');
    expect(memory).toMatchObject({ unit: 'MiB', changePct: 3, regression: false, improvement: false });
    expect(delta(makeResourceUsage({ memoryScale: 1.2 }), 'foo', 'memory_max')).toMatchObject({ regression: true });
  });

  it('compares workloads of the same name only, and lists the others', () => {
    const current = {
      ...baseline,
      workloads: [{ ...baseline.workloads[0]!, name: 'baz' }, ...baseline.workloads.slice(1)],
    };
    const comparison = compareResources(current, baseline, 5)!;
    expect(comparison.workloads.map((w) => [w.workload, w.role])).toEqual([
      ['bar', 'app'],
      ['ingress', 'ingress'],
    ]);
    expect(comparison.newWorkloads).toEqual(['baz']);
    expect(comparison.missingWorkloads).toEqual(['foo']);
  });

  it('skips CPU per request when the requests are not attached', () => {
    const current = {
      ...baseline,
      workloads: baseline.workloads.map(({ requestsPerCpuSecond: _r, requestsServed: _s, ...w }) => w),
    };
    const metrics = compareResources(current, baseline, 5)!.workloads[0]!.metrics.map((m) => m.metric);
    expect(metrics).toEqual(['memory_max']);
  });

  it.each([
    ['the current run has none', undefined, baseline],
    ['the baseline has none (an older report)', baseline, undefined],
    ['the current run could not measure', { ...baseline, workloads: [], unavailable: 'forbidden' }, baseline],
    ['the baseline could not measure', baseline, { ...baseline, workloads: [], unavailable: 'forbidden' }],
  ])('is absent when %s', (_name, current, base) => {
    expect(compareResources(current, base, 5)).toBeUndefined();
  });
});

describe('compareToBaseline with resources', () => {
  const result = makeLoadResult({ hosts: { 'foo.localhost': { requests: 200, medianMs: 5 } } });

  it('adds the workloads when both reports measured them', () => {
    const current = createRunReport({ result, run: RUN_INFO, resources: makeResourceUsage({ cpuScale: 1.3 }) });
    const before = createRunReport({ result, run: RUN_INFO, resources: baseline });
    const comparison = compareToBaseline(current, before, { iterations: 0 });
    expect(comparison.resources?.workloads.map((w) => w.workload)).toEqual(['foo', 'bar', 'ingress']);
    expect(comparison.hosts.map((h) => h.host)).toEqual(['foo.localhost']);
  });

  it('stays as before against a report without resources', () => {
    const current = createRunReport({ result, run: RUN_INFO, resources: baseline });
    const old = createRunReport({ result, run: RUN_INFO });
    expect('resources' in compareToBaseline(current, old, { iterations: 0 })).toBe(false);
    expect('resources' in compareToBaseline(old, old, { iterations: 0 })).toBe(false);
  });
});
