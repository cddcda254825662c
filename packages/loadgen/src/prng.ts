import { randomInt } from 'node:crypto';

/** A uniform random source in [0, 1); injected so schedules and target choice are reproducible. */
export type Random = () => number;

/**
 * mulberry32: 32 bits of state, passes the usual statistical batteries for this use
 * (picking targets, drawing exponential gaps), and is a few nanoseconds per draw.
 */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh 32-bit seed, reported in the result so the run can be replayed. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32);
}

/**
 * Derives an independent stream for a second purpose from the same seed, so the sequence of
 * chosen targets does not depend on how many draws the arrival process made.
 */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;
}
