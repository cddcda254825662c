import type { LoadOptions, LoadTarget } from '@prload/loadgen';
import type { Config } from '../config/schema.js';
import { progressPrinter } from './progress.js';

/** The load generator's options from the config; the rate only applies to the open model. */
export function loadOptionsFrom(
  config: Config,
  run: { address: string; targets: LoadTarget[]; seed: number; signal: AbortSignal; log: (line: string) => void },
): LoadOptions {
  const { load } = config;
  const open = load.model === 'open';
  return {
    address: run.address,
    targets: run.targets,
    model: load.model,
    ...(open ? { rate: load.rate } : {}),
    ...(open && load.rampTo !== undefined ? { rampTo: load.rampTo } : {}),
    arrivals: load.arrivals,
    durationMs: load.duration,
    warmupMs: load.warmup,
    connections: load.connections,
    pipelining: load.pipelining,
    engine: load.engine,
    ...(load.threads > 1 ? { workers: load.threads } : {}),
    timeoutMs: load.timeout,
    behindPolicy: load.behindPolicy,
    ...(load.maxInFlight === undefined ? {} : { maxInFlight: load.maxInFlight }),
    ...(load.maxSendLag === undefined ? {} : { maxSendLagP99Ms: load.maxSendLag }),
    seed: run.seed,
    signal: run.signal,
    onProgress: progressPrinter(run.log, load.duration),
  };
}

/** A fresh seed, printed by every run so it can be passed back with --seed. */
export function newRunIdentity(
  config: Config,
  randomInt: (min: number, max: number) => number,
  randomHex: () => string,
) {
  return {
    seed: config.load.seed ?? randomInt(0, 0xffff_ffff),
    runId: `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomHex()}`,
  };
}
