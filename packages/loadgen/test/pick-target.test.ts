import { describe, expect, it } from 'vitest';
import { createTargetPicker } from '../src/pick-target.js';
import { deriveSeed, mulberry32, randomSeed } from '../src/prng.js';

describe('createTargetPicker', () => {
  it('follows the weights', () => {
    const pick = createTargetPicker([1, 3, 0, 6], mulberry32(123));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[pick()]!++;
    expect(counts[2]).toBe(0);
    // Binomial sd at n=1e5 is under 160; 1000 is > 6 sigma.
    expect(Math.abs(counts[0]! - 10_000)).toBeLessThan(1000);
    expect(Math.abs(counts[1]! - 30_000)).toBeLessThan(1000);
    expect(Math.abs(counts[3]! - 60_000)).toBeLessThan(1000);
  });

  it('repeats its sequence for the same seed', () => {
    const seq = (seed: number) => {
      const pick = createTargetPicker([1, 1], mulberry32(seed));
      return Array.from({ length: 64 }, pick);
    };
    expect(seq(5)).toEqual(seq(5));
    expect(seq(5)).not.toEqual(seq(6));
  });
});

describe('prng', () => {
  it('mulberry32 yields uniform values in [0, 1)', () => {
    const r = mulberry32(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
  });

  it('randomSeed is a 32-bit unsigned integer and derived streams differ', () => {
    const seed = randomSeed();
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
    expect(deriveSeed(seed, 1)).not.toBe(seed);
    expect(deriveSeed(7, 1)).toBe(deriveSeed(7, 1));
  });
});
