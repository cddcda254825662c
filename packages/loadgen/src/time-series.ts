import { createHistogram } from './histogram.js';
import type { TimeSeriesPoint } from './types.js';

/**
 * Per-second requests, errors and latency percentiles, bucketed by completion time. Completions
 * arrive in clock order, so only the current second needs a histogram; a finished second is
 * folded into one small point.
 */
export class TimeSeries {
  readonly points: TimeSeriesPoint[] = [];
  private current = -1;
  private requests = 0;
  private errors = 0;
  // Two significant digits: 1% resolution is plenty for a trend line and keeps the reset cheap.
  private readonly histogram = createHistogram(2);

  constructor(private readonly originMs: number) {}

  record(completedAtMs: number, latencyUs: number, isError: boolean): void {
    const second = Math.max(0, Math.floor((completedAtMs - this.originMs) / 1000));
    if (second !== this.current) this.advance(second);
    this.requests++;
    if (isError) this.errors++;
    this.histogram.recordValue(latencyUs);
  }

  /** Closes the current second; call once when the run ends. */
  finish(): TimeSeriesPoint[] {
    this.flush();
    return this.points;
  }

  private advance(second: number): void {
    // A late completion stamped just before a flush can only be off by clock jitter; keep it in the open second.
    if (second < this.current) return;
    this.flush();
    for (let s = this.current + 1; s < second; s++) {
      this.points.push({ second: s, requests: 0, errors: 0, p50: 0, p99: 0 });
    }
    this.current = second;
  }

  private flush(): void {
    if (this.requests === 0) return;
    this.points.push({
      second: this.current,
      requests: this.requests,
      errors: this.errors,
      p50: this.histogram.getValueAtPercentile(50) / 1000,
      p99: this.histogram.getValueAtPercentile(99) / 1000,
    });
    this.requests = 0;
    this.errors = 0;
    this.histogram.reset();
  }
}
