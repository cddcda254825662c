import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../src/run-load.js';
import type { ErrorKind, HttpEngine, LoadTarget } from '../src/types.js';
import { deadAddress, startServer, type TestServer } from './helpers/servers.js';

/** One real server whose paths fail in every way the generator must tell apart. */
const handler: http.RequestListener = (req, res) => {
  switch (req.url) {
    case '/reset':
      req.socket.resetAndDestroy();
      return;
    case '/destroy':
      req.socket.destroy();
      return;
    case '/unavailable':
      res.writeHead(503).end('busy');
      return;
    case '/slow': {
      const timer = setTimeout(() => res.end('late'), 2000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case '/long':
      res.end(`${req.headers.host}-and-more`);
      return;
    default:
      res.end(req.headers.host);
  }
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer(handler);
});
afterAll(() => server.close());

async function expectKind(
  engine: HttpEngine,
  target: LoadTarget,
  kind: ErrorKind | null,
  message: RegExp | null,
  address?: string,
) {
  const result = await runLoad({
    engine,
    address: address ?? server.address,
    targets: [target],
    rate: 20,
    durationMs: 200,
    timeoutMs: 150,
    drainMs: 500,
    seed: 1,
  });
  const { summary } = result;
  expect(summary.requests).toBe(4);
  if (kind === null) {
    expect(summary.errors).toBe(0);
    expect(summary.errorKinds).toEqual({});
    return;
  }
  expect(summary.errors).toBe(4);
  expect(summary.errorKinds).toEqual({ [kind]: 4 });
  expect(summary.errorRate).toBe(1);
  expect(summary.errorMessages.length).toBeGreaterThan(0);
  for (const m of summary.errorMessages) expect(m).toMatch(message!);
  expect(result.hosts[target.host]!.errorKinds).toEqual({ [kind]: 4 });
}

// Both engines drive the same requests and must tell every failure apart the same way.
describe.each(['undici', 'socket'] as const)(
  'runLoad error classification against real servers (%s engine)',
  (engine) => {
    it('a matching response is no error', () =>
      expectKind(engine, { host: 'a.localhost', expectBody: 'a.localhost' }, null, null));

    it('connection refused', async () => {
      await expectKind(
        engine,
        { host: 'a.localhost' },
        'connect-refused',
        /^connect-refused: .*ECONNREFUSED/,
        await deadAddress(),
      );
    });

    it('reset by the server (RST)', () =>
      expectKind(engine, { host: 'a.localhost', path: '/reset' }, 'reset', /^reset: .*ECONNRESET/));

    it('closed by the server mid-request', () =>
      expectKind(
        engine,
        { host: 'a.localhost', path: '/destroy' },
        'reset',
        /^reset: .*(other side closed|ECONNRESET|closed the connection before the response)/,
      ));

    it('unexpected status', () =>
      expectKind(
        engine,
        { host: 'a.localhost', path: '/unavailable' },
        'unexpected-status',
        /^unexpected-status: got 503, expected 200$/,
      ));

    it('the expected non-200 status is no error', () =>
      expectKind(engine, { host: 'a.localhost', path: '/unavailable', expectStatus: 503 }, null, null));

    it('timeout', () =>
      expectKind(
        engine,
        { host: 'a.localhost', path: '/slow' },
        'timeout',
        /^timeout: .*no complete response within timeoutMs=150/,
      ));

    it('wrong body (misrouted)', () =>
      expectKind(
        engine,
        { host: 'a.localhost', expectBody: 'b.localhost' },
        'body-mismatch',
        /^body-mismatch: expected "b.localhost", got "a.localhost"$/,
      ));

    it('a body longer than expected', () =>
      expectKind(
        engine,
        { host: 'a.localhost', path: '/long', expectBody: 'a.localhost' },
        'body-mismatch',
        /got "a.localhost-and-more"/,
      ));

    it('a body shorter than expected', () =>
      expectKind(engine, { host: 'a', expectBody: 'a-longer' }, 'body-mismatch', /expected "a-longer", got 1 bytes/));

    it('counts status codes and classes', async () => {
      const result = await runLoad({
        engine,
        address: server.address,
        targets: [{ host: 'a.localhost' }, { host: 'a.localhost', path: '/unavailable' }],
        rate: 50,
        durationMs: 200,
        seed: 3,
      });
      const codes = result.summary.statusCodes;
      expect((codes['200'] ?? 0) + (codes['503'] ?? 0)).toBe(10);
      expect(result.summary.errors).toBe(codes['503'] ?? 0);
      expect(Object.keys(result.histograms.perStatusClass).sort()).toEqual(
        [codes['200'] ? '2xx' : null, codes['503'] ? '5xx' : null].filter((c) => c !== null).sort(),
      );
    });
  },
);
