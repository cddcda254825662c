import type { Random } from './prng.js';

/** Weighted random choice of a target index; one draw per call, so a seed fixes the whole sequence. */
export function createTargetPicker(weights: readonly number[], random: Random): () => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!;
    cumulative[i] = total;
  }
  const last = weights.length - 1;
  if (last === 0) {
    // Still draw, so the stream advances the same way whatever the target count.
    return () => {
      random();
      return 0;
    };
  }
  return () => {
    const x = random() * total;
    // Target lists are short; a linear scan beats a binary search below a few dozen entries.
    for (let i = 0; i < last; i++) if (x < cumulative[i]!) return i;
    return last;
  };
}
