import { createHistogram, encodeHistogram } from '../../src/histogram.js';
import { HostRecorder } from '../../src/host-recorder.js';
import type { LoadResult } from '../../src/types.js';

export interface HostSamples {
  /** Latencies in microseconds; service time is recorded as half of each. */
  readonly latencyUs: readonly number[];
  readonly errors?: number;
  readonly planned?: number;
}

/**
 * A LoadResult built from known samples through the same recorders runLoad uses, so merge and
 * threshold tests can compare against exact expectations.
 */
export function resultFromSamples(
  samples: Record<string, HostSamples>,
  overrides: Partial<Pick<LoadResult, 'valid' | 'invalidReason' | 'aborted' | 'measuredMs'>> & {
    model?: 'open' | 'closed';
  } = {},
): LoadResult {
  const measuredMs = overrides.measuredMs ?? 1000;
  const model = overrides.model ?? 'open';
  const summary = new HostRecorder();
  const hosts: Record<string, HostRecorder> = {};
  for (const [name, s] of Object.entries(samples)) {
    const host = new HostRecorder();
    hosts[name] = host;
    for (const [i, us] of s.latencyUs.entries()) {
      for (const r of [host, summary]) {
        r.requests++;
        r.planned++;
        r.record(us, Math.round(us / 2));
        const isError = i < (s.errors ?? 0);
        if (isError) {
          r.countError('unexpected-status');
          r.addMessage('unexpected-status: got 503, expected 200');
          r.countStatus(503);
        } else r.countStatus(200);
      }
    }
    const extraPlanned = (s.planned ?? s.latencyUs.length) - s.latencyUs.length;
    host.planned += extraPlanned;
    summary.planned += extraPlanned;
  }
  const seconds = measuredMs / 1000;
  const sendLag = createHistogram();
  sendLag.recordValue(100);
  const { model: _m, ...rest } = overrides;
  return {
    schemaVersion: 1,
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:00:01.000Z',
    settings: {
      model,
      rate: model === 'open' ? 100 : 0,
      arrivals: 'constant',
      durationMs: measuredMs,
      warmupMs: 0,
      connections: 10,
      pipelining: 1,
      timeoutMs: 10_000,
      maxInFlight: 10,
      behindPolicy: 'queue',
      maxSendLagP99Ms: 10,
      lateThresholdMs: 2,
      address: 'http://127.0.0.1:8080',
      targets: Object.keys(samples).map((host) => ({ host, path: '/', method: 'GET', weight: 1, expectStatus: 200 })),
    },
    seed: 1,
    valid: true,
    aborted: false,
    measuredMs,
    summary: summary.stats(seconds, model === 'open'),
    hosts: Object.fromEntries(Object.entries(hosts).map(([n, h]) => [n, h.stats(seconds, model === 'open')])),
    timeSeries: [{ second: 0, requests: summary.requests, errors: summary.errors, p50: 1, p99: 2 }],
    selfCheck: {
      sendLag: { p50: 0.1, p99: 0.1, max: 0.1 },
      eventLoopDelay: { p50: 0, p99: 1, max: 2 },
      maxQueueDepth: 0,
    },
    histograms: {
      latency: encodeHistogram(summary.latency),
      serviceTime: encodeHistogram(summary.serviceTime),
      sendLag: encodeHistogram(sendLag),
      perHost: Object.fromEntries(Object.entries(hosts).map(([n, h]) => [n, h.encode()])),
      perStatusClass: {},
    },
    ...rest,
  };
}

/** Deterministic pseudo-random latencies with a long tail, in microseconds. */
export function latencies(count: number, seed: number): number[] {
  let x = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const u = x / 2 ** 32;
    out.push(Math.round(500 + 20_000 * u ** 4 + (u > 0.995 ? 900_000 * u : 0)));
  }
  return out;
}
