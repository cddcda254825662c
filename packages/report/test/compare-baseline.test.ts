import { describe, expect, it } from 'vitest';
import { compareToBaseline, type MetricDelta } from '../src/compare-baseline.js';
import { makeLoadResult } from './fixtures/load-result.js';

const host = 'foo.localhost';
const baseline = makeLoadResult({ seed: 1, hosts: { [host]: { requests: 2000, medianMs: 10 } } });
const sameCode = makeLoadResult({ seed: 2, hosts: { [host]: { requests: 2000, medianMs: 10 } } });
const slower = makeLoadResult({ seed: 3, hosts: { [host]: { requests: 2000, medianMs: 14 } } });

function metric(
  comparison: ReturnType<typeof compareToBaseline>,
  name: MetricDelta['metric'],
  scope = host,
): MetricDelta {
  const found = (scope === '*' ? comparison.summary : comparison.hosts.find((h) => h.host === scope))?.metrics.find(
    (m) => m.metric === name,
  );
  if (!found) throw new Error(`no ${name} for ${scope}`);
  return found;
}

describe('compareToBaseline', () => {
  it('calls run-to-run noise no regression even with zero tolerance', () => {
    const comparison = compareToBaseline(sameCode, baseline, { tolerance: 0, iterations: 200, seed: 9 });
    for (const name of ['p50', 'p95', 'p99'] as const) {
      const m = metric(comparison, name);
      expect(m.ci, name).toBeDefined();
      expect(m.ci!.low, name).toBeLessThan(0);
      expect(m.ci!.high, name).toBeGreaterThan(0);
      expect(m.regression, name).toBe(false);
    }
  });

  it('flags a real slowdown with an interval above zero, per host and overall', () => {
    const comparison = compareToBaseline(slower, baseline, { iterations: 200, seed: 9 });
    for (const scope of [host, '*']) {
      const p95 = metric(comparison, 'p95', scope);
      expect(p95.regressionPct).toBeGreaterThan(25);
      expect(p95.ci!.low).toBeGreaterThan(10);
      expect(p95.regression).toBe(true);
      expect(p95.improvement).toBe(false);
    }
    const faster = compareToBaseline(baseline, slower, { iterations: 200, seed: 9 });
    expect(metric(faster, 'p50').improvement).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = compareToBaseline(slower, baseline, { iterations: 100, seed: 'abc' });
    const b = compareToBaseline(slower, baseline, { iterations: 100, seed: 'abc' });
    const c = compareToBaseline(slower, baseline, { iterations: 100, seed: 'xyz' });
    expect(a).toEqual(b);
    expect(metric(c, 'p99').ci).not.toEqual(metric(a, 'p99').ci);
  });

  it('uses the tolerance alone when the bootstrap is off', () => {
    const stats = baseline.hosts[host]!;
    const withP95 = (p95: number, rate = stats.rate) => ({
      hosts: { [host]: { ...stats, rate, latency: { ...stats.latency, p95 } } },
    });
    const small = compareToBaseline(withP95(stats.latency.p95 * 1.03), withP95(stats.latency.p95), { iterations: 0 });
    expect(metric(small, 'p95')).toMatchObject({ regression: false, changePct: 3 });
    expect(metric(small, 'p95').ci).toBeUndefined();
    const large = compareToBaseline(withP95(stats.latency.p95 * 1.1), withP95(stats.latency.p95), {
      iterations: 0,
      tolerance: 5,
    });
    expect(metric(large, 'p95').regression).toBe(true);
    const fewer = compareToBaseline(withP95(stats.latency.p95, stats.rate * 0.8), withP95(stats.latency.p95), {
      iterations: 0,
    });
    expect(metric(fewer, 'rate')).toMatchObject({ changePct: -20, regressionPct: 20, regression: true });
  });

  it('compares error rates in percentage points with a binomial interval', () => {
    const failing = makeLoadResult({ seed: 4, hosts: { [host]: { requests: 2000, medianMs: 10, errorRate: 0.05 } } });
    const e = metric(compareToBaseline(failing, baseline, { iterations: 200 }), 'errorRate');
    expect(e).toMatchObject({ unit: '%', baseline: 0, current: 5, changePct: 5, regression: true });
    expect(e.ci!.low).toBeGreaterThan(3);
    const noisy = makeLoadResult({ seed: 5, hosts: { [host]: { requests: 100, medianMs: 10, errorRate: 0.02 } } });
    const base = makeLoadResult({ seed: 6, hosts: { [host]: { requests: 100, medianMs: 10, errorRate: 0.01 } } });
    const n = metric(compareToBaseline(noisy, base, { iterations: 300, errorRateTolerance: 0 }), 'errorRate');
    expect(n.changePct).toBe(1);
    expect(n.ci!.low).toBeLessThanOrEqual(0);
    expect(n.regression).toBe(false);
  });

  it('lists hosts only on one side and skips zero baselines', () => {
    const a = makeLoadResult({
      hosts: { 'a.localhost': { requests: 100, medianMs: 5 }, 'b.localhost': { requests: 100, medianMs: 5 } },
    });
    const b = makeLoadResult({
      hosts: { 'b.localhost': { requests: 100, medianMs: 5 }, 'c.localhost': { requests: 100, medianMs: 5 } },
    });
    const comparison = compareToBaseline(a, b, { iterations: 10 });
    expect(comparison.newHosts).toEqual(['a.localhost']);
    expect(comparison.missingHosts).toEqual(['c.localhost']);
    expect(comparison.hosts.map((h) => h.host)).toEqual(['b.localhost']);
    const zero = { ...b.hosts['b.localhost']!, rate: 0 };
    const skipped = compareToBaseline(a, { hosts: { 'b.localhost': zero } }, { iterations: 0 });
    expect(skipped.hosts[0]!.metrics.map((m) => m.metric)).not.toContain('rate');
  });

  it('reports an undecodable histogram with a clear error', () => {
    const broken = {
      ...sameCode,
      histograms: { ...sameCode.histograms!, perHost: { [host]: { latency: 'not-a-histogram', serviceTime: '' } } },
    };
    expect(() => compareToBaseline(broken, baseline, { iterations: 5 })).toThrow(
      expect.objectContaining({
        code: 'REPORT_HISTOGRAM',
        message: expect.stringContaining('foo.localhost (current run)'),
      }),
    );
  });
});
