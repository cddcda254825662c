import { LoadOptionsError } from './errors.js';
import type { Shard } from './types.js';

/** Most shards of one run: beyond it the per-shard share of a rate or of `connections` is too thin to be worth a pod. */
export const MAX_SHARDS = 100;

/** Share `index` of `total` split as evenly as possible over `count`; the shares add up to `total`. */
export function shareOf(total: number, count: number, index: number): number {
  return Math.floor(total / count) + (index < total % count ? 1 : 0);
}

/** Validates `LoadOptions.shard`: 1 <= count <= MAX_SHARDS, 0 <= index < count, both integers. */
export function resolveShard(value: unknown): Shard | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new LoadOptionsError('shard', `must be an object { index, count }, got ${String(value)}`);
  }
  const { index, count } = value as Record<string, unknown>;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new LoadOptionsError('shard.count', `must be an integer from 1 to ${MAX_SHARDS}, got ${String(count)}`);
  }
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new LoadOptionsError(
      'shard.index',
      `must be an integer from 0 to ${count - 1} (count - 1), got ${String(index)}`,
    );
  }
  return { index, count };
}
