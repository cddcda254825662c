import { describe, expect, it } from 'vitest';
import { LoadRun } from '../src/load-run.js';
import { resolveOptions } from '../src/options.js';
import { mulberry32 } from '../src/prng.js';
import { createSchedule } from '../src/schedule.js';
import type { LoadOptions } from '../src/types.js';
import { type PlannedRequest, recordingDispatchers } from './helpers/recording-dispatcher.js';

const WARMUP_MS = 500;
const DURATION_MS = 2000;

/**
 * Every request a run plans, in the order it sends them, without waiting for the schedule: the
 * run's clock stands past the window's end, so the pump sends every planned request at its first
 * wake-up, and the recording pools answer each at once.
 */
async function planOf(options: LoadOptions): Promise<PlannedRequest[]> {
  const planned: PlannedRequest[] = [];
  const raw: LoadOptions = {
    ...options,
    dispatcherFactory: recordingDispatchers(planned),
    clock: () => WARMUP_MS + DURATION_MS + 1000,
  };
  await new LoadRun(resolveOptions(raw), raw).run(0);
  return planned;
}

const ARRIVALS: Record<string, Pick<LoadOptions, 'rate' | 'rampTo' | 'arrivals'>> = {
  constant: { rate: 400, arrivals: 'constant' },
  poisson: { rate: 400, arrivals: 'poisson' },
  'constant ramp': { rate: 150, rampTo: 700, arrivals: 'constant' },
  'poisson ramp': { rate: 700, rampTo: 150, arrivals: 'poisson' },
};

const cases = Object.keys(ARRIVALS).flatMap((arrivals) => [1, 42, 0xdeadbeef].map((seed) => [arrivals, seed] as const));

describe('OpenPump sharding', () => {
  it.each(cases)(
    '%s arrivals, seed %i: the shards plan exactly the single-process schedule',
    async (arrivals, seed) => {
      const run: LoadOptions = {
        address: 'http://127.0.0.1:1',
        targets: [
          { host: 'a.localhost', weight: 3 },
          { host: 'b.localhost', path: '/x' },
          { host: 'b.localhost', path: '/y', weight: 2 },
        ],
        ...ARRIVALS[arrivals],
        warmupMs: WARMUP_MS,
        durationMs: DURATION_MS,
        connections: 10,
        seed,
      };
      const single = await planOf(run);
      // The reference is the schedule itself: the single process plans every due time of it in the window.
      const { rate, rampTo, arrivals: kind } = resolveOptions(run);
      const schedule = createSchedule({
        startMs: 0,
        rate,
        rampTo: rampTo ?? rate,
        rampStartMs: WARMUP_MS,
        rampDurationMs: DURATION_MS,
        arrivals: kind,
        random: mulberry32(seed),
      });
      const due: number[] = [];
      while (schedule.peek() < WARMUP_MS + DURATION_MS) due.push(schedule.take());
      expect(single.map((r) => r.at)).toEqual(due);
      expect(new Set(single.map((r) => r.target)).size).toBe(3);

      for (const count of [2, 3, 7]) {
        const shards = await Promise.all(
          Array.from({ length: count }, (_, index) => planOf({ ...run, shard: { index, count } })),
        );
        for (const [index, shard] of shards.entries()) {
          // Shard k sends requests k, k + count, k + 2 count… of the one schedule, to the same targets.
          expect(shard, `shard ${index} of ${count}`).toEqual(single.filter((_, i) => i % count === index));
        }
        const union = shards.flat().sort((a, b) => a.at - b.at || a.target.localeCompare(b.target));
        expect(union).toEqual([...single].sort((a, b) => a.at - b.at || a.target.localeCompare(b.target)));
      }
    },
  );
});
