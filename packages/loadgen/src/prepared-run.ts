import { LoadgenError, LoadOptionsError } from './errors.js';
import { LoadRun } from './load-run.js';
import type { ResolvedOptions } from './options.js';
import { primeUndici } from './prime-undici.js';
import type { LoadOptions, LoadResult, PreparedLoad, Shard } from './types.js';
import { waitUntil } from './wait-until.js';

/** `PreparedLoad.start`'s argument, checked as `LoadOptions.startAt` is. */
export function checkStartAt(startAtEpochMs: unknown): void {
  if (startAtEpochMs !== undefined && (typeof startAtEpochMs !== 'number' || !Number.isFinite(startAtEpochMs))) {
    throw new LoadOptionsError(
      'startAt',
      `must be a finite number (Date.now() milliseconds), got ${String(startAtEpochMs)}`,
    );
  }
}

/** A run in this thread with its pools built, waiting for `start` (the main thread's, or a worker's). */
export class PreparedRun implements PreparedLoad {
  private state: 'prepared' | 'started' | 'closed' = 'prepared';

  private constructor(
    private readonly run: LoadRun,
    private readonly raw: LoadOptions,
  ) {}

  /** Pays undici's one-off WASM compile first (when it is the engine), then builds the pools. */
  static async prepare(options: ResolvedOptions, raw: LoadOptions, shard?: Shard): Promise<PreparedRun> {
    if (options.engine === 'undici') await primeUndici();
    return new PreparedRun(new LoadRun(options, raw, shard), raw);
  }

  start(startAtEpochMs: number | undefined = this.raw.startAt): Promise<LoadResult> {
    try {
      checkStartAt(startAtEpochMs);
    } catch (error) {
      return Promise.reject(error);
    }
    // Date.now() is the basis every shard and its coordinator share; the run keeps its monotonic clock.
    const clock = this.run.clock;
    const startAt = startAtEpochMs === undefined ? undefined : clock() + (startAtEpochMs - Date.now());
    return this.startOnClock(startAt, startAtEpochMs);
  }

  /** Starts with t0 at `startAt` on the run's clock, waiting for it: how worker threads share one t0. */
  async startOnClock(startAt?: number, sharedStartEpochMs?: number): Promise<LoadResult> {
    if (this.state !== 'prepared') {
      throw new LoadgenError(`PreparedLoad.start: the load was already ${this.state}; prepare another`);
    }
    this.state = 'started';
    if (startAt !== undefined) await waitUntil(this.run.clock, startAt, this.raw.signal);
    return this.run.run(startAt, sharedStartEpochMs);
  }

  async close(): Promise<void> {
    if (this.state !== 'prepared') return;
    this.state = 'closed';
    await this.run.release();
  }
}
