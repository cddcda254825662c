import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { LoadOptionsError } from '../src/errors.js';
import { runLoad } from '../src/run-load.js';
import { serversClosedAfterEach, startHttpsServer } from './helpers/servers.js';

const { serve, track } = serversClosedAfterEach();

// The same runs through either HTTP client must give the same results; only the cost per request differs.
describe.each(['undici', 'socket'] as const)('runLoad with the %s engine', (engine) => {
  it('sends the seeded host mix on schedule and reports the engine', async () => {
    const seen: string[] = [];
    const server = await serve((req, res) => {
      seen.push(req.headers.host ?? '');
      res.end(req.headers.host);
    });
    const result = await runLoad({
      engine,
      address: server.address,
      targets: [
        { host: 'foo.localhost', expectBody: 'foo.localhost', weight: 3 },
        { host: 'bar.localhost', expectBody: 'bar.localhost' },
      ],
      rate: 200,
      durationMs: 250,
      seed: 42,
    });
    expect(result.settings.engine).toBe(engine);
    expect(result.summary.requests).toBe(50);
    expect(result.summary.errors).toBe(0);
    // Seed 42 picks this mix whatever client sends it.
    expect(seen.filter((h) => h === 'foo.localhost')).toHaveLength(result.hosts['foo.localhost']!.requests);
    expect(result.hosts['foo.localhost']!.requests + result.hosts['bar.localhost']!.requests).toBe(50);
  });

  it('pipelines: answers come back in order to the right request', async () => {
    const server = await serve((req, res) => {
      res.end(req.headers.host);
    });
    const result = await runLoad({
      engine,
      address: server.address,
      targets: [
        { host: 'a.localhost', expectBody: 'a.localhost' },
        { host: 'b.localhost', expectBody: 'b.localhost' },
      ],
      model: 'closed',
      connections: 2,
      pipelining: 4,
      durationMs: 300,
    });
    expect(result.summary.errors).toBe(0);
    expect(result.summary.requests).toBeGreaterThan(100);
  });

  it('sets the TLS server name and Host header for https', async () => {
    const names: string[] = [];
    const server = track(
      await startHttpsServer((req, res) => {
        names.push(`${(req.socket as TLSSocket).servername} ${req.headers.host}`);
        res.end('secure');
      }),
    );
    const result = await runLoad({
      engine,
      address: server.address,
      targets: [{ host: 'sni.localhost', expectBody: 'secure' }],
      rate: 20,
      durationMs: 100,
      rejectUnauthorized: false,
    });
    expect(result.summary.errors).toBe(0);
    expect(names).toEqual(['sni.localhost sni.localhost', 'sni.localhost sni.localhost']);
  });

  it('refuses an unverifiable certificate unless told otherwise', async () => {
    const server = track(await startHttpsServer((_req, res) => res.end('secure')));
    const result = await runLoad({
      engine,
      address: server.address,
      targets: [{ host: 'sni.localhost' }],
      rate: 20,
      durationMs: 100,
    });
    expect(result.summary.errors).toBe(2);
    expect(result.summary.errorMessages.join(' ')).toMatch(/self[- ]signed|certificate/i);
  });
});

describe('engine option', () => {
  it('defaults to the socket engine', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const result = await runLoad({ address: server.address, targets: [{ host: 'a' }], rate: 20, durationMs: 100 });
    expect(result.settings.engine).toBe('socket');
  });

  it('names the option and the choices when it is wrong', async () => {
    await expect(
      runLoad({
        address: 'http://127.0.0.1:1',
        targets: [{ host: 'a' }],
        rate: 1,
        durationMs: 1,
        engine: 'curl' as 'socket',
      }),
    ).rejects.toThrow(new LoadOptionsError('engine', "must be one of 'undici', 'socket', got curl"));
  });
});
