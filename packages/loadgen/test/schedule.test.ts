import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/prng.js';
import { createSchedule, RateCurve } from '../src/schedule.js';

/** Counts the schedule's due times in [startMs, startMs + ms); the schedule is driven by an injected "now". */
function countUntil(schedule: ReturnType<typeof createSchedule>, untilMs: number): number {
  const before = schedule.taken;
  let now = 0;
  // Advance an injected clock in 1 ms steps, as wake-ups would; dueUntil must deliver each request once.
  for (now = 0; now < untilMs; now += 1) schedule.dueUntil(now);
  while (schedule.peek() < untilMs) schedule.take();
  return schedule.taken - before;
}

describe('createSchedule constant arrivals', () => {
  it('puts request i at t0 + i/rate', () => {
    const schedule = createSchedule({ startMs: 1000, rate: 100 });
    expect(schedule.dueUntil(999.99)).toEqual([]);
    expect(schedule.dueUntil(1095)).toEqual([1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1090]);
    expect(schedule.peek()).toBe(1100);
    expect(schedule.taken).toBe(10);
  });

  it('sends every request due at a late wake-up, in order, without skipping', () => {
    const schedule = createSchedule({ startMs: 0, rate: 1000 });
    const due = schedule.dueUntil(49.5);
    expect(due).toHaveLength(50);
    expect(due.at(-1)).toBe(49);
    expect(schedule.dueUntil(49.9)).toEqual([]);
  });

  it('computes each due time from its index, so a million requests do not drift', () => {
    const schedule = createSchedule({ startMs: 5, rate: 3 });
    for (let i = 0; i < 1_000_000; i++) schedule.take();
    expect(schedule.peek()).toBeCloseTo(5 + (1_000_000 * 1000) / 3, 6);
  });

  it('plans exactly rate x duration requests', () => {
    const schedule = createSchedule({ startMs: 0, rate: 250 });
    expect(countUntil(schedule, 4000)).toBe(1000);
  });
});

describe('createSchedule Poisson arrivals', () => {
  it('has the configured mean rate', () => {
    const schedule = createSchedule({ startMs: 0, rate: 1000, arrivals: 'poisson', random: mulberry32(42) });
    const n = countUntil(schedule, 20_000);
    // 20000 expected, standard deviation sqrt(20000) ~ 141; 4 sigma.
    expect(Math.abs(n - 20_000)).toBeLessThan(566);
  });

  it('has exponential gaps (coefficient of variation ~ 1)', () => {
    const schedule = createSchedule({ startMs: 0, rate: 100, arrivals: 'poisson', random: mulberry32(7) });
    const gaps: number[] = [];
    let last = schedule.take();
    for (let i = 0; i < 20_000; i++) {
      const t = schedule.take();
      gaps.push(t - last);
      last = t;
    }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeGreaterThan(9.7);
    expect(mean).toBeLessThan(10.3);
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
  });

  it('is reproducible for one seed and differs across seeds', () => {
    const run = (seed: number) =>
      createSchedule({ startMs: 0, rate: 500, arrivals: 'poisson', random: mulberry32(seed) }).dueUntil(1000);
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('needs a random source', () => {
    expect(() => createSchedule({ startMs: 0, rate: 1, arrivals: 'poisson' })).toThrow(/random source/);
  });
});

describe('createSchedule linear ramp', () => {
  it('plans the integral of the rate: 100 -> 300 req/s over 10 s is 2000 requests', () => {
    const schedule = createSchedule({ startMs: 0, rate: 100, rampTo: 300, rampDurationMs: 10_000 });
    expect(countUntil(schedule, 10_000)).toBe(2000);
  });

  it('ramps linearly: about 200 req/s in the middle second', () => {
    const schedule = createSchedule({ startMs: 0, rate: 100, rampTo: 300, rampDurationMs: 10_000 });
    const before = countUntil(schedule, 4500);
    const middle = countUntil(schedule, 5500);
    expect(before).toBe(Math.ceil(100 * 4.5 + (20 * 4.5 * 4.5) / 2));
    expect(middle).toBeGreaterThanOrEqual(199);
    expect(middle).toBeLessThanOrEqual(201);
  });

  it('ramps down too', () => {
    const schedule = createSchedule({ startMs: 0, rate: 300, rampTo: 100, rampDurationMs: 10_000 });
    expect(countUntil(schedule, 10_000)).toBe(2000);
  });

  it('holds rate before the ramp starts (warmup) and rampTo after it ends', () => {
    const schedule = createSchedule({ startMs: 0, rate: 100, rampTo: 200, rampStartMs: 2000, rampDurationMs: 2000 });
    expect(countUntil(schedule, 2000)).toBe(200);
    expect(countUntil(schedule, 4000)).toBe(300);
    expect(countUntil(schedule, 5000)).toBe(200);
  });

  it('keeps the Poisson mean with a ramp', () => {
    const schedule = createSchedule({
      startMs: 0,
      rate: 100,
      rampTo: 300,
      rampDurationMs: 10_000,
      arrivals: 'poisson',
      random: mulberry32(9),
    });
    // Mean 2000, sd ~45; 4 sigma.
    expect(Math.abs(countUntil(schedule, 10_000) - 2000)).toBeLessThan(180);
  });
});

describe('RateCurve', () => {
  it('timeOf inverts countAt', () => {
    const curve = new RateCurve(50, 400, 1500, 3000);
    for (const seconds of [0, 0.5, 1.5, 2, 3.3, 4.5, 7]) {
      expect(curve.timeOf(curve.countAt(seconds))).toBeCloseTo(seconds, 9);
    }
  });
});
