import { RunStoppedError } from './errors.js';
import type { InFlight } from './in-flight.js';
import type { RunRecorder } from './run-recorder.js';

/**
 * The end of a run, once it sends no more: requests still in flight get drainMs to finish, then
 * they are abandoned, cancelled with a RunStoppedError and counted as aborted. `onDrained` runs
 * once, as soon as none is left.
 */
export class Drain {
  /** In-flight requests were cancelled: their pools must be destroyed, not closed. */
  abandoned = false;
  private timer: NodeJS.Timeout | null = null;
  private onDrained: (() => void) | null;

  constructor(
    private readonly inFlight: InFlight,
    private readonly recorder: RunRecorder,
    private readonly drainMs: number,
    onDrained: () => void,
  ) {
    this.onDrained = onDrained;
  }

  /** Starts waiting for the requests in flight; drained at once when there are none. */
  start(): void {
    if (this.inFlight.size === 0) this.drained();
    else this.timer = setTimeout(this.abandon, this.drainMs);
  }

  /** Call after each completion once started: the last one ends the drain. */
  completed(): void {
    if (this.inFlight.size === 0) this.drained();
  }

  /** Gives up on every request still in flight; also before drainMs, when the caller stops waiting. */
  readonly abandon = (): void => {
    const stopped = new RunStoppedError();
    this.abandoned = true;
    for (let request = this.inFlight.shift(); request !== null; request = this.inFlight.shift()) {
      // Done before the cancel: the pool reports the cancel back as an error, which is no outcome.
      request.done = true;
      if (request.measured) this.recorder.abandoned(request.state.host);
      request.cancel(stopped);
    }
    this.drained();
  };

  private drained(): void {
    if (this.timer) clearTimeout(this.timer);
    const done = this.onDrained;
    this.onDrained = null;
    done?.();
  }
}
