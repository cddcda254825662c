import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/kubernetes/quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['1', 1],
    ['1.5', 1.5],
    ['100n', 100e-9],
    ['64Mi', 64 * 2 ** 20],
    ['0.5Gi', 2 ** 29],
    ['1k', 1000],
    ['128974848', 128974848],
    ['1e3', 1000],
    ['12345Ki', 12345 * 1024],
    [' 2 ', 2],
  ])('reads %s as %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  it.each(['', 'abc', '1Zi', '1.2.3', '--1', 'Mi'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('is undefined for an absent quantity', () => {
    expect(parseQuantity(undefined)).toBeUndefined();
  });
});
