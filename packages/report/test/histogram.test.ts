import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { decodeHistogram, meanOf, percentileDistribution, percentileOf } from '../src/histogram.js';

describe('decodeHistogram', () => {
  it('recovers buckets whose percentiles match HdrHistogram', () => {
    const h = build({ numberOfSignificantValueDigits: 3 });
    for (let v = 1; v <= 10_000; v++) h.recordValue(v * 10);
    const expected = [50, 95, 99].map((p) => h.getValueAtPercentile(p));
    const buckets = decodeHistogram(encodeIntoCompressedBase64(h), 'test');
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

  it('rejects garbage with REPORT_HISTOGRAM', () => {
    expect(() => decodeHistogram('garbage', 'histograms of foo')).toThrow(
      expect.objectContaining({
        code: 'REPORT_HISTOGRAM',
        message: expect.stringMatching(/^histograms of foo: not a compressed base64 HdrHistogram/),
      }),
    );
  });
});
