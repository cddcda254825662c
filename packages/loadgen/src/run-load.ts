import type { IntervalHistogram } from 'node:perf_hooks';
import type { Histogram } from 'hdr-histogram-js';
import { buildResult } from './build-result.js';
import { classifyError, describeError } from './classify-error.js';
import { closeDispatchers, createDispatchers, queueDepth } from './dispatchers.js';
import { RequestTimeoutError, RunStoppedError } from './errors.js';
import { createHistogram, toMicros } from './histogram.js';
import { HostRecorder, type LatencyPair, statusClassIndex } from './host-recorder.js';
import { LoadRequest, type RequestSink, type TargetState } from './load-request.js';
import { LATE_THRESHOLD_MS, type ResolvedOptions, resolveOptions } from './options.js';
import { createTargetPicker } from './pick-target.js';
import { primeUndici } from './prime-undici.js';
import { deriveSeed, mulberry32, randomSeed } from './prng.js';
import { runSharded } from './run-sharded.js';
import { createSchedule, type Schedule } from './schedule.js';
import { selfCheckOf, startEventLoopMonitor } from './self-check.js';
import { TimeSeries } from './time-series.js';
import type { ErrorKind, LoadDispatcher, LoadOptions, LoadResult, StatusClass } from './types.js';

const PROGRESS_INTERVAL_MS = 1000;

/**
 * Runs one load test and resolves with everything measured, also when stopped early by
 * `options.signal`. Rejects only for invalid options (LoadOptionsError).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const resolved = resolveOptions(options);
  if (resolved.workers > 1) return runSharded(resolved, options);
  if (resolved.engine === 'undici') await primeUndici();
  return new LoadRun(resolved, options).run();
}

/** Which slice of the run one worker thread sends: requests i = index (mod count) of the schedule. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The send loop. Open model: one global schedule; each wake-up sends every request now due, then
 * sleeps until the next due time. Closed model: every completion sends the next request. The hot
 * path allocates one LoadRequest per request and nothing else.
 */
export class LoadRun implements RequestSink {
  private readonly clock: () => number;
  private readonly openModel: boolean;
  private readonly seed: number;
  private readonly states: TargetState[];
  private readonly dispatchers: Map<string, LoadDispatcher>;
  private readonly pick: () => number;
  private readonly summary = new HostRecorder();
  private readonly hosts = new Map<string, HostRecorder>();
  private readonly sendLag: Histogram = createHistogram();
  private readonly monitor: IntervalHistogram;
  private readonly timeout: RequestTimeoutError;
  private readonly maxInFlight: number;

  private startWall = new Date();
  private startAt = 0;
  private measureAt = 0;
  private endAt = 0;
  private stopAt = 0;
  private schedule: Schedule | null = null;
  /** Schedule position of the next request; other shards' requests are skipped. */
  private scheduleIndex = 0;
  private timeSeries: TimeSeries | null = null;

  // In-flight list, oldest send first (sends are in clock order), so expiry checks stop early.
  private head: LoadRequest | null = null;
  private tail: LoadRequest | null = null;
  private inFlight = 0;
  /** Open model, queue policy: a due request waits for a free slot. */
  private blocked = false;
  /** When the first slot freed up after being blocked; waits before it are the server's, not ours. */
  private slotFreedAt = Number.NEGATIVE_INFINITY;
  private pumpQueued = false;
  private stopped = false;
  private aborted = false;
  /** In-flight requests were cancelled after the drain: pools are destroyed, not closed. */
  private abandoned = false;
  private completedTotal = 0;
  private errorsTotal = 0;
  private maxQueueDepth = 0;

  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeImmediate: NodeJS.Immediate | null = null;
  private timers: NodeJS.Timeout[] = [];
  private finishDrain: (() => void) | null = null;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly raw: LoadOptions,
    private readonly shard: Shard = { index: 0, count: 1 },
  ) {
    this.clock = raw.clock ?? performance.now.bind(performance);
    this.openModel = options.model === 'open';
    this.seed = options.seed ?? randomSeed();
    this.maxInFlight = options.maxInFlight;
    this.timeout = new RequestTimeoutError(options.timeoutMs);
    this.dispatchers = createDispatchers(options, raw.dispatcherFactory);
    this.states = options.targets.map((target) => {
      let host = this.hosts.get(target.host);
      if (!host) {
        host = new HostRecorder();
        this.hosts.set(target.host, host);
      }
      return {
        target,
        dispatcher: this.dispatchers.get(target.host)!,
        dispatchOptions: {
          path: target.path,
          method: target.method,
          headers: { host: target.host },
          // Let pipelined GETs go out back to back instead of waiting for each response's headers.
          blocking: false,
        },
        expectedBody: target.expectBody === undefined ? null : Buffer.from(target.expectBody),
        host,
      };
    });
    this.pick = createTargetPicker(
      options.targets.map((t) => t.weight),
      mulberry32(deriveSeed(this.seed, 1)),
    );
    this.monitor = startEventLoopMonitor();
  }

  /** `startAt` (on this run's clock) lets shards share one t0; the first sends wait for it. */
  run(startAt?: number): Promise<LoadResult> {
    const { warmupMs, durationMs } = this.options;
    this.startWall = new Date();
    this.startAt = startAt ?? this.clock();
    this.measureAt = this.startAt + warmupMs;
    this.endAt = this.measureAt + durationMs;
    this.timeSeries = new TimeSeries(this.measureAt);
    if (this.openModel) {
      this.schedule = createSchedule({
        startMs: this.startAt,
        rate: this.options.rate,
        rampTo: this.options.rampTo ?? this.options.rate,
        rampStartMs: warmupMs,
        rampDurationMs: durationMs,
        arrivals: this.options.arrivals,
        random: mulberry32(this.seed),
      });
      this.skipForeign();
    }

    return new Promise<LoadResult>((resolve, reject) => {
      const signal = this.raw.signal;
      const onAbort = (): void => {
        // Aborted while draining after a normal end: stop waiting for stragglers.
        if (this.stopped) this.abandonInFlight();
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
      const wait = this.startAt - this.clock();
      if (wait > 0) this.wakeTimer = setTimeout(this.pump, wait);
      else this.pump();
    });
  }

  private every(ms: number, fn: () => void): void {
    this.timers.push(setInterval(fn, ms));
  }

  // ---- sending ----

  private readonly pump = (): void => {
    // A pump can run early (a completion, the duration's end) while another wake-up is pending:
    // clear it, so stop() never leaves a timer behind it cannot see.
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.wakeImmediate) clearImmediate(this.wakeImmediate);
    this.wakeTimer = null;
    this.wakeImmediate = null;
    this.pumpQueued = false;
    if (this.stopped) return;
    if (this.openModel) this.pumpOpen();
    else this.pumpClosed();
  };

  private pumpOpen(): void {
    const schedule = this.schedule!;
    const endAt = this.endAt;
    let now = this.clock();
    for (;;) {
      const plannedAt = schedule.peek();
      if (plannedAt > now || plannedAt >= endAt) break;
      if (this.inFlight >= this.maxInFlight) {
        if (this.options.behindPolicy === 'queue') {
          this.blocked = true;
          return; // a completion pumps again
        }
        const state = this.takeNext();
        if (plannedAt >= this.measureAt) {
          state.host.planned++;
          state.host.dropped++;
          this.summary.planned++;
          this.summary.dropped++;
        }
        continue;
      }
      now = this.send(this.takeNext(), plannedAt).sentAt;
    }
    const next = schedule.peek();
    if (next >= endAt) return; // the duration timer takes over
    const delay = next - this.clock();
    if (delay <= 0) this.wakeImmediate = setImmediate(this.pump);
    else this.wakeTimer = setTimeout(this.pump, delay);
  }

  /** Takes this shard's next planned request and returns its target. */
  private takeNext(): TargetState {
    this.schedule!.take();
    this.scheduleIndex++;
    const state = this.states[this.pick()]!;
    this.skipForeign();
    return state;
  }

  /**
   * Moves past the requests other shards send. Every shard draws the same targets from the same
   * seed in the same order, so request i goes to the same host whichever worker sends it.
   */
  private skipForeign(): void {
    const { index, count } = this.shard;
    if (count === 1) return;
    while (this.scheduleIndex % count !== index) {
      this.schedule!.take();
      this.scheduleIndex++;
      this.pick();
    }
  }

  private pumpClosed(): void {
    while (this.inFlight < this.maxInFlight) {
      if (this.clock() >= this.endAt) return;
      const request = this.send(this.states[this.pick()]!, Number.NaN);
      if (request.done) {
        // undici rejected it synchronously (e.g. a destroyed pool): yield to the event loop
        // instead of spinning on failures until the duration ends.
        this.queuePump();
        return;
      }
    }
  }

  /** Dispatches one request. A NaN plannedAt (closed model) means "now". */
  private send(state: TargetState, planned: number): LoadRequest {
    const sentAt = this.clock();
    const plannedAt = Number.isNaN(planned) ? sentAt : planned;
    const measured = plannedAt >= this.measureAt;
    const request = new LoadRequest(this, state, plannedAt, sentAt, measured);
    if (this.tail === null) this.head = request;
    else {
      this.tail.next = request;
      request.prev = this.tail;
    }
    this.tail = request;
    this.inFlight++;
    if (measured) {
      const host = state.host;
      host.planned++;
      this.summary.planned++;
      if (this.openModel) {
        const readyAt = Math.max(plannedAt, this.slotFreedAt);
        this.sendLag.recordValue(toMicros(sentAt - readyAt));
        if (sentAt - plannedAt > LATE_THRESHOLD_MS) {
          host.late++;
          this.summary.late++;
        }
      }
    }
    state.dispatcher.dispatch(state.dispatchOptions, request);
    return request;
  }

  /**
   * One pump per event-loop turn after completions. setImmediate rather than a microtask: failures
   * that undici reports in microtasks would otherwise chain into a loop that never yields to timers.
   */
  private queuePump(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    this.wakeImmediate = setImmediate(this.pump);
  }

  // ---- completion ----

  complete(request: LoadRequest, error: Error | null): void {
    if (request.done) return;
    request.done = true;
    this.unlink(request);
    const now = this.clock();
    this.completedTotal++;

    let kind: ErrorKind | null = null;
    const target = request.state.target;
    if (error !== null) kind = classifyError(error);
    else if (request.statusCode !== target.expectStatus) kind = 'unexpected-status';
    else if (!request.bodyMatches()) kind = 'body-mismatch';
    if (kind !== null) this.errorsTotal++;

    if (request.measured) this.record(request, now, error, kind);

    if (this.stopped) {
      if (this.inFlight === 0) this.drained();
    } else if (!this.openModel) {
      this.queuePump();
    } else if (this.blocked) {
      this.blocked = false;
      this.slotFreedAt = now;
      this.queuePump();
    }
  }

  private record(request: LoadRequest, now: number, error: Error | null, kind: ErrorKind | null): void {
    const host = request.state.host;
    const summary = this.summary;
    const latencyUs = toMicros(now - request.plannedAt);
    const serviceUs = toMicros(now - request.sentAt);
    host.requests++;
    summary.requests++;
    const status = error === null ? request.statusCode : 0;
    // One histogram record per request; per-host, per-class and overall views are sums at the end.
    host.recordIn(statusClassIndex(status), latencyUs, serviceUs, !this.openModel);
    if (status > 0) {
      host.countStatus(status);
      summary.countStatus(status);
    }
    if (kind !== null) {
      host.countError(kind);
      summary.countError(kind);
      if (host.wantsMessage() || summary.wantsMessage()) {
        const message = `${kind}: ${this.detail(request, error, kind)}`;
        host.addMessage(message);
        summary.addMessage(message);
      }
    }
    this.timeSeries!.record(now, latencyUs, kind !== null);
  }

  private detail(request: LoadRequest, error: Error | null, kind: ErrorKind): string {
    const target = request.state.target;
    if (error !== null) return describeError(error);
    if (kind === 'unexpected-status') return `got ${request.statusCode}, expected ${target.expectStatus}`;
    const got = request.bodyMismatch ? JSON.stringify(request.bodySnippet) : `${request.bodyBytes} bytes`;
    return `expected ${JSON.stringify(target.expectBody)}, got ${got}`;
  }

  private unlink(request: LoadRequest): void {
    if (request.prev) request.prev.next = request.next;
    else this.head = request.next;
    if (request.next) request.next.prev = request.prev;
    else this.tail = request.prev;
    request.prev = null;
    request.next = null;
    this.inFlight--;
  }

  // ---- periodic work ----

  /** Times out requests older than timeoutMs and samples the pools' queues. */
  private readonly sweep = (): void => {
    const expiredBefore = this.clock() - this.options.timeoutMs;
    while (this.head !== null && this.head.sentAt <= expiredBefore) {
      const request = this.head;
      this.complete(request, this.timeout);
      request.abortWith = this.timeout;
      request.abort?.(this.timeout);
    }
    const depth = queueDepth(this.dispatchers.values());
    if (depth > this.maxQueueDepth) this.maxQueueDepth = depth;
  };

  private readonly progress = (): void => {
    try {
      this.raw.onProgress?.({
        elapsedMs: this.clock() - this.startAt,
        requests: this.completedTotal,
        errors: this.errorsTotal,
        inFlight: this.inFlight,
      });
    } catch {
      // A failing progress printer must not end a load run; the result is what matters.
    }
  };

  // ---- stopping ----

  private readonly onDurationEnd = (): void => {
    if (this.stopped) return;
    const left = this.endAt - this.clock();
    // libuv's millisecond clock can fire a hair early against performance.now().
    if (left > 0) {
      this.timers.push(setTimeout(this.onDurationEnd, Math.max(1, left)));
      return;
    }
    // Send what fell due in the last timer tick before the window closes.
    this.pump();
    this.stop();
  };

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopAt = Math.min(this.clock(), this.endAt);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.wakeImmediate) clearImmediate(this.wakeImmediate);
    this.countUnsent();
    if (this.inFlight === 0) {
      this.drained();
      return;
    }
    this.timers.push(setTimeout(this.abandonInFlight, this.options.drainMs));
  }

  /** Open model: requests planned before the stop that never went out count as planned and aborted. */
  private countUnsent(): void {
    const schedule = this.schedule;
    if (!schedule) return;
    while (schedule.peek() < this.stopAt) {
      const plannedAt = schedule.peek();
      const state = this.takeNext();
      if (plannedAt >= this.measureAt) {
        state.host.planned++;
        state.host.aborted++;
        this.summary.planned++;
        this.summary.aborted++;
      }
    }
  }

  private readonly abandonInFlight = (): void => {
    const stopped = new RunStoppedError();
    this.abandoned = true;
    while (this.head !== null) {
      const request = this.head;
      request.done = true;
      this.unlink(request);
      if (request.measured) {
        request.state.host.aborted++;
        this.summary.aborted++;
      }
      request.abortWith = stopped;
      request.abort?.(stopped);
    }
    this.drained();
  };

  private drained(): void {
    const finish = this.finishDrain;
    this.finishDrain = null;
    finish?.();
  }

  private async finish(): Promise<LoadResult> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.monitor.disable();
    await closeDispatchers(this.dispatchers.values(), this.abandoned, 1000);
    return this.result();
  }

  private result(): LoadResult {
    const statusClasses = new Map<StatusClass, LatencyPair>();
    for (const host of this.hosts.values()) host.collect(this.summary, statusClasses);
    return buildResult({
      options: this.options,
      seed: this.seed,
      startedAt: this.startWall,
      measuredMs: this.stopAt - this.measureAt,
      aborted: this.aborted,
      summary: this.summary,
      hosts: this.hosts,
      statusClasses,
      sendLag: this.sendLag,
      timeSeries: this.timeSeries!.finish(),
      selfCheck: selfCheckOf(this.sendLag, this.monitor, this.maxQueueDepth),
    });
  }
}
