import type { Random } from './prng.js';

/** How requests are spread in time: evenly spaced, or a Poisson process with the same mean rate. */
export type Arrivals = 'constant' | 'poisson';

export interface ScheduleOptions {
  /** Absolute time of the first planned request, in milliseconds on the run's clock. */
  readonly startMs: number;
  /** Requests per second at the start. */
  readonly rate: number;
  /**
   * Requests per second at the end of the ramp; the rate changes linearly from `rate` to this.
   * @default rate (no ramp)
   */
  readonly rampTo?: number;
  /**
   * When the ramp begins, in milliseconds after `startMs` (e.g. the warmup length).
   * @default 0
   */
  readonly rampStartMs?: number;
  /**
   * How long the ramp lasts; after it the rate stays at `rampTo`.
   * @default 0
   */
  readonly rampDurationMs?: number;
  /** @default 'constant' */
  readonly arrivals?: Arrivals;
  /** Uniform source in [0, 1); required for Poisson arrivals. */
  readonly random?: Random;
}

/**
 * One global schedule on absolute time. Request i is due at the time where the integral of the
 * rate reaches i (constant arrivals) or reaches the i-th point of a unit-rate Poisson process
 * (Poisson arrivals: the time-change theorem turns it into a process with the wanted rate, ramp
 * included). Due times never drift: each is computed from i, not accumulated from the previous.
 */
export interface Schedule {
  /** Planned time of the next request (ms), without consuming it. */
  peek(): number;
  /** Consumes the next request and returns its planned time (ms). */
  take(): number;
  /** Consumes and returns every planned time at or before `now`; for tests and batch callers. */
  dueUntil(now: number): number[];
  /** How many requests have been consumed so far. */
  readonly taken: number;
}

/** Cumulative planned-request count as a function of time, and its inverse. */
export class RateCurve {
  private readonly r0: number;
  private readonly r1: number;
  /** Seconds. */
  private readonly a: number;
  private readonly d: number;
  private readonly k: number;
  private readonly countAtRampStart: number;
  private readonly countAtRampEnd: number;

  constructor(rate: number, rampTo: number, rampStartMs: number, rampDurationMs: number) {
    this.r0 = rate;
    this.r1 = rampTo;
    this.a = rampStartMs / 1000;
    this.d = rampDurationMs / 1000;
    this.k = this.d > 0 ? (rampTo - rate) / this.d : 0;
    this.countAtRampStart = rate * this.a;
    this.countAtRampEnd = this.countAtRampStart + (this.d * (rate + rampTo)) / 2;
  }

  /** Requests planned in the first `seconds` seconds. */
  countAt(seconds: number): number {
    if (seconds <= this.a) return this.r0 * seconds;
    const s = seconds - this.a;
    if (s < this.d) return this.countAtRampStart + this.r0 * s + (this.k * s * s) / 2;
    return this.countAtRampEnd + this.r1 * (s - this.d);
  }

  /** Seconds at which the cumulative count reaches `count`. */
  timeOf(count: number): number {
    if (count <= this.countAtRampStart) return count / this.r0;
    if (count < this.countAtRampEnd) {
      const x = count - this.countAtRampStart;
      // Root of r0*s + k*s^2/2 = x, in the form that stays exact when k is 0 or tiny.
      return this.a + (2 * x) / (this.r0 + Math.sqrt(Math.max(0, this.r0 * this.r0 + 2 * this.k * x)));
    }
    return this.a + this.d + (count - this.countAtRampEnd) / this.r1;
  }
}

class CurveSchedule implements Schedule {
  taken = 0;
  private nextAt: number;
  private units = 0;

  constructor(
    private readonly startMs: number,
    private readonly curve: RateCurve,
    private readonly random: Random | undefined,
  ) {
    this.nextAt = this.plan();
  }

  peek(): number {
    return this.nextAt;
  }

  take(): number {
    const at = this.nextAt;
    this.taken++;
    this.nextAt = this.plan();
    return at;
  }

  dueUntil(now: number): number[] {
    const due: number[] = [];
    while (this.nextAt <= now) due.push(this.take());
    return due;
  }

  private plan(): number {
    if (this.random) {
      // Exponential gap of a unit-rate process; 1 - u keeps log away from 0.
      this.units += -Math.log(1 - this.random());
    } else {
      this.units = this.taken;
    }
    return this.startMs + 1000 * this.curve.timeOf(this.units);
  }
}

/** Builds the schedule; options are assumed valid (runLoad validates them first). */
export function createSchedule(options: ScheduleOptions): Schedule {
  const rampTo = options.rampTo ?? options.rate;
  const curve = new RateCurve(options.rate, rampTo, options.rampStartMs ?? 0, options.rampDurationMs ?? 0);
  const poisson = (options.arrivals ?? 'constant') === 'poisson';
  if (poisson && !options.random) throw new TypeError('createSchedule: Poisson arrivals need a random source');
  return new CurveSchedule(options.startMs, curve, poisson ? options.random : undefined);
}
