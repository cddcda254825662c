import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadgenError, LoadOptionsError } from '../src/errors.js';
import { prepareLoad } from '../src/prepare-load.js';
import { runLoad } from '../src/run-load.js';
import { SocketPool } from '../src/socket-engine/socket-pool.js';
import type { DispatcherFactory, LoadOptions } from '../src/types.js';

/** A loopback server that notes when each request and connection arrived (Date.now()). */
interface WatchedServer {
  readonly address: string;
  readonly requests: number[];
  readonly connections: number[];
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

async function watchedServer(): Promise<WatchedServer> {
  const requests: number[] = [];
  const connections: number[] = [];
  const server = http.createServer({ keepAliveTimeout: 5000 }, (_req, res) => {
    requests.push(Date.now());
    res.end('ok');
  });
  server.on('connection', () => connections.push(Date.now()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, connections };
}

/** Socket-engine pools that log their close and destroy calls. */
function loggedPools(log: string[]): DispatcherFactory {
  return (address, host, options) => {
    const pool = new SocketPool(address, options);
    return {
      dispatch: (o, handler) => pool.dispatch(o, handler),
      close: () => {
        log.push(`close ${host}`);
        return pool.close();
      },
      destroy: () => {
        log.push(`destroy ${host}`);
        return pool.destroy();
      },
    };
  };
}

function shardOptions(address: string, extra: Partial<LoadOptions> = {}): LoadOptions {
  return {
    address,
    targets: [{ host: 'a.localhost', expectBody: 'ok' }],
    rate: 100,
    durationMs: 300,
    seed: 3,
    shard: { index: 0, count: 1 },
    ...extra,
  };
}

describe('prepareLoad', () => {
  it('start(startAt) waits for startAt: nothing reaches the server before it, then the schedule runs from it', async () => {
    const server = await watchedServer();
    // A generous bound: this test is about when the run starts, not how busy the machine is.
    const prepared = await prepareLoad(shardOptions(server.address, { maxSendLagP99Ms: 1000 }));
    const startAt = Date.now() + 300;
    const result = await prepared.start(startAt);
    expect(server.connections.length).toBeGreaterThan(0);
    expect(Math.min(...server.connections)).toBeGreaterThanOrEqual(startAt);
    expect(Math.min(...server.requests)).toBeGreaterThanOrEqual(startAt);
    expect(result.shard).toEqual({
      index: 0,
      count: 1,
      startAt: new Date(startAt).toISOString(),
      startLagMs: expect.any(Number),
    });
    expect(result.shard!.startLagMs).toBeGreaterThanOrEqual(0);
    expect(result.shard!.startLagMs).toBeLessThan(1000);
    expect(result.valid).toBe(true);
    expect(result.summary.requests).toBe(30);
    expect(Date.parse(result.startedAt)).toBeGreaterThanOrEqual(startAt);
  });

  it('marks a shard started after startAt invalid, saying by how much', async () => {
    const server = await watchedServer();
    const prepared = await prepareLoad(shardOptions(server.address, { durationMs: 1000 }));
    const startAt = Date.now() - 500;
    const result = await prepared.start(startAt);
    expect(result.shard!.startLagMs).toBeGreaterThanOrEqual(500);
    expect(result.shard!.startAt).toBe(new Date(startAt).toISOString());
    expect(result.valid).toBe(false);
    expect(result.invalidReason).toMatch(/^started \d+\.\d ms after the shared start \(over the 10 ms bound\)/);
    // Still one timeline: what fell due before the start was sent at once (queued behind maxInFlight).
    expect(result.summary.requests + result.summary.aborted).toBe(100);
  });

  it('close() without start releases every pool; the load cannot start after it', async () => {
    const server = await watchedServer();
    const log: string[] = [];
    const prepared = await prepareLoad({
      ...shardOptions(server.address),
      targets: [{ host: 'a.localhost' }, { host: 'b.localhost' }],
      dispatcherFactory: loggedPools(log),
    });
    await prepared.close();
    expect(log).toEqual(['close a.localhost', 'close b.localhost']);
    await prepared.close();
    expect(log).toHaveLength(2);
    await expect(prepared.start()).rejects.toThrow(/^PreparedLoad\.start: the load was already closed/);
    // Pools connect on first use: a load that never started never reached the server.
    expect(server.connections).toEqual([]);
  });

  it('ends the wait for startAt when the signal aborts, with an aborted, empty result', async () => {
    const server = await watchedServer();
    const controller = new AbortController();
    const log: string[] = [];
    const prepared = await prepareLoad(
      shardOptions(server.address, { signal: controller.signal, dispatcherFactory: loggedPools(log) }),
    );
    const began = performance.now();
    const running = prepared.start(Date.now() + 600_000);
    controller.abort();
    const result = await running;
    expect(performance.now() - began).toBeLessThan(5000);
    expect(result.aborted).toBe(true);
    expect(result.valid).toBe(false);
    expect(result.summary.requests).toBe(0);
    expect(result.shard!.startLagMs).toBe(0);
    expect(log).toEqual(['close a.localhost']);
    expect(server.requests).toEqual([]);
  });

  it('starts once: a second start and a start time that is not a number are refused', async () => {
    const server = await watchedServer();
    const prepared = await prepareLoad(shardOptions(server.address, { durationMs: 50 }));
    const bad = await prepared.start(Number.NaN).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(LoadOptionsError);
    expect((bad as LoadOptionsError).option).toBe('startAt');
    expect((bad as Error).message).toBe('load.startAt: must be a finite number (Date.now() milliseconds), got NaN');
    await prepared.start();
    const again = await prepared.start().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(LoadgenError);
    expect((again as Error).message).toMatch(/already started/);
  });

  it('rejects bad options before building anything', async () => {
    const error = await prepareLoad({
      ...shardOptions('http://127.0.0.1:1'),
      shard: { index: 1, count: 2 },
      seed: undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadOptionsError);
    expect((error as LoadOptionsError).option).toBe('seed');
  });
});

describe('runLoad with startAt', () => {
  it('is prepareLoad then start(startAt): nothing is sent before startAt', async () => {
    const server = await watchedServer();
    const startAt = Date.now() + 200;
    const result = await runLoad({ ...shardOptions(server.address), shard: undefined, startAt });
    expect(Math.min(...server.requests)).toBeGreaterThanOrEqual(startAt);
    expect(result.summary.requests).toBe(30);
    // Only a shard reports its start.
    expect(result.shard).toBeUndefined();
  });
});
