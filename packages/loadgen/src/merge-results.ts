import type { Histogram } from 'hdr-histogram-js';
import { LoadgenError } from './errors.js';
import { createHistogram, decodeHistogram, encodeHistogram, latencyStats } from './histogram.js';
import { MAX_ERROR_MESSAGES } from './host-recorder.js';
import { mergeShards } from './merge-shards.js';
import { lagStats } from './self-check.js';
import type {
  ErrorKind,
  HostStats,
  LatencyHistograms,
  LoadResult,
  LoadSettings,
  StatusClass,
  TimeSeriesPoint,
} from './types.js';

/** Sums encoded histograms exactly: bucket counts add, so percentiles equal those of one histogram fed every sample. */
function mergeEncoded(encoded: readonly string[]): { histogram: Histogram; base64: string } {
  const merged = createHistogram();
  for (const e of encoded) {
    const h = decodeHistogram(e);
    merged.add(h);
    h.destroy();
  }
  return { histogram: merged, base64: encodeHistogram(merged) };
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number | undefined>>): void {
  for (const [k, v] of Object.entries(from)) if (v !== undefined) into[k] = (into[k] ?? 0) + v;
}

function sum(
  values: readonly HostStats[],
  key: 'requests' | 'errors' | 'dropped' | 'late' | 'aborted' | 'rate' | 'targetRate',
): number {
  let total = 0;
  for (const v of values) total += v[key] ?? 0;
  return total;
}

function mergeStats(
  stats: readonly HostStats[],
  histograms: readonly LatencyHistograms[],
): { stats: HostStats; histograms: LatencyHistograms } {
  const latency = mergeEncoded(histograms.map((h) => h.latency));
  const serviceTime = mergeEncoded(histograms.map((h) => h.serviceTime));
  const statusCodes: Record<string, number> = {};
  const errorKinds: Record<string, number> = {};
  const messages = new Set<string>();
  for (const s of stats) {
    addCounts(statusCodes, s.statusCodes);
    addCounts(errorKinds, s.errorKinds);
    for (const m of s.errorMessages) if (messages.size < MAX_ERROR_MESSAGES) messages.add(m);
  }
  const requests = sum(stats, 'requests');
  const errors = sum(stats, 'errors');
  const merged: HostStats = {
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : 0,
    rate: sum(stats, 'rate'),
    targetRate: sum(stats, 'targetRate'),
    latency: latencyStats(latency.histogram),
    serviceTime: latencyStats(serviceTime.histogram),
    dropped: sum(stats, 'dropped'),
    late: sum(stats, 'late'),
    aborted: sum(stats, 'aborted'),
    statusCodes,
    errorKinds: errorKinds as Partial<Record<ErrorKind, number>>,
    errorMessages: [...messages],
  };
  return { stats: merged, histograms: { latency: latency.base64, serviceTime: serviceTime.base64 } };
}

/** Per-second counts add exactly; per-second percentiles are not stored, so p50 is request-weighted and p99 the worst. */
function mergeTimeSeries(series: readonly TimeSeriesPoint[][]): TimeSeriesPoint[] {
  const bySecond = new Map<number, { requests: number; errors: number; p50Weighted: number; p99: number }>();
  for (const points of series) {
    for (const p of points) {
      const at = bySecond.get(p.second) ?? { requests: 0, errors: 0, p50Weighted: 0, p99: 0 };
      at.requests += p.requests;
      at.errors += p.errors;
      at.p50Weighted += p.p50 * p.requests;
      at.p99 = Math.max(at.p99, p.p99);
      bySecond.set(p.second, at);
    }
  }
  return [...bySecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([second, at]) => ({
      second,
      requests: at.requests,
      errors: at.errors,
      p50: at.requests > 0 ? at.p50Weighted / at.requests : 0,
      p99: at.p99,
    }));
}

function maxOf(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), 0);
}

/**
 * Merges results of generators that ran side by side (shards of one test): counts and rates
 * add, latency percentiles are exact (histograms are summed), the run is valid only if every
 * shard was. Settings are the first shard's, with connections and maxInFlight summed, and rate
 * summed too unless the results are shards (`LoadOptions.shard`): those each took a slice of one
 * full-rate schedule, whose rate is the run's. A merge of shards lists each in `shards`, and is
 * invalid, naming the shard, when one is invalid or missing.
 */
export function mergeResults(results: readonly LoadResult[]): LoadResult {
  const first = results[0];
  if (!first) throw new LoadgenError('mergeResults: needs at least one result');
  for (const r of results) {
    if (r.schemaVersion !== 1)
      throw new LoadgenError(`mergeResults: unsupported schemaVersion ${String(r.schemaVersion)}; expected 1`);
  }

  const summary = mergeStats(
    results.map((r) => r.summary),
    results.map((r) => r.histograms),
  );
  const hostNames = [...new Set(results.flatMap((r) => Object.keys(r.hosts)))];
  const hosts: Record<string, HostStats> = {};
  const perHost: Record<string, LatencyHistograms> = {};
  for (const name of hostNames) {
    const having = results.filter((r) => r.hosts[name] && r.histograms.perHost[name]);
    const merged = mergeStats(
      having.map((r) => r.hosts[name]!),
      having.map((r) => r.histograms.perHost[name]!),
    );
    hosts[name] = merged.stats;
    perHost[name] = merged.histograms;
  }
  const perStatusClass: Partial<Record<StatusClass, LatencyHistograms>> = {};
  const classes = new Set(results.flatMap((r) => Object.keys(r.histograms.perStatusClass) as StatusClass[]));
  for (const c of classes) {
    const pairs = results.flatMap((r) => r.histograms.perStatusClass[c] ?? []);
    perStatusClass[c] = {
      latency: mergeEncoded(pairs.map((p) => p.latency)).base64,
      serviceTime: mergeEncoded(pairs.map((p) => p.serviceTime)).base64,
    };
  }
  const sendLag = mergeEncoded(results.map((r) => r.histograms.sendLag));
  const lag = sendLag.histogram;

  const sharded = mergeShards(results);
  const invalid = sharded
    ? sharded.invalidReasons
    : [...new Set(results.filter((r) => !r.valid).map((r) => r.invalidReason ?? 'invalid'))];
  const rampTos = results.map((r) => r.settings.rampTo);
  const { rampTo: _firstRampTo, ...firstSettings } = first.settings;
  const settings: LoadSettings = {
    ...(sharded
      ? first.settings
      : {
          ...firstSettings,
          rate: results.reduce((a, r) => a + r.settings.rate, 0),
          ...(rampTos.every((x) => x !== undefined) ? { rampTo: rampTos.reduce((a, b) => a + b, 0) } : {}),
        }),
    connections: results.reduce((a, r) => a + r.settings.connections, 0),
    maxInFlight: results.reduce((a, r) => a + r.settings.maxInFlight, 0),
  };

  return {
    schemaVersion: 1,
    startedAt: results.map((r) => r.startedAt).sort()[0]!,
    endedAt: results
      .map((r) => r.endedAt)
      .sort()
      .at(-1)!,
    settings,
    seed: first.seed,
    valid: invalid.length === 0,
    ...(invalid.length === 0 ? {} : { invalidReason: invalid.join('; ') }),
    aborted: results.some((r) => r.aborted),
    measuredMs: maxOf(results.map((r) => r.measuredMs)),
    summary: summary.stats,
    hosts,
    timeSeries: mergeTimeSeries(results.map((r) => r.timeSeries)),
    selfCheck: {
      sendLag: lagStats(lag),
      // The worst generator is what matters for trusting the merged run.
      eventLoopDelay: {
        p50: maxOf(results.map((r) => r.selfCheck.eventLoopDelay.p50)),
        p99: maxOf(results.map((r) => r.selfCheck.eventLoopDelay.p99)),
        max: maxOf(results.map((r) => r.selfCheck.eventLoopDelay.max)),
      },
      maxQueueDepth: maxOf(results.map((r) => r.selfCheck.maxQueueDepth)),
    },
    histograms: {
      latency: summary.histograms.latency,
      serviceTime: summary.histograms.serviceTime,
      sendLag: sendLag.base64,
      perHost,
      perStatusClass,
    },
    ...(sharded ? { shards: sharded.shards } : {}),
  };
}
