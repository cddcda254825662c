import { LoadRequest, type TargetState } from './load-request.js';
import { Pump } from './pump.js';

/**
 * Closed model: keeps maxInFlight requests out until the duration ends; every completion sends the
 * next. A request is planned the moment it goes out, so it has no send lag and is never late.
 */
export class ClosedPump extends Pump {
  protected override fill(): void {
    while (this.inFlight.size < this.maxInFlight) {
      if (this.clock() >= this.endAt) return;
      const request = this.send(this.states[this.pick()]!);
      if (request.done) {
        // undici rejected it synchronously (e.g. a destroyed pool): yield to the event loop
        // instead of spinning on failures until the duration ends.
        this.queue();
        return;
      }
    }
  }

  override slotFreed(): void {
    this.queue();
  }

  private send(state: TargetState): LoadRequest {
    const sentAt = this.clock();
    const measured = sentAt >= this.measureAt;
    const request = new LoadRequest(this.sink, state, sentAt, sentAt, measured);
    if (measured) this.recorder.sent(state.host);
    this.dispatch(request);
    return request;
  }
}
