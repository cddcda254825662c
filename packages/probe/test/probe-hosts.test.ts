import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { ProbeAbortedError, ProbeOptionsError, ProbeRequestError, ProbeTimeoutError } from '../src/errors.js';
import { probeHosts } from '../src/probe-hosts.js';
import type { ProbeAttemptEvent } from '../src/probe-hosts-options.js';
import { freePort, startServer, type TestServer } from './helpers/http-server.js';

const fast = { initialMs: 5, maxMs: 20, factor: 2 } as const;
const servers: TestServer[] = [];
const dispatchers: Agent[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, port?: number): Promise<TestServer> {
  const s = await startServer(handler, port);
  servers.push(s);
  return s;
}

function agent(): Agent {
  const a = new Agent({ connect: { timeout: 2000 } });
  dispatchers.push(a);
  return a;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dispatchers.splice(0).map((d) => d.close()));
});

/** Routes on the Host header like an ingress: known hosts answer `name\n`, others the default backend. */
function ingress(routes: Record<string, string>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const body = routes[req.headers.host ?? ''];
    if (body === undefined) {
      res.writeHead(404).end('default backend - 404');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  };
}

describe('probeHosts', () => {
  test('retries 503 until 200: three attempts', async () => {
    let hits = 0;
    const s = await serve((_req, res) => {
      hits += 1;
      if (hits <= 2) res.writeHead(503).end('upstream not ready');
      else res.writeHead(200).end('foo\n');
    });
    const events: ProbeAttemptEvent[] = [];
    const [result, ...rest] = await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
      backoff: fast,
      timeoutMs: 10_000,
      dispatcher: agent(),
      onAttempt: (e) => events.push(e),
    });
    expect(rest).toEqual([]);
    expect(result?.host).toBe('foo.localhost');
    expect(result?.attempts).toBe(3);
    expect(result?.durationMs).toBeGreaterThan(0);
    expect(events.map((e) => e.status)).toEqual([503, 503, 200]);
    expect(events[2]).toEqual({ host: 'foo.localhost', attempt: 3, status: 200, delayMs: 0 });
  });

  test('routes by Host header, probing every host concurrently', async () => {
    const seen: string[] = [];
    const s = await serve((req, res) => {
      seen.push(`${req.headers.host} ${req.url}`);
      ingress({ 'a.localhost': 'a\n', 'b.localhost': 'b\n' })(req, res);
    });
    const results = await probeHosts({
      ingressUrl: `${s.url}/`,
      targets: [
        { host: 'a.localhost', expectBody: 'a\n' },
        { host: 'b.localhost', path: '/healthz?x=1', expectBody: 'b\n' },
      ],
      backoff: fast,
      timeoutMs: 10_000,
      dispatcher: agent(),
    });
    expect(results.map((r) => [r.host, r.attempts])).toEqual([
      ['a.localhost', 1],
      ['b.localhost', 1],
    ]);
    expect(seen.sort()).toEqual(['a.localhost /', 'b.localhost /healthz?x=1']);
  });

  test('a wrong body is retried, then the timeout names the host and says "wrong body"', async () => {
    const s = await serve(ingress({ 'foo.localhost': 'bar\n', 'ok.localhost': 'ok\n' }));
    let wrongBodyEvents = 0;
    const error = await probeHosts({
      ingressUrl: s.url,
      targets: [
        { host: 'foo.localhost', expectBody: 'foo\n' },
        { host: 'ok.localhost', expectBody: 'ok\n' },
      ],
      backoff: fast,
      timeoutMs: 400,
      dispatcher: agent(),
      onAttempt: (e) => {
        if (e.error === 'WRONG_BODY') wrongBodyEvents += 1;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeTimeoutError);
    const timeout = error as ProbeTimeoutError;
    expect(timeout.code).toBe('PROBE_TIMEOUT');
    expect(timeout.message).toMatch(
      /^probe: foo\.localhost did not answer 200 "foo\\n" within 0\.4s \(last: wrong body 200 "bar\\n", \d+ attempts\)/,
    );
    expect(timeout.message).not.toContain('ok.localhost');
    expect(timeout.failures.map((f) => f.host)).toEqual(['foo.localhost']);
    expect(wrongBodyEvents).toBeGreaterThan(1);
  });

  test('the timeout reports the default backend status and body', async () => {
    const s = await serve(ingress({}));
    const error = await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
      backoff: fast,
      timeoutMs: 300,
      dispatcher: agent(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeTimeoutError);
    expect((error as Error).message).toContain('(last: 404 "default backend - 404"');
  });

  test('connection refused, then a server started on that port on the 2nd attempt', async () => {
    const port = await freePort();
    const events: ProbeAttemptEvent[] = [];
    let started: Promise<TestServer> | undefined;
    const [result] = await probeHosts({
      ingressUrl: `http://127.0.0.1:${port}`,
      targets: [{ host: 'late.localhost', expectBody: 'late\n' }],
      backoff: fast,
      timeoutMs: 10_000,
      dispatcher: agent(),
      onAttempt: (e) => {
        events.push(e);
        if (e.attempt === 2 && !started) started = serve(ingress({ 'late.localhost': 'late\n' }), port);
      },
    });
    await started;
    expect(events[0]?.error).toBe('ECONNREFUSED');
    expect(events[1]?.error).toBe('ECONNREFUSED');
    expect(result?.attempts).toBeGreaterThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ status: 200, delayMs: 0 });
  });

  test('connection refused until the deadline names the error code', async () => {
    const port = await freePort();
    const error = await probeHosts({
      ingressUrl: `http://127.0.0.1:${port}`,
      targets: [{ host: 'gone.localhost' }],
      backoff: fast,
      timeoutMs: 250,
      dispatcher: agent(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeTimeoutError);
    expect((error as Error).message).toMatch(/gone\.localhost did not answer 200 within 0\.3s \(last: ECONNREFUSED/);
  });

  test('a reset connection is transient', async () => {
    let hits = 0;
    const s = await serve((req, res) => {
      hits += 1;
      if (hits === 1) req.socket.destroy();
      else res.end('ok');
    });
    const events: ProbeAttemptEvent[] = [];
    const [result] = await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'r.localhost', expectBody: 'ok' }],
      backoff: fast,
      dispatcher: agent(),
      onAttempt: (e) => events.push(e),
    });
    expect(result?.attempts).toBe(2);
    expect(events[0]?.error).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
  });

  test('an attempt that hangs is cut by attemptTimeoutMs and retried', async () => {
    let hits = 0;
    const s = await serve((_req, res) => {
      hits += 1;
      if (hits > 1) res.end('ok'); // the first request never gets an answer
    });
    const events: ProbeAttemptEvent[] = [];
    const [result] = await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'slow.localhost' }],
      attemptTimeoutMs: 200,
      backoff: fast,
      timeoutMs: 10_000,
      dispatcher: agent(),
      onAttempt: (e) => events.push(e),
    });
    expect(result?.attempts).toBe(2);
    expect(events[0]?.error).toBe('ATTEMPT_TIMEOUT');
  });

  test('the caller aborting rejects with ProbeAbortedError, even during a backoff wait', async () => {
    const s = await serve(ingress({}));
    const controller = new AbortController();
    const reason = new Error('user pressed ctrl-c');
    const startedAt = performance.now();
    const error = await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'foo.localhost' }],
      // A 60 s wait after the first 404: only the abort can end it quickly.
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      random: () => 0.99,
      timeoutMs: 120_000,
      signal: controller.signal,
      dispatcher: agent(),
      onAttempt: (e) => {
        if (e.attempt === 1) controller.abort(reason);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeAbortedError);
    expect((error as ProbeAbortedError).code).toBe('PROBE_ABORTED');
    expect((error as Error).cause).toBe(reason);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });

  test('an already aborted signal rejects before any request', async () => {
    let hits = 0;
    const s = await serve((_req, res) => {
      hits += 1;
      res.end();
    });
    await expect(
      probeHosts({ ingressUrl: s.url, targets: [{ host: 'x' }], signal: AbortSignal.abort(), dispatcher: agent() }),
    ).rejects.toBeInstanceOf(ProbeAbortedError);
    expect(hits).toBe(0);
  });

  test('injected random drives the reported delays', async () => {
    let hits = 0;
    const s = await serve((_req, res) => {
      hits += 1;
      res.writeHead(hits <= 4 ? 502 : 200).end();
    });
    const delays: number[] = [];
    await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'j.localhost' }],
      backoff: { initialMs: 4, maxMs: 20, factor: 3 },
      random: () => 0.5,
      dispatcher: agent(),
      onAttempt: (e) => delays.push(e.delayMs),
    });
    // caps 4, 12, 36->20, 20 at half: 2, 6, 10, 10; then success.
    expect(delays).toEqual([2, 6, 10, 10, 0]);
  });

  test('an empty target list resolves to []', async () => {
    await expect(probeHosts({ ingressUrl: 'http://127.0.0.1:1', targets: [] })).resolves.toEqual([]);
  });

  test.each([
    [{ ingressUrl: 'not a url' }, /ingressUrl: must be an absolute http\(s\) URL/],
    [{ ingressUrl: 'ftp://127.0.0.1' }, /ingressUrl: must use http or https/],
    [{ ingressUrl: 'http://127.0.0.1', timeoutMs: 0 }, /timeoutMs: must be a positive number/],
    [{ ingressUrl: 'http://127.0.0.1', backoff: { factor: 0 } }, /backoff.factor/],
    [{ ingressUrl: 'http://127.0.0.1', targets: [{ host: '' }] }, /targets\[0\]\.host: must be a non-empty/],
    [{ ingressUrl: 'http://127.0.0.1', targets: [{ host: 'a', expectStatus: 42 }] }, /targets\[0\]\.expectStatus/],
  ])('rejects invalid options %o', async (options, message) => {
    const error = await probeHosts({ targets: [{ host: 'x' }], ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeOptionsError);
    expect((error as Error).message).toMatch(message);
  });

  test('a request undici refuses to build fails fast instead of retrying until the deadline', async () => {
    const s = await serve((_req, res) => res.end());
    const startedAt = performance.now();
    const error = await probeHosts({
      ingressUrl: s.url,
      targets: [{ host: 'bad\r\nhost' }],
      timeoutMs: 60_000,
      dispatcher: agent(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeRequestError);
    expect((error as ProbeRequestError).code).toBe('PROBE_REQUEST_FAILED');
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });
});
