import { describe, expect, it } from 'vitest';
import { LoadOptionsError } from '../src/errors.js';
import { decodeHistogram } from '../src/histogram.js';
import { prepareLoad } from '../src/prepare-load.js';
import { runLoad } from '../src/run-load.js';
import type { LoadProgress } from '../src/types.js';
import { serversClosedAfterEach } from './helpers/servers.js';

// Worker threads load the built dist/ (the test target builds first).

const { serve } = serversClosedAfterEach();

/** Counts requests per Host header and answers with it. */
async function hostCounter() {
  const byHost = new Map<string, number>();
  const server = await serve((req, res) => {
    const host = req.headers.host ?? '';
    byHost.set(host, (byHost.get(host) ?? 0) + 1);
    res.end(host);
  });
  return { server, byHost };
}

describe('runLoad with workers', () => {
  it('open model: two workers send exactly the planned count, to the hosts one worker would have chosen', async () => {
    const { server, byHost } = await hostCounter();
    const options = {
      address: server.address,
      targets: [
        { host: 'a.localhost', expectBody: 'a.localhost' },
        { host: 'b.localhost', expectBody: 'b.localhost' },
      ],
      rate: 200,
      durationMs: 500,
      seed: 42,
    };
    const sharded = await runLoad({ ...options, workers: 2 });
    // Every measured request went out from one of the workers: the merged send-lag histogram holds all.
    expect(decodeHistogram(sharded.histograms.sendLag).totalCount).toBe(100);
    expect(sharded.summary.requests).toBe(100);
    expect(sharded.summary.errors).toBe(0);
    expect(byHost.get('a.localhost')! + byHost.get('b.localhost')!).toBe(100);
    expect(sharded.settings).toMatchObject({ rate: 200, connections: 10, maxInFlight: 10 });
    expect(sharded.seed).toBe(42);
    expect(decodeHistogram(sharded.histograms.latency).totalCount).toBe(100);

    const single = await runLoad(options);
    for (const host of ['a.localhost', 'b.localhost']) {
      expect(sharded.hosts[host]!.requests).toBe(single.hosts[host]!.requests);
      expect(sharded.hosts[host]!.requests).toBeGreaterThan(0);
    }
  });

  it('closed model: splits the connections and merges both workers', async () => {
    const { server } = await hostCounter();
    const progress: LoadProgress[] = [];
    const result = await runLoad({
      address: server.address,
      targets: [{ host: 'a.localhost', expectBody: 'a.localhost' }],
      model: 'closed',
      connections: 4,
      durationMs: 1200,
      workers: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(result.valid).toBe(true);
    expect(result.settings).toMatchObject({ model: 'closed', rate: 0, connections: 4, maxInFlight: 4 });
    expect(result.summary.requests).toBeGreaterThan(50);
    expect(result.summary.errors).toBe(0);
    expect(result.summary.statusCodes).toEqual({ '200': result.summary.requests });
    const latency = decodeHistogram(result.histograms.latency);
    expect(latency.totalCount).toBe(result.summary.requests);
    // Closed model: service time is latency, recorded once and copied.
    expect(result.histograms.serviceTime).toBe(result.histograms.latency);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)!.requests).toBeGreaterThan(0);
  });

  it('returns partial merged results when aborted mid-run', async () => {
    const controller = new AbortController();
    let received = 0;
    const server = await serve((_req, res) => {
      res.end('ok');
      if (++received === 20) controller.abort();
    });
    const started = performance.now();
    const result = await runLoad({
      address: server.address,
      targets: [{ host: 'a' }],
      rate: 100,
      durationMs: 10_000,
      drainMs: 100,
      workers: 2,
      signal: controller.signal,
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.aborted).toBe(true);
    expect(result.measuredMs).toBeLessThan(2000);
    expect(result.summary.requests).toBeGreaterThanOrEqual(15);
    // Each worker stops when the abort message reaches it, so the shards' windows differ by a
    // little; what they planned together still matches the schedule over the merged window.
    const planned = (result.summary.targetRate * result.measuredMs) / 1000;
    expect(Math.abs(result.summary.requests + result.summary.aborted - planned)).toBeLessThanOrEqual(2);
  });

  it('prepareLoad builds the threads; start(startAt) gives them that t0', async () => {
    const arrivals: number[] = [];
    const server = await serve((_req, res) => {
      arrivals.push(Date.now());
      res.end('ok');
    });
    const prepared = await prepareLoad({
      address: server.address,
      targets: [{ host: 'a.localhost', expectBody: 'ok' }],
      rate: 100,
      durationMs: 300,
      seed: 9,
      workers: 2,
    });
    const startAt = Date.now() + 200;
    const result = await prepared.start(startAt);
    expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(startAt);
    expect(result.summary.requests).toBe(30);
    expect(result.settings.rate).toBe(100);
    // Threads are not shards: their merge lists none.
    expect(result.shards).toBeUndefined();
    await expect(prepared.close()).resolves.toBeUndefined();
  });

  it('close() ends threads that never started; start is refused after it', async () => {
    const prepared = await prepareLoad({
      address: 'http://127.0.0.1:1',
      targets: [{ host: 'a' }],
      rate: 10,
      durationMs: 100,
      workers: 2,
    });
    await prepared.close();
    await expect(prepared.start()).rejects.toThrow(/already closed/);
  });

  it.each([
    [{ workers: 3, connections: 2 }, 'workers'],
    [{ workers: 0 }, 'workers'],
    [{ workers: 2, clock: () => 0 }, 'clock'],
  ])('rejects %j', async (extra, option) => {
    const error = await runLoad({
      address: 'http://127.0.0.1:1',
      targets: [{ host: 'a' }],
      rate: 10,
      durationMs: 100,
      ...extra,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadOptionsError);
    expect((error as LoadOptionsError).option).toBe(option);
  });
});
