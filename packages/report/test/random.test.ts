import { describe, expect, it } from 'vitest';
import { binomial, createRandom, resampleCounts } from '../src/random.js';

describe('createRandom', () => {
  it('is deterministic per seed and uniform enough', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(createRandom('x')()).not.toBe(createRandom('y')());
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(draws.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('binomial', () => {
  const moments = (n: number, p: number) => {
    const random = createRandom(3);
    const draws = Array.from({ length: 4000 }, () => binomial(n, p, random));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length;
    return { mean, variance, min: Math.min(...draws), max: Math.max(...draws) };
  };
  it.each([
    [20, 0.1],
    [1000, 0.01],
    [1_000_000, 0.3],
    [50, 0.9],
  ])('n=%d p=%d has the right mean and variance', (n, p) => {
    const m = moments(n, p);
    expect(m.mean / (n * p)).toBeGreaterThan(0.95);
    expect(m.mean / (n * p)).toBeLessThan(1.05);
    expect(m.variance / (n * p * (1 - p))).toBeGreaterThan(0.85);
    expect(m.variance / (n * p * (1 - p))).toBeLessThan(1.15);
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(m.max).toBeLessThanOrEqual(n);
  });
  it('handles the edges', () => {
    const random = createRandom(1);
    expect(binomial(10, 0, random)).toBe(0);
    expect(binomial(10, 1, random)).toBe(10);
    expect(binomial(0, 0.5, random)).toBe(0);
  });
});

describe('resampleCounts', () => {
  it('keeps the total and draws near the original shares', () => {
    const counts = Float64Array.from([500, 300, 150, 50]);
    const out = new Float64Array(4);
    resampleCounts(counts, 1000, createRandom(5), out);
    expect(out.reduce((s, v) => s + v, 0)).toBe(1000);
    for (const [i, v] of out.entries()) expect(Math.abs(v - counts[i]!)).toBeLessThan(80);
  });
});
