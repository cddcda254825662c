import { LoadRequest, type TargetState } from './load-request.js';
import type { ResolvedOptions } from './options.js';
import { mulberry32 } from './prng.js';
import { Pump, type PumpParts, type RunWindow } from './pump.js';
import { createSchedule, type Schedule } from './schedule.js';
import type { BehindPolicy, Shard } from './types.js';

/**
 * Open model: one global schedule, whatever the server does. Each wake-up sends every request now
 * due, then sleeps until the next due time. While maxInFlight requests are out, a due request is
 * dropped or waits for a slot, as `behindPolicy` says.
 */
export class OpenPump extends Pump {
  private readonly options: ResolvedOptions;
  private readonly behindPolicy: BehindPolicy;
  private schedule: Schedule | null = null;
  /** Schedule position of the next request; other shards' requests are skipped. */
  private scheduleIndex = 0;
  /** Queue policy: a due request waits for a free slot. */
  private blocked = false;
  /** When the first slot freed up after being blocked; waits before it are the server's, not ours. */
  private slotFreedAt = Number.NEGATIVE_INFINITY;

  constructor(
    parts: PumpParts,
    private readonly seed: number,
    private readonly shard: Shard,
  ) {
    super(parts);
    this.options = parts.options;
    this.behindPolicy = parts.options.behindPolicy;
  }

  /** Also lays out the schedule from the window's start, so a stop before `start` can count what fell due. */
  override plan(window: RunWindow): void {
    super.plan(window);
    const { warmupMs, durationMs, rate, rampTo, arrivals } = this.options;
    this.schedule = createSchedule({
      startMs: window.startAt,
      rate,
      rampTo: rampTo ?? rate,
      rampStartMs: warmupMs,
      rampDurationMs: durationMs,
      arrivals,
      random: mulberry32(this.seed),
    });
    this.skipForeign();
  }

  protected override fill(): void {
    const schedule = this.schedule!;
    const endAt = this.endAt;
    let now = this.clock();
    for (;;) {
      const plannedAt = schedule.peek();
      if (plannedAt > now || plannedAt >= endAt) break;
      if (this.inFlight.size >= this.maxInFlight) {
        if (this.behindPolicy === 'queue') {
          this.blocked = true;
          return; // a completion pumps again
        }
        const state = this.takeNext();
        if (plannedAt >= this.measureAt) this.recorder.dropped(state.host);
        continue;
      }
      now = this.send(this.takeNext(), plannedAt);
    }
    const next = schedule.peek();
    if (next >= endAt) return; // the duration timer takes over
    this.wakeIn(next - this.clock());
  }

  override slotFreed(now: number): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.slotFreedAt = now;
    this.queue();
  }

  /** Also counts the requests planned before the stop that never went out as planned and aborted. */
  override stop(stopAt: number): void {
    super.stop(stopAt);
    const schedule = this.schedule;
    if (!schedule) return;
    while (schedule.peek() < stopAt) {
      const plannedAt = schedule.peek();
      const state = this.takeNext();
      if (plannedAt >= this.measureAt) this.recorder.unsent(state.host);
    }
  }

  /** Sends one planned request; returns when it went out. */
  private send(state: TargetState, plannedAt: number): number {
    const sentAt = this.clock();
    const measured = plannedAt >= this.measureAt;
    const request = new LoadRequest(this.sink, state, plannedAt, sentAt, measured);
    if (measured) this.recorder.sentOnSchedule(state.host, plannedAt, sentAt, Math.max(plannedAt, this.slotFreedAt));
    this.dispatch(request);
    return sentAt;
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
}
