import type { InFlight } from './in-flight.js';
import type { LoadRequest, RequestSink, TargetState } from './load-request.js';
import type { ResolvedOptions } from './options.js';
import type { RunRecorder } from './run-recorder.js';

/** What a pump sends with and records into; the run owns them. */
export interface PumpParts {
  readonly options: ResolvedOptions;
  readonly clock: () => number;
  /** Receives every request's outcome. */
  readonly sink: RequestSink;
  readonly inFlight: InFlight;
  readonly recorder: RunRecorder;
  readonly states: readonly TargetState[];
  /** Draws the next target's index into `states`. */
  readonly pick: () => number;
}

/** A run's timeline on its clock. */
export interface RunWindow {
  /** The first send. */
  readonly startAt: number;
  /** Requests planned from here on are measured; earlier ones are warmup. */
  readonly measureAt: number;
  /** Nothing planned from here on is sent. */
  readonly endAt: number;
}

/**
 * The send loop's frame, shared by both models: when the pump runs and when it stops. It runs at
 * the start, when it set itself to wake up, once per event-loop turn after completions that free
 * a slot, and at the duration's end; after `stop` it never sends again.
 */
export abstract class Pump {
  /** Set for good by `stop`; the run is then draining. */
  stopped = false;
  protected readonly clock: () => number;
  protected readonly sink: RequestSink;
  protected readonly inFlight: InFlight;
  protected readonly recorder: RunRecorder;
  protected readonly states: readonly TargetState[];
  protected readonly pick: () => number;
  protected readonly maxInFlight: number;
  protected startAt = 0;
  protected measureAt = 0;
  protected endAt = 0;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeImmediate: NodeJS.Immediate | null = null;
  private queued = false;

  constructor(parts: PumpParts) {
    this.clock = parts.clock;
    this.sink = parts.sink;
    this.inFlight = parts.inFlight;
    this.recorder = parts.recorder;
    this.states = parts.states;
    this.pick = parts.pick;
    this.maxInFlight = parts.options.maxInFlight;
  }

  /** Fixes the run's timeline; call once, before `start` or `stop`. */
  plan(window: RunWindow): void {
    this.startAt = window.startAt;
    this.measureAt = window.measureAt;
    this.endAt = window.endAt;
  }

  /** Sends the first requests at the window's start, at once if that has passed. */
  start(): void {
    const wait = this.startAt - this.clock();
    if (wait > 0) this.wakeTimer = setTimeout(this.sendDue, wait);
    else this.sendDue();
  }

  /** Sends what the model allows now. */
  readonly sendDue = (): void => {
    // A pump can run early (a completion, the duration's end) while another wake-up is pending:
    // clear it, so stop() never leaves a timer behind it cannot see.
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.wakeImmediate) clearImmediate(this.wakeImmediate);
    this.wakeTimer = null;
    this.wakeImmediate = null;
    this.queued = false;
    if (this.stopped) return;
    this.fill();
  };

  /** A request completed while sending goes on: a slot is free. */
  abstract slotFreed(now: number): void;

  /** Ends sending at `stopAt` (on the run's clock) and cancels any pending wake-up. */
  stop(_stopAt: number): void {
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.wakeImmediate) clearImmediate(this.wakeImmediate);
  }

  /** Sends what is due and free slots allow, and arranges the next wake-up if there is one. */
  protected abstract fill(): void;

  /** Puts a request in flight and hands it to its pool, which may complete it synchronously. */
  protected dispatch(request: LoadRequest): void {
    this.inFlight.add(request);
    const state = request.state;
    state.dispatcher.dispatch(state.dispatchOptions, request);
  }

  /** Runs the pump after `delayMs`; on the next event-loop turn when that is due already. */
  protected wakeIn(delayMs: number): void {
    if (delayMs <= 0) this.wakeImmediate = setImmediate(this.sendDue);
    else this.wakeTimer = setTimeout(this.sendDue, delayMs);
  }

  /**
   * One pump per event-loop turn after completions. setImmediate rather than a microtask: failures
   * that undici reports in microtasks would otherwise chain into a loop that never yields to timers.
   */
  protected queue(): void {
    if (this.queued || this.stopped) return;
    this.queued = true;
    this.wakeImmediate = setImmediate(this.sendDue);
  }
}
