import type { PodState, SourceReading, UsageReading, WorkloadSelector } from './resource-source.js';
import type {
  GeneratorUsage,
  PodUsage,
  ResourcePoint,
  ResourceQuantities,
  ResourceSourceName,
  ResourceSummary,
  ResourceUsage,
  WorkloadUsage,
} from './types.js';

/** One read of the source, at the sampler's clock. */
export interface Tick extends SourceReading {
  readonly atMs: number;
}

export interface SummarizeUsageInput {
  readonly source: ResourceSourceName;
  readonly workloads: readonly WorkloadSelector[];
  readonly ticks: readonly Tick[];
  readonly intervalMs: number;
  /** The load stage's start and end at the sampler's clock; without a start, nothing is attributed to the load. */
  readonly loadStartMs: number;
  readonly loadEndMs: number;
  /** Requests answered per host during the load (the load result's per-host counts). */
  readonly requestsByHost?: Readonly<Record<string, number>>;
  readonly generator?: GeneratorUsage;
  readonly unavailable?: string;
}

const MIB = 2 ** 20;
/** CPU at or above this share of its limit is being throttled, or is about to be. */
const AT_LIMIT = 0.95;

/** Start and end of an interval, at the source's clock. */
interface Interval {
  readonly fromMs: number;
  readonly toMs: number;
}

interface TimedPoint extends Interval {
  readonly cores: number;
  readonly memoryBytes: number;
}

/** Rates between a pod's successive readings, by the source's own stamps; a reset counter (a restart) starts afresh. */
function pointsOf(readings: readonly UsageReading[], intervalMs: number): TimedPoint[] {
  const points: TimedPoint[] = [];
  let previous: UsageReading | undefined;
  for (const reading of readings) {
    if (previous && reading.timestampMs <= previous.timestampMs) continue;
    if (reading.cpuCores !== undefined) {
      points.push({
        fromMs: reading.timestampMs - intervalMs,
        toMs: reading.timestampMs,
        cores: reading.cpuCores,
        memoryBytes: reading.memoryBytes,
      });
    } else if (
      previous?.cpuSeconds !== undefined &&
      reading.cpuSeconds !== undefined &&
      reading.cpuSeconds >= previous.cpuSeconds
    ) {
      const seconds = (reading.timestampMs - previous.timestampMs) / 1000;
      points.push({
        fromMs: previous.timestampMs,
        toMs: reading.timestampMs,
        cores: (reading.cpuSeconds - previous.cpuSeconds) / seconds,
        memoryBytes: reading.memoryBytes,
      });
    }
    previous = reading;
  }
  return points;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Figures are measurements, not exact sums: three decimals of a millicore or a MiB keep the JSON readable. */
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;

function share(value: number, of: number | undefined): number | undefined {
  return of === undefined || of <= 0 ? undefined : value / of;
}

function summaryOf(
  load: readonly { cores: number; memoryBytes: number; seconds: number }[],
  baseline: readonly { cores: number; memoryBytes: number }[],
  requests: ResourceQuantities,
  limits: ResourceQuantities,
): ResourceSummary {
  const cpuSeconds = load.reduce((sum, p) => sum + p.cores * p.seconds, 0);
  const covered = load.reduce((sum, p) => sum + p.seconds, 0);
  const millicores = load.map((p) => round(p.cores * 1000));
  const cpuMaxMillicores = Math.max(0, ...millicores);
  const memoryMaxMiB = round(Math.max(0, ...load.map((p) => p.memoryBytes / MIB)));
  const optional = (key: keyof ResourceSummary, value: number | undefined) =>
    value === undefined ? {} : { [key]: round(value, 4) };
  return {
    cpuMeanMillicores: covered > 0 ? round((cpuSeconds / covered) * 1000) : 0,
    cpuP95Millicores: percentile(millicores, 95),
    cpuMaxMillicores,
    memoryMaxMiB,
    cpuSeconds: round(cpuSeconds, 6),
    ...(baseline.length > 0
      ? {
          baselineCpuMillicores: round(mean(baseline.map((p) => p.cores * 1000))),
          baselineMemoryMiB: round(mean(baseline.map((p) => p.memoryBytes / MIB))),
        }
      : {}),
    ...optional('cpuMaxOfRequest', share(cpuMaxMillicores, requests.cpuMillicores)),
    ...optional('cpuMaxOfLimit', share(cpuMaxMillicores, limits.cpuMillicores)),
    ...optional('memoryMaxOfRequest', share(memoryMaxMiB, requests.memoryMiB)),
    ...optional('memoryMaxOfLimit', share(memoryMaxMiB, limits.memoryMiB)),
  };
}

function sumQuantities(all: readonly ResourceQuantities[]): ResourceQuantities {
  const cpu = all.filter((q) => q.cpuMillicores !== undefined);
  const memory = all.filter((q) => q.memoryMiB !== undefined);
  return {
    ...(cpu.length > 0 && cpu.length === all.length
      ? { cpuMillicores: cpu.reduce((s, q) => s + q.cpuMillicores!, 0) }
      : {}),
    ...(memory.length > 0 && memory.length === all.length
      ? { memoryMiB: memory.reduce((s, q) => s + q.memoryMiB!, 0) }
      : {}),
  };
}

interface PodTrack {
  readonly name: string;
  readonly readings: UsageReading[];
  readonly states: (PodState & { readonly atMs: number })[];
}

/**
 * Turns the sampler's raw ticks into the report's figures: per pod from its own readings, per
 * workload from the per-tick sum of its pods' latest rates. Pure: the same ticks give the same usage.
 */
export function summarizeUsage(input: SummarizeUsageInput): ResourceUsage {
  const { loadStartMs, loadEndMs, intervalMs } = input;
  const seconds = (ms: number) => Math.round((ms - loadStartMs) / 10) / 100;
  // An interval belongs to the load when most of it lies inside: its midpoint does.
  const inLoad = (p: Interval) => (p.fromMs + p.toMs) / 2 > loadStartMs && (p.fromMs + p.toMs) / 2 <= loadEndMs;
  const inBaseline = (p: Interval) => (p.fromMs + p.toMs) / 2 <= loadStartMs;
  const warnings: string[] = [];

  const workloads: WorkloadUsage[] = input.workloads.map((selector) => {
    const tracks = new Map<string, PodTrack>();
    const track = (pod: string) => {
      const known = tracks.get(pod);
      if (known) return known;
      const created: PodTrack = { name: pod, readings: [], states: [] };
      tracks.set(pod, created);
      return created;
    };
    for (const tick of input.ticks) {
      for (const reading of tick.readings)
        if (reading.workload === selector.name) track(reading.pod).readings.push(reading);
      for (const state of tick.pods)
        if (state.workload === selector.name) track(state.pod).states.push({ ...state, atMs: tick.atMs });
    }

    const pointsByPod = new Map<string, TimedPoint[]>();
    const pods: PodUsage[] = [...tracks.values()].map((t) => {
      const points = pointsOf(t.readings, intervalMs);
      pointsByPod.set(t.name, points);
      const latest = t.states.at(-1);
      const requests = latest?.requests ?? {};
      const limits = latest?.limits ?? {};
      const load = points.filter(inLoad).map((p) => ({ ...p, seconds: (p.toMs - p.fromMs) / 1000 }));
      const baseline = points.filter(inBaseline);
      // Restarts before the load are not the load's doing; a pod first seen during the load counts from then.
      const atStart = t.states.findLast((s) => s.atMs <= loadStartMs) ?? t.states[0];
      const restarts = Math.max(0, (latest?.restartCount ?? 0) - (atStart?.restartCount ?? 0));
      const oomKills = new Set(
        t.states.flatMap((s) => s.oomKilledAtMs).filter((at) => at > loadStartMs && at <= loadEndMs + intervalMs),
      ).size;
      const summary = summaryOf(load, baseline, requests, limits);
      const label = `${selector.name}: pod ${t.name}`;
      if (restarts > 0)
        warnings.push(`${label} restarted ${restarts} time${restarts === 1 ? '' : 's'} during the load`);
      if (oomKills > 0) warnings.push(`${label} was OOM-killed during the load`);
      if ((summary.cpuMaxOfLimit ?? 0) >= AT_LIMIT)
        warnings.push(`${label} CPU reached ${Math.round(summary.cpuMaxOfLimit! * 100)} % of its limit (throttled)`);
      if ((summary.memoryMaxOfLimit ?? 0) >= AT_LIMIT)
        warnings.push(`${label} memory reached ${Math.round(summary.memoryMaxOfLimit! * 100)} % of its limit`);
      return {
        name: t.name,
        ...(latest?.node ? { node: latest.node } : {}),
        requests,
        limits,
        summary,
        restarts,
        oomKills,
        series: points.map((p) => ({
          second: seconds(p.toMs),
          cpuMillicores: round(p.cores * 1000),
          memoryMiB: round(p.memoryBytes / MIB),
        })),
      };
    });

    // The workload per tick: the rate each pod's reading of that tick ends (or repeats, while the
    // kubelet's figures are unchanged: cAdvisor refreshes every 10-15 s by default), summed.
    const stale = Math.max(3 * intervalMs, 20_000);
    const series: ResourcePoint[] = [];
    const sums: { cores: number; memoryBytes: number; atMs: number }[] = [];
    for (const tick of input.ticks) {
      let cores = 0;
      let memoryBytes = 0;
      let any = false;
      for (const reading of tick.readings) {
        if (reading.workload !== selector.name) continue;
        const latest = pointsByPod
          .get(reading.pod)
          ?.findLast((p) => p.toMs <= reading.timestampMs && p.toMs > reading.timestampMs - stale);
        if (!latest) continue;
        any = true;
        cores += latest.cores;
        memoryBytes += latest.memoryBytes;
      }
      if (!any) continue;
      sums.push({ cores, memoryBytes, atMs: tick.atMs });
      series.push({
        second: seconds(tick.atMs),
        cpuMillicores: round(cores * 1000),
        memoryMiB: round(memoryBytes / MIB),
      });
    }
    const requests = sumQuantities(pods.map((p) => p.requests));
    const limits = sumQuantities(pods.map((p) => p.limits));
    const tickPoint = (s: { atMs: number }) => ({ fromMs: s.atMs - intervalMs, toMs: s.atMs });
    const loadSums = sums.filter((s) => inLoad(tickPoint(s)));
    const baselineSums = sums.filter((s) => inBaseline(tickPoint(s)));
    const perTick = summaryOf(
      loadSums.map((s) => ({ ...s, seconds: intervalMs / 1000 })),
      baselineSums,
      requests,
      limits,
    );
    // The mean and CPU time come from the pods' own counters (each pod's rate over the intervals its
    // readings cover, which at the kubelet's ~10 s cadence need not span the whole load); the per-tick
    // sums give the shape (p95, max).
    const loadSeconds = Math.max(0.001, (loadEndMs - loadStartMs) / 1000);
    const cpuMeanMillicores = pods.reduce((sum, p) => sum + p.summary.cpuMeanMillicores, 0);
    const cpuSeconds = (cpuMeanMillicores / 1000) * loadSeconds;
    const summary: ResourceSummary = {
      ...perTick,
      cpuSeconds: round(cpuSeconds, 6),
      cpuMeanMillicores: round(cpuMeanMillicores),
    };
    const hosts = selector.hosts ?? [];
    const served =
      input.requestsByHost === undefined
        ? undefined
        : selector.role === 'ingress'
          ? Object.values(input.requestsByHost).reduce((sum, n) => sum + n, 0)
          : hosts.reduce((sum, host) => sum + (input.requestsByHost![host] ?? 0), 0);
    return {
      name: selector.name,
      role: selector.role,
      hosts,
      requests,
      limits,
      summary,
      restarts: pods.reduce((sum, p) => sum + p.restarts, 0),
      oomKills: pods.reduce((sum, p) => sum + p.oomKills, 0),
      series,
      pods,
      ...(served === undefined ? {} : { requestsServed: served }),
      ...(served !== undefined && cpuSeconds > 0 ? { requestsPerCpuSecond: round(served / cpuSeconds, 1) } : {}),
    };
  });

  return {
    source: input.source,
    intervalMs,
    baselineMs: Math.max(0, loadStartMs - (input.ticks[0]?.atMs ?? loadStartMs)),
    workloads: input.unavailable === undefined ? workloads : [],
    ...(input.generator ? { generator: input.generator } : {}),
    ...(input.unavailable === undefined ? {} : { unavailable: input.unavailable }),
    warnings: input.unavailable === undefined ? warnings : [],
  };
}
