import type { LoadOptions, LoadProgress, LoadResult } from './types.js';

/** Which slice of the run one worker thread sends: requests i = index (mod count) of the schedule. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** LoadOptions without the fields that cannot cross a thread boundary. */
export type PortableOptions = Omit<LoadOptions, 'signal' | 'onProgress' | 'dispatcherFactory' | 'clock'>;

/** What a worker thread starts with (`workerData`). */
export interface ShardInit {
  readonly options: PortableOptions;
  readonly shard: Shard;
  /** Whether to post progress messages. */
  readonly progress: boolean;
}

/** Main thread to worker. `startEpochMs` is t0 as `performance.timeOrigin + performance.now()`. */
export type ToShard = { readonly type: 'start'; readonly startEpochMs: number } | { readonly type: 'abort' };

/** Worker to main thread. */
export type FromShard =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly progress: LoadProgress }
  | { readonly type: 'result'; readonly result: LoadResult };

/** Share `index` of `total` split as evenly as possible over `count`; the shares add up to `total`. */
export function shareOf(total: number, count: number, index: number): number {
  return Math.floor(total / count) + (index < total % count ? 1 : 0);
}
