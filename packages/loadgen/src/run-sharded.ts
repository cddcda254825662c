import { Worker } from 'node:worker_threads';
import { LoadWorkerError } from './errors.js';
import { mergeResults } from './merge-results.js';
import type { ResolvedOptions } from './options.js';
import { randomSeed } from './prng.js';
import { type FromShard, type PortableOptions, type ShardInit, shareOf, type ToShard } from './shard-protocol.js';
import type { LoadOptions, LoadProgress, LoadResult } from './types.js';

/** t0 lies this far after the last worker reports ready, so every shard's first send is on time. */
const START_MARGIN_MS = 20;

/** The worker entry; vitest runs src/*.ts, which a worker thread cannot load, so tests use the build. */
function workerEntry(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../dist/load-worker.js', here) : new URL('./load-worker.js', here);
}

/**
 * Runs the load from `options.workers` threads sharing one t0 and one seed, and merges their
 * results exactly (histograms add). Sockets and maxInFlight are split between the workers, so
 * the merged settings are the caller's.
 */
export function runSharded(options: ResolvedOptions, raw: LoadOptions): Promise<LoadResult> {
  const count = options.workers;
  const seed = options.seed ?? randomSeed();
  const { signal, onProgress, dispatcherFactory: _factory, clock: _clock, ...portable } = raw;
  const entry = workerEntry();
  const workers = Array.from({ length: count }, (_, index) => {
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
  const results: (LoadResult | undefined)[] = new Array(count).fill(undefined);
  const progress: (LoadProgress | undefined)[] = new Array(count).fill(undefined);
  const progressReports: number[] = new Array(count).fill(0);
  let progressRounds = 0;
  const send = (message: ToShard): void => {
    for (const w of workers) w.postMessage(message);
  };
  let ready = 0;
  let startedAt = 0;
  const onAbort = (): void => send({ type: 'abort' });

  return new Promise<LoadResult>((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error !== null) {
        for (const w of workers) void w.terminate();
        reject(error);
        return;
      }
      const merged = mergeResults(results as LoadResult[]);
      // Each shard ran the whole schedule's rate (taking every count-th request); report the run's own.
      const { rampTo: _rampTo, ...settings } = merged.settings;
      resolve({
        ...merged,
        settings: {
          ...settings,
          rate: options.rate,
          ...(options.rampTo === undefined ? {} : { rampTo: options.rampTo }),
        },
      });
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
        onProgress?.({ elapsedMs: performance.now() - startedAt, requests, errors, inFlight });
      } catch {
        // A failing progress printer must not end a load run.
      }
    };
    for (const [index, worker] of workers.entries()) {
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
          startedAt = performance.now() + START_MARGIN_MS;
          send({ type: 'start', startEpochMs: performance.timeOrigin + startedAt });
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
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
