import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Histogram } from 'hdr-histogram-js';
import type { SelfCheck } from './types.js';

/** Event-loop delay sampling every 10 ms: fine enough to see GC pauses, cheap enough to leave on. */
const RESOLUTION_MS = 10;

export function startEventLoopMonitor(): IntervalHistogram {
  const monitor = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  monitor.enable();
  return monitor;
}

/** The monitor records whole timer intervals, so the delay is what exceeds the sampling period. */
function delayMs(ns: number): number {
  return Number.isFinite(ns) ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0;
}

/** p50, p99 and max of a send-lag histogram (microseconds) in milliseconds; zeros when it is empty. */
export function lagStats(sendLag: Histogram): SelfCheck['sendLag'] {
  const empty = sendLag.totalCount === 0;
  return {
    p50: empty ? 0 : sendLag.getValueAtPercentile(50) / 1000,
    p99: empty ? 0 : sendLag.getValueAtPercentile(99) / 1000,
    max: empty ? 0 : sendLag.getValueAtPercentile(100) / 1000,
  };
}

export function selfCheckOf(sendLag: Histogram, monitor: IntervalHistogram, maxQueueDepth: number): SelfCheck {
  const sampled = monitor.count > 0;
  return {
    sendLag: lagStats(sendLag),
    eventLoopDelay: {
      p50: sampled ? delayMs(monitor.percentile(50)) : 0,
      p99: sampled ? delayMs(monitor.percentile(99)) : 0,
      max: sampled ? delayMs(monitor.max) : 0,
    },
    maxQueueDepth,
  };
}

/**
 * Why a run cannot be trusted, or undefined. A generator whose own send lag is high measured
 * itself, not the server. 10 ms by default: timer granularity and GC give a healthy generator
 * a p99 of 1-3 ms, and 10 ms is still small next to the 100+ ms latency limits load tests use.
 * A shard that began later than the same bound after the shared start broke the one timeline.
 */
export function invalidReasonOf(options: {
  readonly openModel: boolean;
  readonly requests: number;
  readonly check: SelfCheck;
  readonly maxSendLagP99Ms: number;
  /** A shard's lateness against the shared start; absent for a whole run. */
  readonly startLagMs?: number;
}): string | undefined {
  const reasons: string[] = [];
  const startLag = options.startLagMs ?? 0;
  if (startLag > options.maxSendLagP99Ms) {
    reasons.push(
      `started ${startLag.toFixed(1)} ms after the shared start (over the ${options.maxSendLagP99Ms} ms bound): the shard was not ready in time or its clock is off`,
    );
  }
  const lag = options.check.sendLag.p99;
  if (options.requests === 0) {
    reasons.push(
      'no request completed in the measured window; lengthen durationMs or check that the run was not stopped during warmup',
    );
  } else if (options.openModel && lag > options.maxSendLagP99Ms) {
    reasons.push(
      `send lag p99 ${lag.toFixed(2)} ms > maxSendLagP99Ms ${options.maxSendLagP99Ms} ms: the generator could not keep its schedule (CPU-starved?); lower the rate, free CPU or raise the bound`,
    );
  }
  return reasons.length === 0 ? undefined : reasons.join('; ');
}
