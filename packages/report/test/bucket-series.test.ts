import { describe, expect, it } from 'vitest';
import { bucketSeries } from '../src/bucket-series.js';

const points = Array.from({ length: 100 }, (_, i) => ({ second: i, cpu: i % 10 === 7 ? 900 : 100, memory: i }));

describe('bucketSeries', () => {
  it('groups consecutive points, averaging or keeping the worst value per column', () => {
    const b = bucketSeries(
      points,
      { cpu: { pick: (p) => p.cpu, aggregate: 'mean' }, peak: { pick: (p) => p.cpu, aggregate: 'max' } },
      10,
    );
    expect(b.seconds).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(b.cpu.every((v) => v === 180)).toBe(true);
    expect(b.peak.every((v) => v === 900)).toBe(true);
  });

  it('keeps every point of a short series and reads a non-finite value as 0', () => {
    const b = bucketSeries(
      [
        { second: 1, v: 5 },
        { second: 2, v: Number.NaN },
        { second: 3, v: Number.POSITIVE_INFINITY },
      ],
      { v: { pick: (p) => p.v, aggregate: 'mean' } },
    );
    expect(b).toEqual({ seconds: [1, 2, 3], v: [5, 0, 0] });
  });

  it('gives empty columns for no points', () => {
    expect(bucketSeries([], { v: { pick: () => 1, aggregate: 'max' } })).toEqual({ seconds: [], v: [] });
  });
});
