import { describe, expect, it } from 'vitest';
import { TimeSeries } from '../src/time-series.js';

describe('TimeSeries', () => {
  it('buckets by completion second, fills gaps with zeros and keeps per-second percentiles', () => {
    const series = new TimeSeries(1000);
    for (let i = 0; i < 100; i++) series.record(1000 + i * 5, (i + 1) * 1000, i % 10 === 0);
    series.record(3500, 7000, true);
    const points = series.finish();
    expect(points).toHaveLength(3);
    expect(points[0]).toMatchObject({ second: 0, requests: 100, errors: 10 });
    expect(points[0]!.p50).toBeCloseTo(50, 0);
    expect(points[0]!.p99).toBeCloseTo(99, 0);
    expect(points[1]).toEqual({ second: 1, requests: 0, errors: 0, p50: 0, p99: 0 });
    expect(points[2]).toMatchObject({ second: 2, requests: 1, errors: 1 });
    expect(points[2]!.p99).toBeCloseTo(7, 1);
  });

  it('starts at second 0 even when the first completion is later', () => {
    const series = new TimeSeries(0);
    series.record(1500, 1000, false);
    expect(series.finish().map((p) => [p.second, p.requests])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
