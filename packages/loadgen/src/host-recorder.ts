import type { Histogram } from 'hdr-histogram-js';
import { createHistogram, encodeHistogram, latencyStats } from './histogram.js';
import type { ErrorKind, HostStats, LatencyHistograms, StatusClass } from './types.js';

/** Distinct error messages kept per host: enough to diagnose, bounded so a flood of errors costs no memory. */
export const MAX_ERROR_MESSAGES = 20;

/**
 * A latency/service-time histogram pair. `sameTimes` (closed model, where every request is sent
 * the moment it is planned) records latency only: service time is the same value, so it is
 * filled in by `addTo` instead of costing a second record per request.
 */
export class LatencyPair {
  readonly latency: Histogram = createHistogram();
  readonly serviceTime: Histogram = createHistogram();

  constructor(readonly sameTimes = false) {}

  record(latencyUs: number, serviceUs: number): void {
    this.latency.recordValue(latencyUs);
    if (!this.sameTimes) this.serviceTime.recordValue(serviceUs);
  }

  /** Adds every sample into `into`; exact, since histograms of one configuration add bucket by bucket. */
  addTo(into: LatencyPair): void {
    into.latency.add(this.latency);
    into.serviceTime.add(this.sameTimes ? this.latency : this.serviceTime);
  }

  encode(): LatencyHistograms {
    const latency = encodeHistogram(this.latency);
    return { latency, serviceTime: this.sameTimes ? latency : encodeHistogram(this.serviceTime) };
  }
}

export const STATUS_CLASSES: readonly StatusClass[] = ['error', '2xx', '3xx', '4xx', '5xx'];

/** Index into STATUS_CLASSES of an HTTP status; 0 (no response) and 1xx are errors. */
export function statusClassIndex(status: number): number {
  return status < 200 ? 0 : status >= 500 ? 4 : ((status / 100) | 0) - 1;
}

/** Counters and histograms for one host, or for the whole run. Only measured requests reach it. */
export class HostRecorder extends LatencyPair {
  requests = 0;
  errors = 0;
  dropped = 0;
  late = 0;
  aborted = 0;
  /** Requests the schedule planned inside the measured window, whatever became of them. */
  planned = 0;
  readonly statusCodes: Record<string, number> = {};
  readonly errorKinds: Partial<Record<ErrorKind, number>> = {};
  readonly errorMessages = new Set<string>();
  /**
   * The hot path records each request once, here, by status class (index into STATUS_CLASSES);
   * `collect` folds the cells into this recorder's own histograms when the run ends.
   */
  readonly byClass: (LatencyPair | undefined)[] = [];

  countStatus(status: number): void {
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
  }

  countError(kind: ErrorKind): void {
    this.errors++;
    this.errorKinds[kind] = (this.errorKinds[kind] ?? 0) + 1;
  }

  /** True while another message would still be kept; lets callers skip building strings. */
  wantsMessage(): boolean {
    return this.errorMessages.size < MAX_ERROR_MESSAGES;
  }

  addMessage(message: string): void {
    if (this.errorMessages.size < MAX_ERROR_MESSAGES) this.errorMessages.add(message);
  }

  /** Records one measured request's times into its status class's cell. */
  recordIn(classIndex: number, latencyUs: number, serviceUs: number, sameTimes: boolean): void {
    let cell = this.byClass[classIndex];
    if (cell === undefined) {
      cell = new LatencyPair(sameTimes);
      this.byClass[classIndex] = cell;
    }
    cell.record(latencyUs, serviceUs);
  }

  /** Folds the per-class cells into this host's histograms and into `summary` and `classes`. */
  collect(summary: LatencyPair, classes: Map<StatusClass, LatencyPair>): void {
    for (const [i, cell] of this.byClass.entries()) {
      if (cell === undefined) continue;
      cell.addTo(this);
      cell.addTo(summary);
      const name = STATUS_CLASSES[i]!;
      let pair = classes.get(name);
      if (!pair) {
        pair = new LatencyPair();
        classes.set(name, pair);
      }
      cell.addTo(pair);
    }
  }

  stats(measuredSeconds: number, openModel: boolean): HostStats {
    return {
      requests: this.requests,
      errors: this.errors,
      errorRate: this.requests > 0 ? this.errors / this.requests : 0,
      rate: measuredSeconds > 0 ? this.requests / measuredSeconds : 0,
      targetRate: openModel && measuredSeconds > 0 ? this.planned / measuredSeconds : 0,
      latency: latencyStats(this.latency),
      serviceTime: latencyStats(this.serviceTime),
      dropped: this.dropped,
      late: this.late,
      aborted: this.aborted,
      statusCodes: { ...this.statusCodes },
      errorKinds: { ...this.errorKinds },
      errorMessages: [...this.errorMessages],
    };
  }
}
