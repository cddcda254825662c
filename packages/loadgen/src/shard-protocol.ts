import type { LoadOptions, LoadProgress, LoadResult, Shard } from './types.js';

/** LoadOptions without the fields that cannot cross a thread boundary. */
export type PortableOptions = Omit<LoadOptions, 'signal' | 'onProgress' | 'dispatcherFactory' | 'clock'>;

/** What a worker thread starts with (`workerData`). */
export interface ShardInit {
  readonly options: PortableOptions;
  /** Which requests of the schedule this thread sends: i = index (mod count). */
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
