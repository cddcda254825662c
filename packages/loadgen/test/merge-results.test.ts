import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, latencyStats } from '../src/histogram.js';
import { mergeResults } from '../src/merge-results.js';
import { latencies, resultFromSamples } from './helpers/results.js';

describe('mergeResults', () => {
  it('gives the percentiles of one histogram fed all samples, overall and per host', () => {
    const a1 = latencies(3000, 1);
    const a2 = latencies(4000, 2);
    const b2 = latencies(2500, 3);
    const r1 = resultFromSamples({ 'a.localhost': { latencyUs: a1, errors: 30 } });
    const r2 = resultFromSamples({ 'a.localhost': { latencyUs: a2, errors: 10 }, 'b.localhost': { latencyUs: b2 } });
    const merged = mergeResults([r1, r2]);

    const all = createHistogram();
    const hostA = createHistogram();
    for (const v of [...a1, ...a2]) {
      all.recordValue(v);
      hostA.recordValue(v);
    }
    for (const v of b2) all.recordValue(v);

    expect(merged.summary.latency).toEqual(latencyStats(all));
    expect(merged.hosts['a.localhost']!.latency).toEqual(latencyStats(hostA));
    expect(merged.hosts['b.localhost']!.latency).toEqual(r2.hosts['b.localhost']!.latency);
    expect(decodeHistogram(merged.histograms.latency).getValueAtPercentile(99.9)).toBe(all.getValueAtPercentile(99.9));
  });

  it('adds counts and rates and keeps the run invalid if any shard was', () => {
    const r1 = resultFromSamples({ 'a.localhost': { latencyUs: latencies(100, 1), errors: 5, planned: 110 } });
    const r2 = resultFromSamples(
      { 'a.localhost': { latencyUs: latencies(50, 2), errors: 5 } },
      { valid: false, invalidReason: 'send lag p99 20 ms > maxSendLagP99Ms 10 ms', aborted: true },
    );
    const merged = mergeResults([r1, r2]);
    expect(merged.summary.requests).toBe(150);
    expect(merged.summary.errors).toBe(10);
    expect(merged.summary.errorRate).toBeCloseTo(10 / 150, 12);
    expect(merged.summary.statusCodes).toEqual({ '200': 140, '503': 10 });
    expect(merged.summary.errorKinds).toEqual({ 'unexpected-status': 10 });
    expect(merged.summary.errorMessages).toEqual(['unexpected-status: got 503, expected 200']);
    expect(merged.summary.rate).toBe(150);
    expect(merged.summary.targetRate).toBe(160);
    expect(merged.settings.rate).toBe(200);
    expect(merged.valid).toBe(false);
    expect(merged.invalidReason).toContain('send lag');
    expect(merged.aborted).toBe(true);
    expect(merged.timeSeries).toEqual([{ second: 0, requests: 150, errors: 10, p50: 1, p99: 2 }]);
    expect(JSON.parse(JSON.stringify(merged))).toEqual(merged);
  });

  it('returns an equivalent result for a single input and rejects an empty list', () => {
    const r = resultFromSamples({ 'a.localhost': { latencyUs: latencies(500, 4) } });
    const merged = mergeResults([r]);
    expect(merged.summary).toEqual(r.summary);
    expect(merged.histograms.latency).toBe(r.histograms.latency);
    expect(() => mergeResults([])).toThrow(/at least one result/);
  });
});
