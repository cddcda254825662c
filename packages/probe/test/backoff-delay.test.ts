import { describe, expect, test } from 'vitest';
import { type BackoffOptions, backoffDelay } from '../src/backoff-delay.js';
import { ProbeOptionsError } from '../src/errors.js';

const almostOne = () => 0.999_999;

const half = (): number => 0.5;
const cases: [attempt: number, options: BackoffOptions, random: () => number, expected: number][] = [
  [0, {}, half, 50],
  [1, {}, half, 100],
  [2, {}, half, 200],
  [10, {}, half, 2500], // capped at maxMs 5000
  [3, { initialMs: 10, factor: 3 }, () => 1 / 3, 90],
  [0, { initialMs: 100 }, () => 0, 0],
  [50, { initialMs: 1, maxMs: 1000 }, half, 500],
  [5000, {}, half, 2500], // factor ** attempt overflows to Infinity: still capped
];

describe('backoffDelay', () => {
  test.each(cases)('attempt %i with %o -> %i', (attempt, options, random, expected) => {
    expect(backoffDelay(attempt, options, random)).toBe(expected);
  });

  test('full jitter stays within [0, cap) for extreme random values', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const cap = Math.min(5000, 100 * 2 ** attempt);
      expect(backoffDelay(attempt, {}, () => 0)).toBe(0);
      const high = backoffDelay(attempt, {}, almostOne);
      expect(high).toBeLessThan(cap);
      expect(high).toBeGreaterThanOrEqual(cap - 1);
    }
  });

  test('clamps a misbehaving random source', () => {
    expect(backoffDelay(0, {}, () => 7)).toBe(99);
    expect(backoffDelay(0, {}, () => -1)).toBe(0);
    expect(backoffDelay(0, {}, () => Number.NaN)).toBe(0);
  });

  test.each([
    [{ initialMs: 0 }, /backoff.initialMs/],
    [{ initialMs: 100, maxMs: 50 }, /backoff.maxMs/],
    [{ factor: 0.5 }, /backoff.factor/],
  ])('rejects %o', (options, message) => {
    expect(() => backoffDelay(0, options, Math.random)).toThrow(ProbeOptionsError);
    expect(() => backoffDelay(0, options, Math.random)).toThrow(message);
  });

  test('rejects a negative attempt', () => {
    expect(() => backoffDelay(-1)).toThrow(/attempt: must be an integer >= 0/);
  });
});
