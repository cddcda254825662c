import { parentPort, workerData } from 'node:worker_threads';
import { LoadRun } from './load-run.js';
import { resolveOptions } from './options.js';
import { primeUndici } from './prime-undici.js';
import type { FromShard, ShardInit, ToShard } from './shard-protocol.js';
import type { LoadOptions, LoadProgress } from './types.js';

/**
 * Entry point of one worker thread of a `workers > 1` run: builds its pools, reports ready,
 * starts at the shared t0 and posts its LoadResult. Timing-sensitive setup (undici's WASM
 * compile, connection pools) happens before t0 so no shard starts late.
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
const resolved = resolveOptions(raw);
const run = new LoadRun(resolved, raw, init.shard);
if (resolved.engine === 'undici') await primeUndici();
const go = new Promise<void>((resolve) => {
  started = resolve;
  if (startEpochMs !== undefined) resolve();
  stop.signal.addEventListener('abort', () => resolve(), { once: true });
});
post({ type: 'ready' });
await go;
const startAt = startEpochMs === undefined ? undefined : startEpochMs - performance.timeOrigin;
post({ type: 'result', result: await run.run(startAt) });
port.close();
