import { mulberry32, type Random } from '@prload/loadgen/internal';

export type { Random };

/** The load generator's seeded PRNG, also keyed by a string seed (a run id); deterministic for a seed. */
export function createRandom(seed: number | string): Random {
  return mulberry32(typeof seed === 'number' ? seed : hashString(seed));
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Standard normal deviate (Box-Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Binomial(n, p) draw. Exact (geometric skipping) when few successes are
 * expected; normal approximation once n·p and n·(1-p) both exceed 30, where
 * its error is far below the run-to-run noise being measured.
 */
export function binomial(n: number, p: number, random: Random): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, random);
  const mean = n * p;
  if (mean < 30) {
    const logQ = Math.log(1 - p);
    let successes = 0;
    let position = 0;
    for (;;) {
      position += Math.floor(Math.log(1 - random()) / logQ) + 1;
      if (position > n) return successes;
      successes++;
    }
  }
  const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian(random));
  return Math.min(n, Math.max(0, draw));
}

/** Resamples `total` observations from the bucket distribution (a multinomial draw) into `out`. */
export function resampleCounts(counts: Float64Array, total: number, random: Random, out: Float64Array): void {
  let remaining = total;
  let remainingShare = total;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (remaining <= 0 || remainingShare <= 0) {
      out[i] = 0;
      continue;
    }
    const drawn =
      i === counts.length - 1 ? remaining : binomial(remaining, Math.min(1, count / remainingShare), random);
    out[i] = drawn;
    remaining -= drawn;
    remainingShare -= count;
  }
}
