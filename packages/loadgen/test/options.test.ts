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
  });
});
