import { describe, expect, it } from 'vitest';
import { createHistogram } from '../src/histogram.js';
import { invalidReasonOf, selfCheckOf, startEventLoopMonitor } from '../src/self-check.js';
import type { SelfCheck } from '../src/types.js';

const check = (p99: number): SelfCheck => ({
  sendLag: { p50: 0.5, p99, max: p99 },
  eventLoopDelay: { p50: 0, p99: 0, max: 0 },
  maxQueueDepth: 0,
});

describe('invalidReasonOf', () => {
  it('accepts a run whose p99 send lag is within the bound', () => {
    expect(invalidReasonOf({ openModel: true, requests: 10, check: check(9.9), maxSendLagP99Ms: 10 })).toBeUndefined();
  });

  it('rejects a run whose generator lagged, naming the numbers and the fix', () => {
    expect(invalidReasonOf({ openModel: true, requests: 10, check: check(12.345), maxSendLagP99Ms: 10 })).toMatch(
      /^send lag p99 12\.35 ms > maxSendLagP99Ms 10 ms: .*lower the rate/,
    );
  });

  it('ignores send lag for the closed model, which has no schedule', () => {
    expect(invalidReasonOf({ openModel: false, requests: 10, check: check(50), maxSendLagP99Ms: 10 })).toBeUndefined();
  });

  it('rejects a shard that began later than the bound after the shared start, with any other reason after', () => {
    const base = { openModel: true, requests: 10, maxSendLagP99Ms: 10 };
    expect(invalidReasonOf({ ...base, check: check(1), startLagMs: 10 })).toBeUndefined();
    expect(invalidReasonOf({ ...base, check: check(1), startLagMs: 523.26 })).toMatch(
      /^started 523\.3 ms after the shared start \(over the 10 ms bound\): the shard was not ready in time/,
    );
    expect(invalidReasonOf({ ...base, check: check(12), startLagMs: 11 })).toMatch(
      /^started 11\.0 ms after the shared start .*; send lag p99 12\.00 ms > maxSendLagP99Ms 10 ms/,
    );
  });

  it('rejects a run that measured nothing', () => {
    expect(invalidReasonOf({ openModel: false, requests: 0, check: check(0), maxSendLagP99Ms: 10 })).toMatch(
      /no request completed/,
    );
  });
});

describe('selfCheckOf', () => {
  it('reports send lag in ms and zeros before the monitor has samples', () => {
    const lag = createHistogram();
    for (const us of [100, 200, 300, 5000]) lag.recordValue(us);
    const monitor = startEventLoopMonitor();
    monitor.disable();
    const result = selfCheckOf(lag, monitor, 7);
    expect(result.sendLag.p50).toBeCloseTo(0.2, 3);
    expect(result.sendLag.max).toBeCloseTo(5, 2);
    expect(result.eventLoopDelay).toEqual({ p50: 0, p99: 0, max: 0 });
    expect(result.maxQueueDepth).toBe(7);
  });
});
