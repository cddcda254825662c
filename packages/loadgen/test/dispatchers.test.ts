import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { closeDispatchers, createDispatchers, queueDepth } from '../src/dispatchers.js';
import { resolveOptions } from '../src/options.js';

describe('createDispatchers', () => {
  it('makes one pool per host with the connection settings and the TLS name for https', async () => {
    const calls: { address: string; host: string; options: Pool.Options }[] = [];
    const options = resolveOptions({
      address: 'https://127.0.0.1:8443',
      targets: [{ host: 'a.localhost' }, { host: 'b.localhost:8443' }, { host: 'a.localhost', path: '/x' }],
      rate: 1,
      durationMs: 1,
      connections: 4,
      pipelining: 2,
      timeoutMs: 3000,
      rejectUnauthorized: false,
    });
    const dispatchers = createDispatchers(options, (address, host, poolOptions) => {
      calls.push({ address, host, options: poolOptions });
      return new Pool(address, poolOptions);
    });
    expect([...dispatchers.keys()]).toEqual(['a.localhost', 'b.localhost:8443']);
    expect(calls.map((c) => [c.address, c.host, c.options.connections, c.options.pipelining])).toEqual([
      ['https://127.0.0.1:8443', 'a.localhost', 4, 2],
      ['https://127.0.0.1:8443', 'b.localhost:8443', 4, 2],
    ]);
    expect(calls[0]!.options.connect).toMatchObject({
      servername: 'a.localhost',
      rejectUnauthorized: false,
      timeout: 3000,
    });
    expect(calls[1]!.options.connect).toMatchObject({ servername: 'b.localhost' });
    expect(queueDepth(dispatchers.values())).toBe(0);
    await closeDispatchers(dispatchers.values(), false, 1000);
  });

  it('sets no TLS name for plain http', async () => {
    const options = resolveOptions({
      address: 'http://127.0.0.1:8080',
      targets: [{ host: 'a' }],
      rate: 1,
      durationMs: 1,
    });
    let connect: unknown;
    const dispatchers = createDispatchers(options, (address, _host, poolOptions) => {
      connect = poolOptions.connect;
      return new Pool(address, poolOptions);
    });
    expect(connect).not.toHaveProperty('servername');
    await closeDispatchers(dispatchers.values(), true, 1000);
  });
});
