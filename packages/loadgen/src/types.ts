import type { Dispatcher, Pool } from 'undici';
import type { Arrivals } from './schedule.js';
import type { SocketHandler } from './socket-engine/socket-connection.js';

/** One kind of request the generator sends; targets are chosen at random by weight. */
export interface LoadTarget {
  /** Host header (and TLS server name) of the request, e.g. `foo.localhost`. */
  readonly host: string;
  /** @default '/' */
  readonly path?: string;
  /** @default 'GET' */
  readonly method?: string;
  /** Relative share of requests. @default 1 */
  readonly weight?: number;
  /** Any other status counts as an `unexpected-status` error. @default 200 */
  readonly expectStatus?: number;
  /** When set, a different body counts as a `body-mismatch` error (catches misrouting). */
  readonly expectBody?: string;
}

/** A target with every default applied. */
export interface ResolvedTarget {
  readonly host: string;
  readonly path: string;
  readonly method: string;
  readonly weight: number;
  readonly expectStatus: number;
  readonly expectBody?: string;
}

export type LoadModel = 'open' | 'closed';
/**
 * The HTTP client under the load: `undici` (its Pool and dispatch API) or `socket`, the
 * loadgen's own HTTP/1.1 client on net/tls sockets, which costs about half the CPU per request
 * (bench/RESULTS.md) and so reaches higher closed-model throughput on the same core.
 */
export type HttpEngine = 'undici' | 'socket';
export type BehindPolicy = 'queue' | 'drop';

export interface LoadProgress {
  /** Since the run started, warmup included. */
  readonly elapsedMs: number;
  /** Completed requests so far, warmup included. */
  readonly requests: number;
  readonly errors: number;
  readonly inFlight: number;
}

/** Makes the dispatcher for one (address, host) pair; tests use it to observe or replace pools. */
export type DispatcherFactory = (address: string, host: string, options: Pool.Options) => LoadDispatcher;

/** What the run needs of a pool: undici's `Pool` and the socket engine's `SocketPool` both fit. */
export interface LoadDispatcher {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler & SocketHandler): boolean;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/** Which slice of a run one generator sends: index `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface LoadOptions {
  /** Where every request goes, e.g. `http://127.0.0.1:8080`; targets only set the Host header. */
  readonly address: string;
  readonly targets: readonly LoadTarget[];
  /**
   * `open`: requests are sent on a fixed schedule whatever the server does (arrival rate).
   * `closed`: `connections * pipelining` requests are kept in flight (concurrency).
   * @default 'open'
   */
  readonly model?: LoadModel;
  /** Requests per second (open model; required there). */
  readonly rate?: number;
  /** Rate at the end of the measured window; the rate ramps linearly from `rate`. @default rate */
  readonly rampTo?: number;
  /** @default 'constant' */
  readonly arrivals?: Arrivals;
  /** Length of the measured window (after warmup). */
  readonly durationMs: number;
  /** Load sent before the measured window and left out of the results. @default 0 */
  readonly warmupMs?: number;
  /** Sockets per host pool (each target host has its own pool). @default 10 */
  readonly connections?: number;
  /** Requests in flight per socket. @default 1 */
  readonly pipelining?: number;
  /** Whole-request deadline from the actual send; exceeded requests count as `timeout` errors. @default 10000 */
  readonly timeoutMs?: number;
  /**
   * Open model: most requests in flight at once; due requests beyond it wait (`queue`) or are
   * skipped (`drop`). Ignored by the closed model, whose concurrency is `connections * pipelining`.
   * @default connections * pipelining
   */
  readonly maxInFlight?: number;
  /** @default 'queue' */
  readonly behindPolicy?: BehindPolicy;
  /** The run is marked invalid when the generator's own p99 send lag exceeds this. @default 10 */
  readonly maxSendLagP99Ms?: number;
  /** How long in-flight requests may finish after the run stops before they count as aborted. @default min(timeoutMs, 2000) */
  readonly drainMs?: number;
  /** Whether https certificates must verify. @default true */
  readonly rejectUnauthorized?: boolean;
  /**
   * `undici`: one undici Pool per host. `socket`: the loadgen's own keep-alive HTTP/1.1 pool
   * (plain HTTP/1.1 without request bodies, over TCP or TLS with SNI), for the most requests per
   * core. Both record the same results and classify errors alike.
   * @default 'socket'
   */
  readonly engine?: HttpEngine;
  /** 32-bit seed for target choice and Poisson arrivals. @default a random one, reported in the result */
  readonly seed?: number;
  /**
   * Worker threads to run the load from, each with its own pools and a share of `connections`
   * (and `maxInFlight`). Open model: worker w sends requests i = w (mod workers) of the one
   * global schedule, so arrivals keep one absolute timeline. The result is their merge
   * (`mergeResults`), with this run's settings. Use it when one event loop cannot keep up: the
   * closed model tops out near one core. Not with `dispatcherFactory` or `clock`.
   * @default 1
   */
  readonly workers?: number;
  /**
   * Run only this slice of the run these options describe, as one of `count` generators
   * (processes, pods) started side by side. Open model: this one sends requests
   * i = index (mod count) of the one seeded schedule, so the shards' requests together are exactly
   * the single-process schedule; both models: it takes its share of `connections` (and of
   * `maxInFlight`), so the shards' settings add up to these. Merge the shards' results with
   * `mergeResults`. Needs `seed` when count > 1 (every shard must draw the same schedule); not
   * with `workers > 1`.
   * @default the whole run
   */
  readonly shard?: Shard;
  /**
   * When the schedule's t0 is, in wall-clock milliseconds (`Date.now()`): the run waits for it
   * (a timer to that instant; `signal` ends the wait). Shards given the same `startAt` share one
   * timeline. A shard that begins later than `maxSendLagP99Ms` after it is invalid; a start
   * already past sends what fell due at once (or drops it, as `behindPolicy` says).
   * @default now
   */
  readonly startAt?: number;
  /** Stops the run early; the result still holds everything gathered. */
  readonly signal?: AbortSignal;
  /** Called about once per second. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Replaces `engine`'s pools (tests use it to observe them). @default one pool of `engine` per host */
  readonly dispatcherFactory?: DispatcherFactory;
  /** Monotonic milliseconds. @default performance.now */
  readonly clock?: () => number;
}

/** Latency percentiles in milliseconds (floats). */
export interface LatencyStats {
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export type ErrorKind = 'connect-refused' | 'reset' | 'timeout' | 'unexpected-status' | 'body-mismatch' | 'other';
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'error';

export interface HostStats {
  /** Completed requests (any outcome) planned inside the measured window. */
  readonly requests: number;
  readonly errors: number;
  /** errors / requests, 0..1. */
  readonly errorRate: number;
  /** Achieved: requests / measured seconds. */
  readonly rate: number;
  /** Planned requests (sent, dropped or never sent) / measured seconds; 0 for the closed model. */
  readonly targetRate: number;
  /** From the planned send time: includes any wait the generator or the server caused. */
  readonly latency: LatencyStats;
  /** From the actual send time. */
  readonly serviceTime: LatencyStats;
  /** Skipped by the `drop` policy. */
  readonly dropped: number;
  /** Sent more than `settings.lateThresholdMs` after their planned time. */
  readonly late: number;
  /** Planned but not completed when the run stopped: still queued, or in flight after the drain. */
  readonly aborted: number;
  readonly statusCodes: Record<string, number>;
  readonly errorKinds: Partial<Record<ErrorKind, number>>;
  /** Up to 20 distinct messages, `kind: detail`. */
  readonly errorMessages: string[];
}

export interface LoadSettings {
  readonly model: LoadModel;
  /** 0 for the closed model. */
  readonly rate: number;
  readonly rampTo?: number;
  readonly arrivals: Arrivals;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly connections: number;
  readonly pipelining: number;
  /** Absent in results written before the socket engine existed: those used undici. */
  readonly engine?: HttpEngine;
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly behindPolicy: BehindPolicy;
  readonly maxSendLagP99Ms: number;
  readonly lateThresholdMs: number;
  readonly address: string;
  readonly targets: ResolvedTarget[];
}

/** Compressed base64 HdrHistograms (microseconds); decode with `decodeHistogram`. */
export interface LatencyHistograms {
  readonly latency: string;
  readonly serviceTime: string;
}

/** Every histogram of a result: the whole run's, the generator's send lag, per host and per status class. */
export interface HistogramSet extends LatencyHistograms {
  readonly sendLag: string;
  readonly perHost: Record<string, LatencyHistograms>;
  readonly perStatusClass: Partial<Record<StatusClass, LatencyHistograms>>;
}

export interface TimeSeriesPoint {
  /** Whole seconds since the measured window began, by completion time. */
  readonly second: number;
  readonly requests: number;
  readonly errors: number;
  /** Milliseconds, from the planned send time. */
  readonly p50: number;
  readonly p99: number;
}

export interface SelfCheck {
  /** Milliseconds between a request's planned time and its send, not counting waits for a free slot. */
  readonly sendLag: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Milliseconds, from perf_hooks.monitorEventLoopDelay. */
  readonly eventLoopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Most requests waiting inside the pools for a socket, sampled every 100 ms. */
  readonly maxQueueDepth: number;
}

export interface LoadResult {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly settings: LoadSettings;
  readonly seed: number;
  /** False when the generator could not hold its own schedule (or measured nothing); see invalidReason. */
  readonly valid: boolean;
  readonly invalidReason?: string;
  /** Stopped by the AbortSignal before its duration. */
  readonly aborted: boolean;
  /** Actual length of the measured window (shorter than durationMs when aborted). */
  readonly measuredMs: number;
  readonly summary: HostStats;
  readonly hosts: Record<string, HostStats>;
  readonly timeSeries: TimeSeriesPoint[];
  readonly selfCheck: SelfCheck;
  readonly histograms: HistogramSet;
  /** The slice this run sent, when it ran as one shard (`LoadOptions.shard`). */
  readonly shard?: ShardInfo;
  /** Each shard's own figures, by index, when this result merges shards (`mergeResults`). */
  readonly shards?: ShardSummary[];
}

/** How one shard ran: its slice and how its start matched the shared one. */
export interface ShardInfo extends Shard {
  /** The shared t0 (`LoadOptions.startAt`, or when this shard began if none), ISO 8601. */
  readonly startAt: string;
  /**
   * How late this shard's t0 began against `startAt`, on its own clock: 0 when on time, the wait
   * past it when it was started only after `startAt`. Over `maxSendLagP99Ms` makes it invalid.
   */
  readonly startLagMs: number;
}

/** One shard's line in a merged result. */
export interface ShardSummary {
  readonly index: number;
  /** Where it ran (a Kubernetes node name); set by whoever placed the shard, absent otherwise. */
  readonly node?: string;
  /** Measured requests completed (its `summary.requests`). */
  readonly requests: number;
  readonly errors: number;
  /** Its generator's own send lag, milliseconds. */
  readonly sendLag: { readonly p99: number; readonly max: number };
  readonly startLagMs: number;
  /**
   * When the shard saw the shared start minus when its coordinator wrote it, each by its own clock: the clocks'
   * offset plus the notice's delivery time, so an upper bound of how far the shard's clock runs ahead (negative:
   * it runs behind). Set by a coordinator that sends the start over a network; absent otherwise.
   */
  readonly noticeDelayMs?: number;
  readonly valid: boolean;
  readonly invalidReason?: string;
}

/**
 * A load run whose pools (and worker threads) are built but that has not started: what a shard
 * says "ready" with. Call `start` once, or `close` if it will not run.
 */
export interface PreparedLoad {
  /**
   * Starts the run with the schedule's t0 at `startAtEpochMs` (wall clock, `Date.now()`
   * milliseconds), waiting for it with one timer, or now when absent; resolves with the result,
   * also when stopped early by `LoadOptions.signal` (during the wait too). Rejects for a
   * `startAtEpochMs` that is not a finite number, and when called twice or after `close`.
   * @param startAtEpochMs @default LoadOptions.startAt, or now
   */
  start(startAtEpochMs?: number): Promise<LoadResult>;
  /** Releases the pools (and ends the worker threads) of a load that will not start; a no-op once started. */
  close(): Promise<void>;
}
