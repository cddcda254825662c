import { Worker } from 'node:worker_threads';
import { LoadgenError, LoadWorkerError } from './errors.js';
import { mergeResults } from './merge-results.js';
import type { ResolvedOptions } from './options.js';
import { checkStartAt } from './prepared-run.js';
import { randomSeed } from './prng.js';
import { shareOf } from './shard.js';
import type { FromShard, PortableOptions, ShardInit, ToShard } from './shard-protocol.js';
import type { LoadOptions, LoadProgress, LoadResult, PreparedLoad } from './types.js';

/** t0 lies this far after `start` when no start time is given, so every thread's first send is on time. */
const START_MARGIN_MS = 20;

/** The worker entry; vitest runs src/*.ts, which a worker thread cannot load, so tests use the build. */
function workerEntry(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../dist/load-worker.js', here) : new URL('./load-worker.js', here);
}

/**
 * Prepares the load in `options.workers` threads sharing one seed; resolves once every thread has
 * built its pools. `start` gives them one t0 and resolves with their exact merge (histograms add).
 * Sockets and maxInFlight are split between the threads, so the merged settings are the caller's.
 */
export async function prepareSharded(options: ResolvedOptions, raw: LoadOptions): Promise<PreparedLoad> {
  const threads = new ThreadedLoad(options, raw);
  await threads.ready;
  return threads;
}

class ThreadedLoad implements PreparedLoad {
  /** Every thread built its pools; rejects when one fails first. */
  readonly ready: Promise<void>;
  private readonly result: Promise<LoadResult>;
  private readonly workers: Worker[];
  private state: 'prepared' | 'started' | 'closed' = 'prepared';
  /** t0 on this thread's performance clock, for progress reports. */
  private startedAt = 0;
  private readonly onAbort = (): void => this.send({ type: 'abort' });

  constructor(
    private readonly options: ResolvedOptions,
    private readonly raw: LoadOptions,
  ) {
    const count = options.workers;
    const seed = options.seed ?? randomSeed();
    const { signal, onProgress, dispatcherFactory: _factory, clock: _clock, startAt: _startAt, ...portable } = raw;
    const entry = workerEntry();
    this.workers = Array.from({ length: count }, (_, index) => {
      const shardOptions: PortableOptions = {
        ...portable,
        seed,
        workers: 1,
        connections: shareOf(options.connections, count, index),
        ...(options.model === 'open' ? { maxInFlight: shareOf(options.maxInFlight, count, index) } : {}),
      };
      const init: ShardInit = { options: shardOptions, shard: { index, count }, progress: onProgress !== undefined };
      return new Worker(entry, { workerData: init });
    });
    let markReady: () => void = () => undefined;
    let failReady: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.result = new Promise<LoadResult>((resolve, reject) => {
      const results: (LoadResult | undefined)[] = new Array(count).fill(undefined);
      const progress: (LoadProgress | undefined)[] = new Array(count).fill(undefined);
      const progressReports: number[] = new Array(count).fill(0);
      let progressRounds = 0;
      let ready = 0;
      let settled = false;
      const settle = (error: Error | null): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', this.onAbort);
        if (error !== null) {
          for (const w of this.workers) void w.terminate();
          failReady(error);
          reject(error);
          return;
        }
        resolve(this.merge(results as LoadResult[]));
      };
      const reportProgress = (): void => {
        let requests = 0;
        let errors = 0;
        let inFlight = 0;
        for (const p of progress) {
          requests += p?.requests ?? 0;
          errors += p?.errors ?? 0;
          inFlight += p?.inFlight ?? 0;
        }
        try {
          onProgress?.({ elapsedMs: performance.now() - this.startedAt, requests, errors, inFlight });
        } catch {
          // A failing progress printer must not end a load run.
        }
      };
      for (const [index, worker] of this.workers.entries()) {
        worker.on('message', (message: FromShard) => {
          if (message.type === 'progress') {
            progress[index] = message.progress;
            progressReports[index]!++;
            // Workers report once a second each; pass one sum on once every worker has reported again.
            if (Math.min(...progressReports) > progressRounds) {
              progressRounds++;
              reportProgress();
            }
          } else if (message.type === 'result') {
            results[index] = message.result;
            if (results.every((r) => r !== undefined)) settle(null);
          } else if (++ready === count) {
            markReady();
          }
        });
        worker.once('error', (error) =>
          settle(new LoadWorkerError(`worker ${index} failed: ${error.message}`, { cause: error })),
        );
        worker.once('exit', (code) => {
          if (results[index] === undefined)
            settle(new LoadWorkerError(`worker ${index} exited with code ${code} before its result`));
        });
      }
    });
    // Observed by start(); a thread failing before anyone starts must not be an unhandled rejection.
    this.result.catch(() => undefined);
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  start(startAtEpochMs: number | undefined = this.raw.startAt): Promise<LoadResult> {
    try {
      checkStartAt(startAtEpochMs);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.state !== 'prepared') {
      return Promise.reject(
        new LoadgenError(`PreparedLoad.start: the load was already ${this.state}; prepare another`),
      );
    }
    this.state = 'started';
    // Threads share the performance clock's epoch to the microsecond; Date.now() only to the millisecond.
    const now = performance.now();
    this.startedAt = startAtEpochMs === undefined ? now + START_MARGIN_MS : now + (startAtEpochMs - Date.now());
    this.send({ type: 'start', startEpochMs: performance.timeOrigin + this.startedAt });
    return this.result;
  }

  async close(): Promise<void> {
    if (this.state !== 'prepared') return;
    this.state = 'closed';
    this.raw.signal?.removeEventListener('abort', this.onAbort);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(message: ToShard): void {
    for (const w of this.workers) w.postMessage(message);
  }

  /** Each thread ran the whole schedule's rate (taking every count-th request); the merge reports the run's own. */
  private merge(results: readonly LoadResult[]): LoadResult {
    const merged = mergeResults(results);
    const { rampTo: _rampTo, ...settings } = merged.settings;
    const { rate, rampTo } = this.options;
    return { ...merged, settings: { ...settings, rate, ...(rampTo === undefined ? {} : { rampTo }) } };
  }
}
