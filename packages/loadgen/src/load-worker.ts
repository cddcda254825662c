import { parentPort, workerData } from 'node:worker_threads';
import { resolveOptions } from './options.js';
import { PreparedRun } from './prepared-run.js';
import type { FromShard, ShardInit, ToShard } from './shard-protocol.js';
import type { LoadOptions, LoadProgress } from './types.js';

/**
 * Entry point of one worker thread of a `workers > 1` run: prepares its pools, reports ready,
 * starts at the shared t0 and posts its LoadResult. Timing-sensitive setup (undici's WASM
 * compile, connection pools) happens before t0 so no thread starts late.
 */
const port = parentPort!;
const init = workerData as ShardInit;
const post = (message: FromShard): void => port.postMessage(message);
const stop = new AbortController();
let startEpochMs: number | undefined;
let started: (() => void) | undefined;

port.on('message', (message: ToShard) => {
  if (message.type === 'abort') stop.abort();
  else {
    startEpochMs = message.startEpochMs;
    started?.();
  }
});

const raw: LoadOptions = {
  ...init.options,
  signal: stop.signal,
  ...(init.progress ? { onProgress: (progress: LoadProgress) => post({ type: 'progress', progress }) } : {}),
};
const prepared = await PreparedRun.prepare(resolveOptions(raw), raw, init.shard);
const go = new Promise<void>((resolve) => {
  started = resolve;
  if (startEpochMs !== undefined) resolve();
  stop.signal.addEventListener('abort', () => resolve(), { once: true });
});
post({ type: 'ready' });
await go;
// t0 comes as the performance clock's epoch, which every thread of the process shares.
const startAt = startEpochMs === undefined ? undefined : startEpochMs - performance.timeOrigin;
post({ type: 'result', result: await prepared.startOnClock(startAt) });
port.close();
