import { describe, expect, it } from 'vitest';
import { LoadOptionsError } from '../src/errors.js';
import { resolveOptions } from '../src/options.js';
import type { LoadOptions } from '../src/types.js';

const base: LoadOptions = {
  address: 'http://127.0.0.1:8080',
  targets: [{ host: 'a.localhost' }],
  rate: 10,
  durationMs: 1000,
};

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const o = resolveOptions(base);
    expect(o).toMatchObject({
      model: 'open',
      arrivals: 'constant',
      warmupMs: 0,
      connections: 10,
      pipelining: 1,
      timeoutMs: 10_000,
      maxInFlight: 10,
      behindPolicy: 'queue',
      maxSendLagP99Ms: 10,
      drainMs: 2000,
      rejectUnauthorized: true,
      engine: 'socket',
    });
    expect(o.targets).toEqual([{ host: 'a.localhost', path: '/', method: 'GET', weight: 1, expectStatus: 200 }]);
    expect(o.seed).toBeUndefined();
  });

  it('sizes the closed model by connections x pipelining', () => {
    const o = resolveOptions({
      ...base,
      rate: undefined,
      model: 'closed',
      connections: 3,
      pipelining: 4,
      maxInFlight: 99,
    });
    expect(o.maxInFlight).toBe(12);
    expect(o.rate).toBe(0);
  });

  it.each<[string, Partial<Record<keyof LoadOptions, unknown>>, RegExp]>([
    ['rate', { rate: 0 }, /^load\.rate: must be a positive number, got 0$/],
    ['rate', { rate: -5 }, /got -5/],
    ['rate', { rate: undefined }, /load\.rate: must be a positive number, got undefined/],
    ['rampTo', { rampTo: Number.NaN }, /load\.rampTo/],
    ['durationMs', { durationMs: 0 }, /load\.durationMs/],
    ['warmupMs', { warmupMs: -1 }, /load\.warmupMs: must be a number >= 0/],
    ['connections', { connections: 1.5 }, /load\.connections: must be an integer >= 1/],
    ['pipelining', { pipelining: 0 }, /load\.pipelining/],
    ['maxInFlight', { maxInFlight: 0 }, /load\.maxInFlight/],
    ['timeoutMs', { timeoutMs: 0 }, /load\.timeoutMs/],
    ['model', { model: 'fixed' }, /load\.model: must be one of 'open', 'closed', got fixed/],
    ['arrivals', { arrivals: 'bursty' }, /load\.arrivals/],
    ['behindPolicy', { behindPolicy: 'skip' }, /load\.behindPolicy/],
    ['seed', { seed: 2 ** 32 }, /load\.seed/],
    ['address', { address: 'not a url' }, /load\.address: must be a URL/],
    ['address', { address: 'ftp://127.0.0.1' }, /must use http: or https:/],
    ['address', { address: 'http://127.0.0.1:8080/api' }, /paths belong to targets/],
    ['targets', { targets: [] }, /load\.targets: must be a non-empty array/],
    ['targets[0].host', { targets: [{ host: '' }] }, /load\.targets\[0\]\.host/],
    ['targets[0].path', { targets: [{ host: 'a', path: 'x' }] }, /must start with '\/'/],
    // What neither engine can send is refused before the run, whichever engine would send it.
    ['targets[0].host', { targets: [{ host: 'a\0b' }] }, /must be a host name/],
    ['targets[0].host', { targets: [{ host: 'bücher.localhost' }] }, /must be a host name/],
    ['targets[0].path', { targets: [{ host: 'a', path: '/a b' }] }, /visible ASCII without spaces .*"\/a b"/],
    ['targets[0].path', { targets: [{ host: 'a', path: '/\u2603' }] }, /percent-encode the rest/],
    ['targets[0].path', { targets: [{ host: 'a', path: '/a\r\nX: y' }] }, /visible ASCII/],
    ['targets[0].method', { targets: [{ host: 'a', method: 'CONNECT' }] }, /must not be CONNECT: it opens a tunnel/],
    ['targets[0].weight', { targets: [{ host: 'a', weight: -1 }] }, /load\.targets\[0\]\.weight/],
    ['targets', { targets: [{ host: 'a', weight: 0 }] }, /at least one weight must be > 0/],
    ['targets[0].expectStatus', { targets: [{ host: 'a', expectStatus: 42 }] }, /HTTP status 100-599/],
    ['rate', { model: 'closed' }, /only applies to model 'open'/],
    ['shard.index', { shard: { index: 3, count: 3 }, seed: 1 }, /^load\.shard\.index: must be an integer from 0 to 2/],
    [
      'shard.count',
      { shard: { index: 0, count: 101 }, seed: 1 },
      /^load\.shard\.count: must be an integer from 1 to 100/,
    ],
    [
      'seed',
      { shard: { index: 0, count: 2 } },
      /^load\.seed: is required with shard\.count 2 > 1: every shard must draw/,
    ],
    ['workers', { shard: { index: 0, count: 2 }, seed: 1, workers: 2 }, /^load\.workers: must be 1 with shard/],
    ['workers', { shard: { index: 0, count: 1 }, workers: 2 }, /must be 1 with shard/],
    [
      'shard.count',
      { shard: { index: 0, count: 11 }, seed: 1 },
      /^load\.shard\.count: must be <= connections \(10\), got 11$/,
    ],
    ['shard.count', { shard: { index: 0, count: 4 }, seed: 1, maxInFlight: 3 }, /must be <= maxInFlight \(3\), got 4$/],
    [
      'startAt',
      { startAt: Number.NaN },
      /^load\.startAt: must be a finite number \(Date\.now\(\) milliseconds\), got NaN$/,
    ],
    ['startAt', { startAt: Number.POSITIVE_INFINITY }, /got Infinity$/],
    ['startAt', { startAt: '1700000000000' }, /got 1700000000000$/],
  ])('rejects a bad %s', (option, patch, message) => {
    let error: unknown;
    try {
      resolveOptions({ ...base, ...patch } as LoadOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoadOptionsError);
    expect((error as LoadOptionsError).code).toBe('LOADGEN_BAD_OPTION');
    expect((error as LoadOptionsError).option).toBe(option);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it.each(['open', 'closed'] as const)(
    'gives each shard of a %s-model run its share of connections and maxInFlight',
    (model) => {
      const run = { ...base, model, rate: model === 'open' ? 10 : undefined, connections: 10, pipelining: 2, seed: 5 };
      const shards = [0, 1, 2].map((index) => resolveOptions({ ...run, shard: { index, count: 3 } }));
      expect(shards.map((s) => s.connections)).toEqual([4, 3, 3]);
      expect(shards.map((s) => s.maxInFlight)).toEqual(model === 'open' ? [7, 7, 6] : [8, 6, 6]);
      expect(shards.map((s) => s.shard)).toEqual([0, 1, 2].map((index) => ({ index, count: 3 })));
      // A whole run has no shard and keeps every socket.
      expect(resolveOptions(run)).toMatchObject({ connections: 10, maxInFlight: 20 });
      expect(resolveOptions(run).shard).toBeUndefined();
    },
  );
});
