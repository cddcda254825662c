/**
 * Structural copies of the `@prload/loadgen` result types. The report reads a
 * results file written by any prload version with `schemaVersion: 1`, so it
 * depends on the JSON shape, not on the loadgen package's build.
 */

/** Latency percentiles in milliseconds. */
export interface LatencyStats {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Counters and percentiles of one host, or of all hosts together. */
export interface HostStats {
  readonly requests: number;
  readonly errors: number;
  /** errors / requests, 0..1. */
  readonly errorRate: number;
  /** Achieved requests per second. */
  readonly rate: number;
  /** Requests per second the schedule asked for. */
  readonly targetRate: number;
  /** Response time measured from the scheduled send time (includes queueing). */
  readonly latency: LatencyStats;
  /** Response time measured from the actual send time. */
  readonly serviceTime: LatencyStats;
  /** Scheduled requests never sent (generator saturated). */
  readonly dropped: number;
  /** Requests sent later than scheduled. */
  readonly late: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** `connect-refused`, `reset`, `timeout`, `unexpected-status`, `body-mismatch`, `other`… */
  readonly errorKinds: Readonly<Record<string, number | undefined>>;
  /** A sample of distinct error messages; external text, escape before display. */
  readonly errorMessages: readonly string[];
}

export interface LoadTarget {
  readonly host: string;
  readonly path: string;
  readonly method: string;
  readonly weight: number;
  readonly expectStatus: number | readonly number[];
  readonly expectBody?: string;
}

export interface LoadSettings {
  readonly model: string;
  readonly rate: number;
  readonly rampTo?: number;
  readonly arrivals: string;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly connections: number;
  readonly pipelining: number;
  /** The load generator's HTTP client; absent in results from before it was selectable (undici). */
  readonly engine?: string;
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly behindPolicy: string;
  readonly address: string;
  readonly targets: readonly LoadTarget[];
}

/** One second of the measured phase. Latencies in milliseconds. */
export interface TimeSeriesPoint {
  readonly second: number;
  readonly requests: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LagStats {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Whether the generator itself kept up; a lagging generator invalidates latency numbers. */
export interface SelfCheck {
  readonly sendLag: LagStats;
  readonly eventLoopDelay: LagStats;
  readonly maxQueueDepth: number;
}

/** Compressed base64 HdrHistogram strings, values in microseconds. */
export interface HistogramSet {
  readonly latency: string;
  readonly serviceTime: string;
  readonly sendLag?: string;
  readonly perHost?: Readonly<Record<string, { readonly latency: string; readonly serviceTime: string }>>;
  readonly perStatusClass?: Readonly<Record<string, unknown>>;
}

/** The loadgen's result file (`schemaVersion: 1`). */
export interface LoadResult {
  readonly schemaVersion: 1;
  readonly startedAt: string | number;
  readonly endedAt: string | number;
  readonly settings: LoadSettings;
  readonly seed: number | string;
  readonly valid: boolean;
  readonly invalidReason?: string;
  readonly aborted: boolean;
  /** Actual length of the measured window (shorter than durationMs when aborted). */
  readonly measuredMs?: number;
  readonly summary: HostStats;
  readonly hosts: Readonly<Record<string, HostStats>>;
  readonly timeSeries: readonly TimeSeriesPoint[];
  readonly selfCheck: SelfCheck;
  readonly histograms?: HistogramSet;
}

export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One evaluated threshold; `limit`/`actual` are in the metric's display unit (ms, %, req/s). */
export interface ThresholdResult {
  /** The expression as the user wrote it; external text, escape before display. */
  readonly expression: string;
  readonly host?: string;
  /** Resource thresholds (`foo:cpu_max<500m`, `foo:cpu_per_request regression > 10%`): the workload; `host` is absent. */
  readonly workload?: string;
  readonly metric: string;
  readonly op: string;
  readonly limit: number;
  readonly actual: number;
  /** `ms`, `%`, `req/s`, or for resource thresholds `m` (millicores), `MiB`, `count`; guessed from the metric name when absent. */
  readonly unit?: string;
  readonly passed: boolean;
}
