import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, latencyStats, toMicros } from '../src/histogram.js';
import { latencies } from './helpers/results.js';

describe('histogram encoding', () => {
  it('round-trips losslessly: every bucket count and percentile survives', () => {
    const h = createHistogram();
    for (const v of latencies(20_000, 11)) h.recordValue(v);
    const decoded = decodeHistogram(encodeHistogram(h));
    expect(decoded.totalCount).toBe(h.totalCount);
    expect(decoded.getValueAtPercentile(100)).toBe(h.getValueAtPercentile(100));
    expect(decoded.mean).toBe(h.mean);
    for (const p of [0.1, 1, 10, 50, 90, 95, 99, 99.9, 99.99, 100]) {
      expect(decoded.getValueAtPercentile(p)).toBe(h.getValueAtPercentile(p));
    }
  });

  it('adds decoded histograms exactly like one histogram fed every sample', () => {
    const a = latencies(5000, 1);
    const b = latencies(7000, 2);
    const ha = createHistogram();
    const hb = createHistogram();
    const all = createHistogram();
    for (const v of a) ha.recordValue(v);
    for (const v of b) hb.recordValue(v);
    for (const v of [...a, ...b]) all.recordValue(v);
    const merged = decodeHistogram(encodeHistogram(ha));
    merged.add(decodeHistogram(encodeHistogram(hb)));
    expect(latencyStats(merged)).toEqual(latencyStats(all));
    expect(encodeHistogram(merged)).toBe(encodeHistogram(all));
  });

  it('keeps bucket counts beyond 2^32 - 1 (a long high-rate run, or merged results)', () => {
    const h = createHistogram();
    const many = 2 ** 32 + 5;
    h.recordValueWithCount(1500, many);
    h.recordValue(90_000);
    const decoded = decodeHistogram(encodeHistogram(h));
    expect(decoded.totalCount).toBe(many + 1);
    expect(decoded.getValueAtPercentile(50)).toBe(h.getValueAtPercentile(50));
    const merged = createHistogram();
    merged.add(decoded);
    merged.add(decodeHistogram(encodeHistogram(h)));
    expect(merged.totalCount).toBe(2 * (many + 1));
    expect(encodeHistogram(decodeHistogram(encodeHistogram(merged)))).toBe(encodeHistogram(merged));
  });

  it('reports milliseconds, keeping 3 significant digits', () => {
    const h = createHistogram();
    for (let v = 1; v <= 1000; v++) h.recordValue(v * 1000);
    const stats = latencyStats(h);
    expect(stats.p50).toBeCloseTo(500, 0);
    expect(stats.p99).toBeCloseTo(990, 0);
    expect(stats.max).toBeCloseTo(1000, 0);
    expect(Math.abs(stats.mean - 500.5) / 500.5).toBeLessThan(0.001);
  });

  it('is all zeros when empty, and values never go negative', () => {
    expect(latencyStats(createHistogram())).toEqual({ p50: 0, p90: 0, p95: 0, p99: 0, max: 0, mean: 0 });
    expect(toMicros(-0.5)).toBe(0);
    expect(toMicros(1.2345)).toBe(1235);
  });
});
