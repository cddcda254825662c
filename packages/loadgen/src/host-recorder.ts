import type { Histogram } from 'hdr-histogram-js';
import { createHistogram, encodeHistogram, latencyStats } from './histogram.js';
import type { ErrorKind, HostStats, LatencyHistograms } from './types.js';

/** Distinct error messages kept per host: enough to diagnose, bounded so a flood of errors costs no memory. */
export const MAX_ERROR_MESSAGES = 20;

/** A latency/service-time histogram pair. */
export class LatencyPair {
  readonly latency: Histogram = createHistogram();
  readonly serviceTime: Histogram = createHistogram();

  record(latencyUs: number, serviceUs: number): void {
    this.latency.recordValue(latencyUs);
    this.serviceTime.recordValue(serviceUs);
  }

  encode(): LatencyHistograms {
    return { latency: encodeHistogram(this.latency), serviceTime: encodeHistogram(this.serviceTime) };
  }
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
