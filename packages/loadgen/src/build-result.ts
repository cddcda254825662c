import type { Histogram } from 'hdr-histogram-js';
import { encodeHistogram } from './histogram.js';
import type { HostRecorder, LatencyPair } from './host-recorder.js';
import { LATE_THRESHOLD_MS, type ResolvedOptions } from './options.js';
import { invalidReasonOf } from './self-check.js';
import type {
  HostStats,
  LatencyHistograms,
  LoadResult,
  SelfCheck,
  ShardInfo,
  StatusClass,
  TimeSeriesPoint,
} from './types.js';

export interface ResultInput {
  readonly options: ResolvedOptions;
  readonly seed: number;
  readonly startedAt: Date;
  /** Length of the measured window; may carry float noise or be negative (stopped in warmup). */
  readonly measuredMs: number;
  readonly aborted: boolean;
  /** When the run was one shard: its slice and start. */
  readonly shard?: ShardInfo;
  readonly summary: HostRecorder;
  readonly hosts: ReadonlyMap<string, HostRecorder>;
  readonly statusClasses: ReadonlyMap<StatusClass, LatencyPair>;
  readonly sendLag: Histogram;
  readonly timeSeries: TimeSeriesPoint[];
  readonly selfCheck: SelfCheck;
}

/** Freezes the recorders into the JSON-serializable result, deciding validity on the way. */
export function buildResult(input: ResultInput): LoadResult {
  const o = input.options;
  const openModel = o.model === 'open';
  // Whole microseconds: keeps float noise such as 400.0000000000002 out of the result.
  const measuredMs = Math.max(0, Math.round(input.measuredMs * 1000) / 1000);
  const seconds = measuredMs / 1000;
  const hosts: Record<string, HostStats> = {};
  const perHost: Record<string, LatencyHistograms> = {};
  for (const [name, host] of input.hosts) {
    hosts[name] = host.stats(seconds, openModel);
    perHost[name] = host.encode();
  }
  const perStatusClass: Partial<Record<StatusClass, LatencyHistograms>> = {};
  for (const [statusClass, pair] of input.statusClasses) perStatusClass[statusClass] = pair.encode();
  const summary = input.summary.stats(seconds, openModel);
  // A host's target is its weight's share of the schedule, not the count the seeded mix happened to draw.
  const totalWeight = o.targets.reduce((sum, t) => sum + t.weight, 0);
  for (const name of Object.keys(hosts)) {
    const weight = o.targets.filter((t) => t.host === name).reduce((sum, t) => sum + t.weight, 0);
    hosts[name] = { ...hosts[name]!, targetRate: totalWeight > 0 ? (summary.targetRate * weight) / totalWeight : 0 };
  }
  const invalidReason = invalidReasonOf({
    openModel,
    requests: summary.requests,
    check: input.selfCheck,
    maxSendLagP99Ms: o.maxSendLagP99Ms,
    ...(input.shard ? { startLagMs: input.shard.startLagMs } : {}),
  });
  return {
    schemaVersion: 1,
    startedAt: input.startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    settings: {
      model: o.model,
      rate: o.rate,
      ...(o.rampTo === undefined ? {} : { rampTo: o.rampTo }),
      arrivals: o.arrivals,
      durationMs: o.durationMs,
      warmupMs: o.warmupMs,
      connections: o.connections,
      pipelining: o.pipelining,
      engine: o.engine,
      timeoutMs: o.timeoutMs,
      maxInFlight: o.maxInFlight,
      behindPolicy: o.behindPolicy,
      maxSendLagP99Ms: o.maxSendLagP99Ms,
      lateThresholdMs: LATE_THRESHOLD_MS,
      address: o.address.origin,
      targets: o.targets,
    },
    seed: input.seed,
    valid: invalidReason === undefined,
    ...(invalidReason === undefined ? {} : { invalidReason }),
    aborted: input.aborted,
    measuredMs,
    summary,
    hosts,
    timeSeries: input.timeSeries,
    selfCheck: input.selfCheck,
    histograms: {
      latency: encodeHistogram(input.summary.latency),
      serviceTime: encodeHistogram(input.summary.serviceTime),
      sendLag: encodeHistogram(input.sendLag),
      perHost,
      perStatusClass,
    },
    ...(input.shard ? { shard: input.shard } : {}),
  };
}
