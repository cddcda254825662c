import type { IntervalHistogram } from 'node:perf_hooks';
import type { Histogram } from 'hdr-histogram-js';
import { buildResult, type ResultInput } from './build-result.js';
import { createHistogram, toMicros } from './histogram.js';
import { HostRecorder, type LatencyPair, statusClassIndex } from './host-recorder.js';
import type { LoadRequest } from './load-request.js';
import { LATE_THRESHOLD_MS } from './options.js';
import { describeFailure, errorKindOf } from './request-outcome.js';
import { selfCheckOf } from './self-check.js';
import { TimeSeries } from './time-series.js';
import type { LoadResult, StatusClass } from './types.js';

/** What the result says about the run itself rather than its requests. */
export type RunFacts = Pick<ResultInput, 'options' | 'seed' | 'startedAt' | 'measuredMs' | 'aborted' | 'shard'>;

/**
 * Everything one run measures: per-host and whole-run counters and histograms, the generator's
 * send lag, the time series and the pools' deepest queue. Only requests planned inside the
 * measured window are recorded; the totals for progress reports count warmup too.
 */
export class RunRecorder {
  readonly summary = new HostRecorder();
  readonly hosts = new Map<string, HostRecorder>();
  /** Every completion so far, warmup included. */
  completedTotal = 0;
  errorsTotal = 0;
  private readonly sendLag: Histogram = createHistogram();
  private maxQueueDepth = 0;
  private timeSeries: TimeSeries | null = null;

  /** The closed model sends every request when it is planned, so latency and service time are one. */
  constructor(private readonly openModel: boolean) {}

  /** The recorder of one host, created on first use; targets sharing a host share it. */
  host(name: string): HostRecorder {
    let host = this.hosts.get(name);
    if (!host) {
      host = new HostRecorder();
      this.hosts.set(name, host);
    }
    return host;
  }

  /** Call once the measured window's start is known; the time series counts seconds from it. */
  start(measureAt: number): void {
    this.timeSeries = new TimeSeries(measureAt);
  }

  /** A measured request went out. */
  sent(host: HostRecorder): void {
    host.planned++;
    this.summary.planned++;
  }

  /**
   * A measured open-model request went out at `sentAt`. Its send lag counts from `readyAt`, when
   * the generator could first send it; whether it was late, from its planned time.
   */
  sentOnSchedule(host: HostRecorder, plannedAt: number, sentAt: number, readyAt: number): void {
    this.sent(host);
    this.sendLag.recordValue(toMicros(sentAt - readyAt));
    if (sentAt - plannedAt > LATE_THRESHOLD_MS) {
      host.late++;
      this.summary.late++;
    }
  }

  /** A measured request was skipped because maxInFlight requests were out (drop policy). */
  dropped(host: HostRecorder): void {
    host.planned++;
    host.dropped++;
    this.summary.planned++;
    this.summary.dropped++;
  }

  /** A measured request fell due before the stop but never went out. */
  unsent(host: HostRecorder): void {
    host.planned++;
    host.aborted++;
    this.summary.planned++;
    this.summary.aborted++;
  }

  /** A measured request was still in flight when the drain gave up on it. */
  abandoned(host: HostRecorder): void {
    host.aborted++;
    this.summary.aborted++;
  }

  /** A request's single outcome; `error` is the transport's (or the timeout's), null for a full response. */
  completed(request: LoadRequest, now: number, error: Error | null): void {
    this.completedTotal++;
    const kind = errorKindOf(request, error);
    if (kind !== null) this.errorsTotal++;
    if (!request.measured) return;

    const host = request.state.host;
    const summary = this.summary;
    const latencyUs = toMicros(now - request.plannedAt);
    const serviceUs = toMicros(now - request.sentAt);
    host.requests++;
    summary.requests++;
    const status = error === null ? request.statusCode : 0;
    // One histogram record per request; per-host, per-class and overall views are sums at the end.
    host.recordIn(statusClassIndex(status), latencyUs, serviceUs, !this.openModel);
    if (status > 0) {
      host.countStatus(status);
      summary.countStatus(status);
    }
    if (kind !== null) {
      host.countError(kind);
      summary.countError(kind);
      if (host.wantsMessage() || summary.wantsMessage()) {
        const message = `${kind}: ${describeFailure(request, error, kind)}`;
        host.addMessage(message);
        summary.addMessage(message);
      }
    }
    this.timeSeries!.record(now, latencyUs, kind !== null);
  }

  /** Requests waiting in the pools for a socket, sampled now and then; the deepest goes to the self-check. */
  queueDepth(depth: number): void {
    if (depth > this.maxQueueDepth) this.maxQueueDepth = depth;
  }

  /** Freezes everything recorded into the result; call once, when the run has drained. */
  result(run: RunFacts, monitor: IntervalHistogram): LoadResult {
    const statusClasses = new Map<StatusClass, LatencyPair>();
    for (const host of this.hosts.values()) host.collect(this.summary, statusClasses);
    return buildResult({
      ...run,
      summary: this.summary,
      hosts: this.hosts,
      statusClasses,
      sendLag: this.sendLag,
      timeSeries: this.timeSeries!.finish(),
      selfCheck: selfCheckOf(this.sendLag, monitor, this.maxQueueDepth),
    });
  }
}
