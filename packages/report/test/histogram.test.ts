import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import {
  coarsen,
  histogramBuckets,
  meanOf,
  percentileDistribution,
  percentileOf,
  percentilesOf,
} from '../src/histogram.js';

describe('histogramBuckets', () => {
  it('recovers buckets whose percentiles match HdrHistogram', () => {
    const h = build({ numberOfSignificantValueDigits: 3 });
    for (let v = 1; v <= 10_000; v++) h.recordValue(v * 10);
    const expected = [50, 95, 99].map((p) => h.getValueAtPercentile(p));
    const buckets = histogramBuckets(encodeIntoCompressedBase64(h), 'test');
    expect(buckets.total).toBe(10_000);
    [50, 95, 99].forEach((p, i) => {
      expect(
        Math.abs(percentileOf(buckets.values, buckets.counts, buckets.total, p) - expected[i]!) / expected[i]!,
      ).toBeLessThan(0.002);
    });
    expect(meanOf(buckets.values, buckets.counts, buckets.total)).toBeCloseTo(h.mean, -1);
    const points = percentileDistribution(buckets, 50);
    expect(points.length).toBeLessThanOrEqual(51);
    expect(points.at(-1)!.percentile).toBe(100);
    for (let i = 1; i < points.length; i++) expect(points[i]!.valueMs).toBeGreaterThanOrEqual(points[i - 1]!.valueMs);
  });

  it('coarsens to 1% bins without moving percentiles by more than the bin width', () => {
    const h = build({ numberOfSignificantValueDigits: 3 });
    for (let v = 1; v <= 20_000; v++) h.recordValue(1000 + v * 7);
    const fine = histogramBuckets(encodeIntoCompressedBase64(h), 'test');
    const coarse = coarsen(fine);
    expect(coarse.values.length).toBeLessThan(fine.values.length / 5);
    expect(coarse.counts.reduce((s, c) => s + c, 0)).toBe(fine.total);
    const out = new Float64Array(3);
    percentilesOf(coarse.values, coarse.counts, coarse.total, [50, 95, 99], out);
    [50, 95, 99].forEach((p, i) => {
      const exact = percentileOf(fine.values, fine.counts, fine.total, p);
      expect(Math.abs(out[i]! - exact) / exact).toBeLessThan(0.011);
    });
  });

  it('keeps a bucket count beyond 2^32 - 1, as a long run or merged results hold', () => {
    const h = build({ numberOfSignificantValueDigits: 3, bitBucketSize: 64 });
    const many = 2 ** 32 + 7;
    h.recordValueWithCount(2000, many);
    h.recordValue(50_000);
    const buckets = histogramBuckets(encodeIntoCompressedBase64(h), 'test');
    expect(buckets.total).toBe(many + 1);
    expect(Array.from(buckets.counts)).toEqual([many, 1]);
    expect(percentileOf(buckets.values, buckets.counts, buckets.total, 99.9)).toBe(h.getValueAtPercentile(99.9));
  });

  it('rejects garbage with REPORT_HISTOGRAM', () => {
    expect(() => histogramBuckets('garbage', 'histograms of foo')).toThrow(
      expect.objectContaining({
        code: 'REPORT_HISTOGRAM',
        message: expect.stringMatching(/^histograms of foo: not a compressed base64 HdrHistogram/),
      }),
    );
  });
});
