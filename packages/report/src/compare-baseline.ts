import type { HistogramSet, HostStats } from '@prload/loadgen';
import type { ResourceUsage } from '@prload/resources';
import { classifyChange } from './classify-change.js';
import { compareResources, type ResourceComparison } from './compare-resources.js';
import { coarsen, type HistogramBuckets, histogramBuckets, percentilesOf } from './histogram.js';
import { binomial, createRandom, type Random, resampleCounts } from './random.js';

export type ComparedMetric = 'rate' | 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'errorRate';

export const COMPARED_METRICS: readonly ComparedMetric[] = ['rate', 'p50', 'p90', 'p95', 'p99', 'max', 'errorRate'];

const PERCENTILES = { p50: 50, p90: 90, p95: 95, p99: 99 } as const;
type PercentileMetric = keyof typeof PERCENTILES;

export interface ConfidenceInterval {
  readonly low: number;
  readonly high: number;
  /** e.g. 0.95 */
  readonly confidence: number;
}

export interface MetricDelta {
  readonly metric: ComparedMetric;
  readonly unit: 'ms' | 'req/s' | '%';
  /** Baseline value (ms, req/s, or errorRate in percent). */
  readonly baseline: number;
  readonly current: number;
  /** Signed change: relative percent for rate and latency, percentage points for errorRate. */
  readonly changePct: number;
  /** `changePct` signed so that positive means worse (slower, fewer req/s, more errors). */
  readonly regressionPct: number;
  /** Bootstrap confidence interval of `regressionPct`, when histograms or counts allow one. */
  readonly ci?: ConfidenceInterval;
  /** Worse beyond the tolerance and, with a CI, the CI lies entirely above 0 (never set for `max`). */
  readonly regression: boolean;
  /** Better beyond the tolerance and, with a CI, the CI lies entirely below 0. */
  readonly improvement: boolean;
}

export interface HostComparison {
  /** Host name; `*` for all hosts together. */
  readonly host: string;
  readonly metrics: readonly MetricDelta[];
}

export interface BaselineComparison {
  readonly baselineRunId?: string;
  readonly tolerance: number;
  readonly errorRateTolerance: number;
  readonly confidence: number;
  readonly iterations: number;
  readonly seed: number | string;
  readonly summary?: HostComparison;
  readonly hosts: readonly HostComparison[];
  /** Hosts of the baseline that the current run did not load. */
  readonly missingHosts: readonly string[];
  /** Hosts of the current run that the baseline did not have. */
  readonly newHosts: readonly string[];
  /**
   * CPU per request and memory per workload; absent when either run has no resource figures (and in
   * comparisons written before resources were measured).
   */
  readonly resources?: ResourceComparison;
}

/** The parts of a report or load result that a comparison reads. */
export interface ComparableRun {
  readonly run?: { readonly runId: string };
  readonly summary?: HostStats;
  readonly hosts?: Readonly<Record<string, HostStats>>;
  readonly histograms?: HistogramSet;
  /** Absent in reports from before resources were measured, or when they were not sampled. */
  readonly resources?: ResourceUsage;
}

export interface CompareOptions {
  /** Relative change (percent) of rate, latency and resource figures treated as noise. @default 5 */
  readonly tolerance?: number;
  /** Change of the error rate (percentage points) treated as noise. @default 0.5 */
  readonly errorRateTolerance?: number;
  /** Confidence level of the bootstrap intervals. @default 0.95 */
  readonly confidence?: number;
  /** Bootstrap resamples per host; 0 disables the bootstrap (tolerance only). @default 1000 */
  readonly iterations?: number;
  /** Seed of the resampling, so a comparison is reproducible. @default 1 */
  readonly seed?: number | string;
}

/**
 * Compares a run with a baseline per host. A change counts as a regression
 * only if it is worse than the tolerance and, where the histograms allow a
 * bootstrap, its confidence interval excludes zero: two runs of the same code
 * never give identical percentiles. When both runs measured resources, each
 * workload in both is compared too (CPU per request, memory max): one figure
 * per run, so no interval, and the tolerance alone decides.
 */
export function compareToBaseline(
  current: ComparableRun,
  baseline: ComparableRun,
  options: CompareOptions = {},
): BaselineComparison {
  const settings = {
    tolerance: options.tolerance ?? 5,
    errorRateTolerance: options.errorRateTolerance ?? 0.5,
    confidence: options.confidence ?? 0.95,
    iterations: Math.max(0, Math.floor(options.iterations ?? 1000)),
    seed: options.seed ?? 1,
  };
  const currentHosts = Object.keys(current.hosts ?? {});
  const baselineHosts = Object.keys(baseline.hosts ?? {});
  const shared = currentHosts.filter((h) => baselineHosts.includes(h)).sort();
  const hosts = shared.map((host) =>
    compareHost(
      host,
      { stats: current.hosts![host]!, histogram: current.histograms?.perHost[host]?.latency },
      { stats: baseline.hosts![host]!, histogram: baseline.histograms?.perHost[host]?.latency },
      settings,
    ),
  );
  const summary =
    current.summary && baseline.summary
      ? compareHost(
          '*',
          { stats: current.summary, histogram: current.histograms?.latency },
          { stats: baseline.summary, histogram: baseline.histograms?.latency },
          settings,
        )
      : undefined;
  const resources = compareResources(current.resources, baseline.resources, settings.tolerance);
  return {
    ...(baseline.run?.runId ? { baselineRunId: baseline.run.runId } : {}),
    ...settings,
    ...(summary ? { summary } : {}),
    hosts,
    missingHosts: baselineHosts.filter((h) => !currentHosts.includes(h)).sort(),
    newHosts: currentHosts.filter((h) => !baselineHosts.includes(h)).sort(),
    ...(resources ? { resources } : {}),
  };
}

interface Side {
  readonly stats: HostStats;
  readonly histogram: string | undefined;
}

type Settings = Required<CompareOptions>;

function compareHost(host: string, current: Side, baseline: Side, settings: Settings): HostComparison {
  const random = createRandom(`${settings.seed}:${host}`);
  const latencyCis =
    settings.iterations > 0 && current.histogram && baseline.histogram
      ? bootstrapLatency(
          coarsen(histogramBuckets(current.histogram, `histograms of ${host} (current run)`)),
          coarsen(histogramBuckets(baseline.histogram, `histograms of ${host} (baseline)`)),
          settings,
          random,
        )
      : undefined;
  const metrics: MetricDelta[] = [];
  const rateDelta = relativeDelta('rate', 'req/s', current.stats.rate, baseline.stats.rate, -1, undefined, settings);
  if (rateDelta) metrics.push(rateDelta);
  for (const metric of ['p50', 'p90', 'p95', 'p99', 'max'] as const) {
    const ci = metric === 'max' ? undefined : latencyCis?.[metric];
    const delta = relativeDelta(
      metric,
      'ms',
      current.stats.latency[metric],
      baseline.stats.latency[metric],
      1,
      ci,
      settings,
    );
    if (delta) metrics.push(delta);
  }
  metrics.push(errorRateDelta(current.stats, baseline.stats, settings, random));
  return { host, metrics };
}

function relativeDelta(
  metric: ComparedMetric,
  unit: MetricDelta['unit'],
  current: number,
  baseline: number,
  worseSign: 1 | -1,
  ci: ConfidenceInterval | undefined,
  settings: Settings,
): MetricDelta | undefined {
  // A zero baseline has no relative change; such a metric is left out rather than reported as infinite.
  if (!(baseline > 0) || !Number.isFinite(current)) return undefined;
  const changePct = ((current - baseline) / baseline) * 100;
  return decide(metric, unit, baseline, current, changePct, changePct * worseSign, ci, settings.tolerance);
}

function errorRateDelta(current: HostStats, baseline: HostStats, settings: Settings, random: Random): MetricDelta {
  const changePct = (current.errorRate - baseline.errorRate) * 100;
  let ci: ConfidenceInterval | undefined;
  if (settings.iterations > 0 && current.requests > 0 && baseline.requests > 0) {
    const samples = new Float64Array(settings.iterations);
    for (let i = 0; i < settings.iterations; i++) {
      const c = binomial(current.requests, current.errorRate, random) / current.requests;
      const b = binomial(baseline.requests, baseline.errorRate, random) / baseline.requests;
      samples[i] = (c - b) * 100;
    }
    ci = interval(samples, settings.confidence);
  }
  return decide(
    'errorRate',
    '%',
    baseline.errorRate * 100,
    current.errorRate * 100,
    changePct,
    changePct,
    ci,
    settings.errorRateTolerance,
  );
}

function decide(
  metric: ComparedMetric,
  unit: MetricDelta['unit'],
  baseline: number,
  current: number,
  changePct: number,
  regressionPct: number,
  ci: ConfidenceInterval | undefined,
  tolerance: number,
): MetricDelta {
  return {
    metric,
    unit,
    baseline: round(baseline),
    current: round(current),
    changePct: round(changePct),
    regressionPct: round(regressionPct),
    ...(ci ? { ci } : {}),
    // The maximum is one sample: without an interval it is too noisy to call either way.
    ...(metric === 'max' ? { regression: false, improvement: false } : classifyChange(regressionPct, tolerance, ci)),
  };
}

/** Bootstrap CIs of the relative change (percent) of each latency percentile. */
function bootstrapLatency(
  current: HistogramBuckets,
  baseline: HistogramBuckets,
  settings: Settings,
  random: Random,
): Partial<Record<PercentileMetric, ConfidenceInterval>> {
  const result: Partial<Record<PercentileMetric, ConfidenceInterval>> = {};
  if (current.total === 0 || baseline.total === 0) return result;
  const metrics = Object.keys(PERCENTILES) as PercentileMetric[];
  const ranks = metrics.map((m) => PERCENTILES[m]);
  const samples = metrics.map(() => new Float64Array(settings.iterations));
  const currentCounts = new Float64Array(current.counts.length);
  const baselineCounts = new Float64Array(baseline.counts.length);
  const c = new Float64Array(ranks.length);
  const b = new Float64Array(ranks.length);
  for (let i = 0; i < settings.iterations; i++) {
    resampleCounts(current.counts, current.total, random, currentCounts);
    resampleCounts(baseline.counts, baseline.total, random, baselineCounts);
    percentilesOf(current.values, currentCounts, current.total, ranks, c);
    percentilesOf(baseline.values, baselineCounts, baseline.total, ranks, b);
    for (let m = 0; m < ranks.length; m++) samples[m]![i] = b[m]! > 0 ? ((c[m]! - b[m]!) / b[m]!) * 100 : 0;
  }
  metrics.forEach((metric, m) => {
    result[metric] = interval(samples[m]!, settings.confidence);
  });
  return result;
}

function interval(samples: Float64Array, confidence: number): ConfidenceInterval {
  const sorted = Float64Array.from(samples).sort();
  const alpha = (1 - confidence) / 2;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
  return { low: round(at(alpha)), high: round(at(1 - alpha)), confidence };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
