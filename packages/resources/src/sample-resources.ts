import { setTimeout as delay } from 'node:timers/promises';
import { ResourceSourceUnavailableError, ResourcesOptionsError } from './errors.js';
import { createGeneratorSampler } from './generator-sampler.js';
import type { ResourceSource, WorkloadSelector } from './resource-source.js';
import { summarizeUsage, type Tick } from './summarize-usage.js';
import type { ResourceUsage } from './types.js';

/** The shortest interval: below it the kubelet (cAdvisor refreshes every 1–15 s) only repeats itself. */
export const MIN_SAMPLE_INTERVAL_MS = 100;
export const MAX_SAMPLE_INTERVAL_MS = 60_000;

export interface ResourceSamplerOptions {
  readonly source: ResourceSource;
  readonly workloads: readonly WorkloadSelector[];
  /** @default 1000 */
  readonly intervalMs?: number;
  /** Also sample this process's own CPU and event loop (the load generator). @default true */
  readonly generator?: boolean;
  /** Progress and the one "unavailable" line. */
  readonly log?: (line: string) => void;
  /** @default Date.now */
  readonly now?: () => number;
}

export interface StopOptions {
  /** Requests answered per host during the load, for requests per CPU-second. */
  readonly requestsByHost?: Readonly<Record<string, number>>;
}

/** A sampler running in the background until `stop()`; it never throws into the load it watches. */
export interface ResourceSampler {
  /**
   * Resolves once the readings span `ms` (the baseline before the load), at once when the source
   * is unavailable; rejects with the signal's reason when it aborts first.
   */
  baseline(ms: number, signal?: AbortSignal): Promise<void>;
  /** What was sampled before this is the baseline. */
  markLoadStart(): void;
  /** What is sampled after this is the cool-down, not the load. */
  markLoadEnd(): void;
  /** Takes a last reading, stops, and summarises. Idempotent. */
  stop(options?: StopOptions): Promise<ResourceUsage>;
}

/**
 * Reads `source` at once and then every `intervalMs` until `stop()`, each read starting only
 * after the previous one finished (a slow API server never stacks reads up). A source that turns
 * out unavailable stops the sampling with its reason, said once; other read failures are logged
 * once per message and the sampling goes on.
 */
export function startResourceSampler(options: ResourceSamplerOptions): ResourceSampler {
  const intervalMs = options.intervalMs ?? 1000;
  if (!(intervalMs >= MIN_SAMPLE_INTERVAL_MS && intervalMs <= MAX_SAMPLE_INTERVAL_MS))
    throw new ResourcesOptionsError(
      `intervalMs: must be between ${MIN_SAMPLE_INTERVAL_MS} and ${MAX_SAMPLE_INTERVAL_MS}, got ${intervalMs}`,
    );
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const generator = options.generator === false ? undefined : createGeneratorSampler({ now });
  const controller = new AbortController();
  const ticks: Tick[] = [];
  const logged = new Set<string>();
  const onTick = new EventTarget();
  const baselineSpan = () => (ticks.length < 2 ? 0 : ticks.at(-1)!.atMs - ticks[0]!.atMs);
  let unavailable: string | undefined;
  let loadStartMs: number | undefined;
  let loadEndMs: number | undefined;
  let stopped: Promise<ResourceUsage> | undefined;

  const readOnce = async () => {
    const atMs = now();
    if (generator && loadStartMs !== undefined && loadEndMs === undefined)
      generator.sample((atMs - loadStartMs) / 1000);
    if (unavailable !== undefined) return;
    try {
      // A hung API server must not hold the sampler (or stop()) past a couple of intervals.
      const result = await options.source.read(
        AbortSignal.any([controller.signal, AbortSignal.timeout(Math.max(5_000, 2 * intervalMs))]),
      );
      ticks.push({ atMs, ...result });
      onTick.dispatchEvent(new Event('tick'));
    } catch (error) {
      if (controller.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ResourceSourceUnavailableError) {
        unavailable = message;
        log(`resource usage unavailable: ${message}`);
        onTick.dispatchEvent(new Event('tick'));
      } else if (!logged.has(message)) {
        logged.add(message);
        log(`resource usage: a read failed, sampling goes on: ${message}`);
      }
    }
  };

  const wake = new AbortController();
  const loop = (async () => {
    while (stopped === undefined) {
      const started = now();
      await readOnce();
      if (stopped !== undefined) break;
      // The sampling cadence: the next read starts one interval after this one started.
      // A referenced timer: a caller awaiting only baseline() must not see the process exit under it.
      await delay(Math.max(0, intervalMs - (now() - started)), undefined, { signal: wake.signal }).catch(
        () => undefined,
      );
    }
  })();

  return {
    baseline(ms, signal) {
      const done = () => ms <= 0 || unavailable !== undefined || stopped !== undefined || baselineSpan() >= ms;
      if (done()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: unknown) => {
          onTick.removeEventListener('tick', check);
          signal?.removeEventListener('abort', aborted);
          if (error === undefined) resolve();
          else reject(error);
        };
        const check = () => {
          if (done()) finish();
        };
        const aborted = () => finish(signal!.reason);
        onTick.addEventListener('tick', check);
        signal?.addEventListener('abort', aborted, { once: true });
        if (signal?.aborted) aborted();
      });
    },
    markLoadStart() {
      loadStartMs ??= now();
      generator?.sample(0);
    },
    markLoadEnd() {
      if (loadStartMs !== undefined) loadEndMs ??= now();
    },
    stop(stopOptions = {}) {
      if (stopped) return stopped;
      stopped = (async () => {
        wake.abort();
        await loop;
        const end = now();
        loadStartMs ??= end;
        loadEndMs ??= end;
        // The last interval of the load, read after it ended.
        await readOnce();
        controller.abort();
        await options.source.close?.();
        return summarizeUsage({
          source: options.source.name,
          workloads: options.workloads,
          ticks,
          intervalMs,
          loadStartMs,
          loadEndMs,
          ...(stopOptions.requestsByHost ? { requestsByHost: stopOptions.requestsByHost } : {}),
          ...(generator ? { generator: generator.usage() } : {}),
          ...(unavailable === undefined ? {} : { unavailable }),
        });
      })();
      onTick.dispatchEvent(new Event('tick'));
      return stopped;
    },
  };
}
