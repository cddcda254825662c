import { describe, expect, it } from 'vitest';
import { LoadgenError } from '../src/errors.js';
import { createHistogram, decodeHistogram, latencyStats, toMicros } from '../src/histogram.js';
import type { LoadRequest } from '../src/load-request.js';
import { mergeResults } from '../src/merge-results.js';
import { prepareLoad } from '../src/prepare-load.js';
import type { SocketHandler } from '../src/socket-engine/socket-connection.js';
import { SocketPool } from '../src/socket-engine/socket-pool.js';
import type { DispatcherFactory, LoadOptions, LoadResult, ShardInfo } from '../src/types.js';
import { latencies, resultFromSamples } from './helpers/results.js';
import { serversClosedAfterEach } from './helpers/servers.js';

const { serve } = serversClosedAfterEach();

/**
 * Real socket-engine pools that also note each measured request's latency in microseconds, by
 * host: exactly what the run records, since the run's clock reading at the completion is the
 * last one `clock` handed out when the handler returns.
 */
function samplingPools(samples: Map<string, number[]>): { factory: DispatcherFactory; clock: () => number } {
  let last = 0;
  const clock = (): number => {
    last = performance.now();
    return last;
  };
  const factory: DispatcherFactory = (address, host, options) => {
    const pool = new SocketPool(address, options);
    return {
      dispatch(dispatchOptions, handler) {
        const request = handler as unknown as LoadRequest;
        const settled = (finish: () => void): void => {
          const wasDone = request.done;
          finish();
          if (!wasDone && request.done && request.measured) {
            const list = samples.get(host) ?? [];
            list.push(toMicros(last - request.plannedAt));
            samples.set(host, list);
          }
        };
        const wrapped: SocketHandler = {
          onConnect: (abort) => handler.onConnect(abort),
          onHeaders: (status, headers, resume, text) => handler.onHeaders(status, headers, resume, text),
          onData: (chunk) => handler.onData(chunk),
          onComplete: (trailers) => settled(() => handler.onComplete(trailers)),
          onError: (error) => settled(() => handler.onError(error)),
        };
        return pool.dispatch(dispatchOptions, wrapped);
      },
      close: () => pool.close(),
      destroy: () => pool.destroy(),
    };
  };
  return { factory, clock };
}

/** Prepares every shard, then starts them all at one instant shortly ahead, as a coordinator does. */
async function runShards(
  run: LoadOptions,
  count: number,
  perShard: (index: number) => Partial<LoadOptions> = () => ({}),
): Promise<LoadResult[]> {
  const prepared = await Promise.all(
    Array.from({ length: count }, (_, index) => prepareLoad({ ...run, shard: { index, count }, ...perShard(index) })),
  );
  const startAt = Date.now() + 150;
  return Promise.all(prepared.map((p) => p.start(startAt)));
}

function histogramOf(values: readonly number[]) {
  const h = createHistogram();
  for (const v of values) h.recordValue(v);
  return h;
}

describe('mergeResults of shards run for real', () => {
  it('adds the shards up exactly: requests, per-host counts, and percentiles of every sample', async () => {
    const server = await serve((req, res) => res.end(req.headers.host));
    const samples = new Map<string, number[]>();
    const { factory, clock } = samplingPools(samples);
    const run: LoadOptions = {
      address: server.address,
      targets: [
        { host: 'a.localhost', weight: 2, expectBody: 'a.localhost' },
        { host: 'b.localhost', expectBody: 'b.localhost' },
      ],
      rate: 300,
      warmupMs: 200,
      durationMs: 1000,
      seed: 21,
      // This test is about the arithmetic of the merge, not about how busy the machine is.
      maxSendLagP99Ms: 1000,
      dispatcherFactory: factory,
      clock,
    };
    const shards = await runShards(run, 3);
    const merged = mergeResults(shards);

    const sum = (of: (r: LoadResult) => number) => shards.reduce((total, r) => total + of(r), 0);
    expect(merged.summary.requests).toBe(sum((r) => r.summary.requests));
    // The shards together planned the whole window: 300 requests a second for one second.
    expect(merged.summary.requests + merged.summary.aborted + merged.summary.dropped).toBe(300);
    expect(merged.summary.errors).toBe(0);
    expect(merged.settings).toMatchObject({ rate: 300, connections: 10, maxInFlight: 10 });
    expect(shards.map((r) => r.settings.connections)).toEqual([4, 3, 3]);
    expect(merged.seed).toBe(21);
    expect(merged.valid).toBe(true);
    expect(merged.shard).toBeUndefined();
    expect(merged.shards!.map((s) => [s.index, s.requests, s.errors, s.valid])).toEqual(
      shards.map((r) => [r.shard!.index, r.summary.requests, 0, true]),
    );
    expect(merged.shards!.map((s) => s.startLagMs)).toEqual(shards.map((r) => r.shard!.startLagMs));

    const all = histogramOf([...samples.values()].flat());
    expect(all.totalCount).toBe(merged.summary.requests);
    expect(merged.summary.latency).toEqual(latencyStats(all));
    const decoded = decodeHistogram(merged.histograms.latency);
    for (const p of [50, 90, 99, 99.9, 100]) expect(decoded.getValueAtPercentile(p)).toBe(all.getValueAtPercentile(p));
    for (const host of ['a.localhost', 'b.localhost']) {
      const hostSamples = histogramOf(samples.get(host)!);
      expect(merged.hosts[host]!.latency).toEqual(latencyStats(hostSamples));
      expect(merged.hosts[host]!.requests).toBe(sum((r) => r.hosts[host]?.requests ?? 0));
      expect(merged.hosts[host]!.statusCodes).toEqual({ '200': merged.hosts[host]!.requests });
      expect(decodeHistogram(merged.histograms.perHost[host]!.latency).totalCount).toBe(hostSamples.totalCount);
    }
  });

  it('is invalid when one shard is, naming that shard', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const run: LoadOptions = {
      address: server.address,
      targets: [{ host: 'a.localhost' }],
      rate: 200,
      durationMs: 300,
      seed: 4,
      maxSendLagP99Ms: 1000,
    };
    // A bound of a microsecond: no real start or send keeps it.
    const shards = await runShards(run, 3, (index) => (index === 2 ? { maxSendLagP99Ms: 0.001 } : {}));
    const merged = mergeResults(shards);
    expect(merged.valid).toBe(false);
    expect(merged.invalidReason).toMatch(/^shard 2: (started|send lag)/);
    expect(merged.invalidReason).not.toMatch(/shard [01]:/);
    expect(merged.shards!.map((s) => s.valid)).toEqual([true, true, false]);
    expect(merged.shards![2]!.invalidReason).toBe(shards[2]!.invalidReason);
  });

  it('closed model: the shards split the connections, and the merge has the run settings', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const shards = await runShards(
      {
        address: server.address,
        targets: [{ host: 'a.localhost' }],
        model: 'closed',
        connections: 4,
        durationMs: 300,
        seed: 8,
      },
      2,
    );
    const merged = mergeResults(shards);
    expect(shards.map((r) => r.settings.connections)).toEqual([2, 2]);
    expect(merged.settings).toMatchObject({ model: 'closed', rate: 0, connections: 4, maxInFlight: 4 });
    expect(merged.summary.requests).toBe(shards[0]!.summary.requests + shards[1]!.summary.requests);
    expect(merged.shards).toHaveLength(2);
  });
});

/** A synthetic shard result of known samples. */
function shardResult(index: number, count: number, extra: Partial<LoadResult> = {}): LoadResult {
  const shard: ShardInfo = { index, count, startAt: '2025-01-01T00:00:00.000Z', startLagMs: 0.5 };
  return { ...resultFromSamples({ 'a.localhost': { latencyUs: latencies(100, index + 1) } }), shard, ...extra };
}

describe('mergeResults of shards', () => {
  it('keeps the run rate, lists the shards by index, and is invalid when one is missing', () => {
    const merged = mergeResults([shardResult(2, 3), shardResult(0, 3)]);
    expect(merged.settings.rate).toBe(100);
    expect(merged.shards).toEqual([
      { index: 0, requests: 100, errors: 0, sendLag: { p99: 0.1, max: 0.1 }, startLagMs: 0.5, valid: true },
      { index: 2, requests: 100, errors: 0, sendLag: { p99: 0.1, max: 0.1 }, startLagMs: 0.5, valid: true },
    ]);
    expect(merged.valid).toBe(false);
    expect(merged.invalidReason).toBe('shard 1: no result (its share of the load is missing)');
  });

  it('names every invalid shard in index order', () => {
    const merged = mergeResults([
      shardResult(1, 2, { valid: false, invalidReason: 'started 23.0 ms after the shared start' }),
      shardResult(0, 2, { valid: false, invalidReason: 'send lag p99 12.00 ms > maxSendLagP99Ms 10 ms' }),
    ]);
    expect(merged.invalidReason).toBe(
      'shard 0: send lag p99 12.00 ms > maxSendLagP99Ms 10 ms; shard 1: started 23.0 ms after the shared start',
    );
    expect(merged.shards!.map((s) => s.invalidReason)).toEqual([
      'send lag p99 12.00 ms > maxSendLagP99Ms 10 ms',
      'started 23.0 ms after the shared start',
    ]);
  });

  it.each<[string, LoadResult[], RegExp]>([
    [
      'a shard and a whole run',
      [shardResult(0, 2), resultFromSamples({ a: { latencyUs: [1] } })],
      /some results are shards/,
    ],
    [
      'a whole run and a shard',
      [resultFromSamples({ a: { latencyUs: [1] } }), shardResult(0, 2)],
      /some results are shards/,
    ],
    ['shards of different counts', [shardResult(0, 2), shardResult(1, 3)], /shard 1 is one of 3, shard 0 one of 2/],
    ['one shard twice', [shardResult(1, 2), shardResult(1, 2)], /shard 1 is there twice/],
    [
      'shards of different seeds',
      [shardResult(0, 2), shardResult(1, 2, { seed: 2 })],
      /shard 1 drew seed 2, shard 0 seed 1/,
    ],
  ])('refuses %s', (_name, results, message) => {
    expect(() => mergeResults(results)).toThrow(LoadgenError);
    expect(() => mergeResults(results)).toThrow(message);
  });
});
