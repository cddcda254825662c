import type { IntervalHistogram } from 'node:perf_hooks';
import { ClosedPump } from './closed-pump.js';
import { closeDispatchers, createDispatchers, queueDepth } from './dispatchers.js';
import { Drain } from './drain.js';
import { InFlight } from './in-flight.js';
import type { LoadRequest, RequestSink } from './load-request.js';
import { OpenPump } from './open-pump.js';
import type { ResolvedOptions } from './options.js';
import { createTargetPicker } from './pick-target.js';
import { deriveSeed, mulberry32, randomSeed } from './prng.js';
import type { Pump, PumpParts } from './pump.js';
import { RunRecorder } from './run-recorder.js';
import { startEventLoopMonitor } from './self-check.js';
import { createTargetStates } from './target-states.js';
import type { LoadDispatcher, LoadOptions, LoadResult, Shard, ShardInfo } from './types.js';

const PROGRESS_INTERVAL_MS = 1000;

/**
 * One load run in this thread, from its pools to its result: wires the pump (open or closed
 * model), the in-flight requests and their timeout, the recorder and the drain to the run's
 * timeline. The hot path allocates one LoadRequest per request and nothing else.
 */
export class LoadRun implements RequestSink {
  /** The run's monotonic milliseconds; `startAt` is on it. */
  readonly clock: () => number;
  private readonly seed: number;
  private readonly dispatchers: Map<string, LoadDispatcher>;
  private readonly recorder: RunRecorder;
  private readonly inFlight: InFlight;
  private readonly pump: Pump;
  private readonly drain: Drain;
  private readonly monitor: IntervalHistogram;

  private startWall = new Date();
  private startAt = 0;
  private measureAt = 0;
  private endAt = 0;
  private stopAt = 0;
  private shardInfo: ShardInfo | undefined;
  private aborted = false;
  private timers: NodeJS.Timeout[] = [];
  private finishDrain: (() => void) | null = null;

  /**
   * Builds the pools now, so a shard is ready before the shared t0. `shard` is the slice of the
   * schedule to send: `options.shard`'s, or a worker thread's.
   */
  constructor(
    private readonly options: ResolvedOptions,
    private readonly raw: LoadOptions,
    shard: Shard = options.shard ?? { index: 0, count: 1 },
  ) {
    this.clock = raw.clock ?? performance.now.bind(performance);
    this.seed = options.seed ?? randomSeed();
    this.dispatchers = createDispatchers(options, raw.dispatcherFactory);
    this.recorder = new RunRecorder(options.model === 'open');
    this.inFlight = new InFlight(options.timeoutMs);
    const parts: PumpParts = {
      options,
      clock: this.clock,
      sink: this,
      inFlight: this.inFlight,
      recorder: this.recorder,
      states: createTargetStates(options.targets, this.dispatchers, (host) => this.recorder.host(host)),
      pick: createTargetPicker(
        options.targets.map((t) => t.weight),
        mulberry32(deriveSeed(this.seed, 1)),
      ),
    };
    this.pump = options.model === 'open' ? new OpenPump(parts, this.seed, shard) : new ClosedPump(parts);
    this.drain = new Drain(this.inFlight, this.recorder, options.drainMs, () => this.finishDrain?.());
    this.monitor = startEventLoopMonitor();
  }

  /**
   * `startAt` (on this run's clock) lets shards share one t0: call it then (PreparedRun waits for
   * it); a t0 already past sends what fell due at once. `sharedStartEpochMs` is the same instant
   * on the wall clock, for the result's `shard`.
   */
  run(startAt?: number, sharedStartEpochMs?: number): Promise<LoadResult> {
    const { warmupMs, durationMs } = this.options;
    const begin = this.clock();
    this.startWall = new Date();
    this.startAt = startAt ?? begin;
    const shard = this.options.shard;
    if (shard) {
      this.shardInfo = {
        ...shard,
        startAt: (sharedStartEpochMs === undefined ? this.startWall : new Date(sharedStartEpochMs)).toISOString(),
        // Whole microseconds, as measuredMs.
        startLagMs: Math.round(Math.max(0, begin - this.startAt) * 1000) / 1000,
      };
    }
    // The wait for t0 is no part of the run: the event-loop delay counts from here.
    this.monitor.reset();
    this.measureAt = this.startAt + warmupMs;
    this.endAt = this.measureAt + durationMs;
    this.recorder.start(this.measureAt);
    this.pump.plan({ startAt: this.startAt, measureAt: this.measureAt, endAt: this.endAt });

    return new Promise<LoadResult>((resolve, reject) => {
      const signal = this.raw.signal;
      const onAbort = (): void => {
        // Aborted while draining after a normal end: stop waiting for stragglers.
        if (this.pump.stopped) this.drain.abandon();
        else {
          this.aborted = true;
          this.stop();
        }
      };
      this.finishDrain = () => {
        signal?.removeEventListener('abort', onAbort);
        this.finish().then(resolve, reject);
      };
      if (signal?.aborted) {
        this.aborted = true;
        this.stop();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.every(Math.min(100, Math.max(5, this.options.timeoutMs / 10)), this.sweep);
      if (this.raw.onProgress) this.every(PROGRESS_INTERVAL_MS, this.progress);
      if (warmupMs > 0) this.timers.push(setTimeout(() => this.monitor.reset(), warmupMs));
      this.timers.push(setTimeout(this.onDurationEnd, this.endAt - this.clock()));
      this.pump.start();
    });
  }

  complete(request: LoadRequest, error: Error | null): void {
    if (request.done) return;
    request.done = true;
    this.inFlight.remove(request);
    const now = this.clock();
    this.recorder.completed(request, now, error);
    if (this.pump.stopped) this.drain.completed();
    else this.pump.slotFreed(now);
  }

  private every(ms: number, fn: () => void): void {
    this.timers.push(setInterval(fn, ms));
  }

  /** Times out requests older than timeoutMs and samples the pools' queues. */
  private readonly sweep = (): void => {
    this.inFlight.expire(this.clock(), this);
    this.recorder.queueDepth(queueDepth(this.dispatchers.values()));
  };

  private readonly progress = (): void => {
    try {
      this.raw.onProgress?.({
        elapsedMs: this.clock() - this.startAt,
        requests: this.recorder.completedTotal,
        errors: this.recorder.errorsTotal,
        inFlight: this.inFlight.size,
      });
    } catch {
      // A failing progress printer must not end a load run; the result is what matters.
    }
  };

  private readonly onDurationEnd = (): void => {
    if (this.pump.stopped) return;
    const left = this.endAt - this.clock();
    // libuv's millisecond clock can fire a hair early against performance.now().
    if (left > 0) {
      this.timers.push(setTimeout(this.onDurationEnd, Math.max(1, left)));
      return;
    }
    // Send what fell due in the last timer tick before the window closes.
    this.pump.sendDue();
    this.stop();
  };

  /** Sends no more and drains what is in flight; the drain's end settles run()'s promise. */
  private stop(): void {
    if (this.pump.stopped) return;
    this.stopAt = Math.min(this.clock(), this.endAt);
    this.pump.stop(this.stopAt);
    this.drain.start();
  }

  /** Releases the pools and the event-loop monitor of a run that will not start. */
  async release(): Promise<void> {
    this.monitor.disable();
    await closeDispatchers(this.dispatchers.values(), false, 1000);
  }

  private async finish(): Promise<LoadResult> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.monitor.disable();
    await closeDispatchers(this.dispatchers.values(), this.drain.abandoned, 1000);
    return this.recorder.result(
      {
        options: this.options,
        seed: this.seed,
        startedAt: this.startWall,
        measuredMs: this.stopAt - this.measureAt,
        aborted: this.aborted,
        ...(this.shardInfo ? { shard: this.shardInfo } : {}),
      },
      this.monitor,
    );
  }
}
