import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx, NGINX_MISSING } from '../../../bench/lib/nginx.mjs';
import { runLoad } from '../src/run-load.js';
import type { ErrorKind, HttpEngine, LoadOptions, LoadResult, LoadTarget } from '../src/types.js';
import { CHUNKED_BODY, type ConformanceServer, LARGE_BODY, SLOW_OK_MS } from './helpers/conformance-server.js';
import { startNginxConformanceServer } from './helpers/nginx-conformance-server.js';
import { startNodeConformanceServer } from './helpers/node-conformance-server.js';

// Both engines against real servers of several kinds, case by case: they must record the same
// results (and the right ones). Where they cannot, the case says which engine differs and why.

type Scheme = 'http' | 'https';

/**
 * What every answered request of a run recorded, in the terms both engines must agree on. Counts
 * are left out: a CPU-starved moment on a shared machine can keep a planned request from going out
 * in a 100 ms window, and a closed-model run's count is the machine's. Each case sends one target
 * that the server treats alike every time, so every request must have the same outcome.
 */
interface Outcome {
  /** The status every answered request got, or null when none got one (a timeout, a reset). */
  readonly status: number | null;
  /** The error every request got, or null. */
  readonly error: ErrorKind | null;
  /**
   * Connections the server answered on for the run (cases with `connections`): one, or one per
   * request the engine completed. Counted against the engine's requests, not the server's: Node's
   * http reads a request from a connection it has already ended (it stays half-open), which a
   * client that wrote it there as the server closed sends again elsewhere, and nginx does not.
   */
  readonly connections?: 'one' | 'one per request';
  /** The latency p50 was at least the server's delay (cases with `minP50Ms`). */
  readonly slowAsServed?: true;
}

interface Case {
  readonly name: string;
  /** The target, for a Host unique to the run. */
  readonly target: (host: string) => LoadTarget;
  /** Settings beside the defaults: open model, 4 requests in 100 ms, 1 s timeout, certificates not verified. */
  readonly load?: Partial<LoadOptions>;
  readonly expected: Outcome;
  /** What undici records where it differs, and why (in a comment). */
  readonly undici?: Outcome;
  /** Every error message matches. */
  readonly messages?: RegExp;
  /** @default ['http'] */
  readonly schemes?: readonly Scheme[];
  /** Needs a server that sends 1xx responses nobody asked for. */
  readonly interim?: boolean;
  readonly minP50Ms?: number;
}

const BOTH: readonly Scheme[] = ['http', 'https'];
const ok = (status = 200): Outcome => ({ status, error: null });
const failed = (error: ErrorKind, status: number | null = null): Outcome => ({ status, error });
const reused: Outcome = { ...ok(), connections: 'one' };
const notReused: Outcome = { ...ok(), connections: 'one per request' };
/** Closed model: as many requests as 2 connections carry in 200 ms, pipelined 4 deep. */
const PIPELINED: Partial<LoadOptions> = { model: 'closed', connections: 2, pipelining: 4, durationMs: 200 };
const TIMEOUT: Partial<LoadOptions> = { timeoutMs: 150, drainMs: 500 };

const cases: readonly Case[] = [
  {
    name: 'Content-Length body on one keep-alive connection',
    target: (host) => ({ host, path: '/host', expectBody: host }),
    load: { connections: 1 },
    expected: reused,
    schemes: BOTH,
  },
  {
    name: 'TLS server name (SNI) and Host header',
    target: (host) => ({ host, path: '/sni', expectBody: `${host} ${host}` }),
    load: { connections: 1 },
    expected: reused,
    schemes: ['https'],
  },
  {
    name: 'an unverifiable certificate is refused by default',
    target: (host) => ({ host, path: '/host' }),
    load: { rejectUnauthorized: true },
    expected: failed('other'),
    messages: /^other: .*(self[- ]signed|certificate)/i,
    schemes: ['https'],
  },
  {
    name: 'Connection: close on every answer',
    target: (host) => ({ host, path: '/close', expectBody: 'closing' }),
    load: { connections: 1 },
    expected: notReused,
    schemes: BOTH,
  },
  {
    name: 'Connection: close on the third answer, with requests pipelined behind it',
    target: (host) => ({ host, path: '/close-after-3', expectBody: 'ok' }),
    load: PIPELINED,
    expected: ok(),
    schemes: BOTH,
  },
  {
    name: 'the server closes idle connections',
    target: (host) => ({ host, path: '/idle', expectBody: 'idle' }),
    // 400 ms between requests, the server closes after 20 ms idle: every request finds its connection
    // gone, and goes out on a new one. Each engine looks for the close before it reuses a connection
    // (undici reads the socket once more first; the socket engine drops a connection at the server's
    // FIN), and when a starved event loop writes a request before it reads the close, the socket
    // engine sends it again on a new connection (a GET that got no byte back), so the outcome does
    // not hang on the client's timing. Connections: 4, so requests sent late, together, never queue
    // behind each other on one connection.
    load: { connections: 4, rate: 2.5, durationMs: 1200 },
    expected: notReused,
  },
  {
    name: 'chunked body',
    target: (host) => ({ host, path: '/chunked', expectBody: CHUNKED_BODY }),
    load: { connections: 1 },
    expected: reused,
    schemes: BOTH,
  },
  {
    name: '1 MiB Content-Length body, split across reads',
    target: (host) => ({ host, path: '/large', expectBody: LARGE_BODY }),
    load: { connections: 1 },
    expected: reused,
    schemes: BOTH,
  },
  {
    name: '1 MiB chunked body',
    target: (host) => ({ host, path: '/large-chunked', expectBody: LARGE_BODY }),
    load: { connections: 1 },
    expected: reused,
    schemes: BOTH,
  },
  {
    name: '1 MiB bodies, pipelined',
    target: (host) => ({ host, path: '/large', expectBody: LARGE_BODY }),
    load: PIPELINED,
    expected: ok(),
  },
  {
    name: 'small bodies, pipelined',
    target: (host) => ({ host, path: '/host', expectBody: host }),
    load: PIPELINED,
    expected: ok(),
    schemes: BOTH,
  },
  {
    name: 'empty body (Content-Length: 0)',
    target: (host) => ({ host, path: '/empty', expectBody: '' }),
    expected: ok(),
  },
  {
    name: '204 No Content',
    target: (host) => ({ host, path: '/no-content', expectStatus: 204, expectBody: '' }),
    expected: ok(204),
  },
  {
    name: '304 Not Modified',
    target: (host) => ({ host, path: '/not-modified', expectStatus: 304, expectBody: '' }),
    expected: ok(304),
  },
  {
    name: 'HEAD: the head announces 1 MiB that never comes',
    target: (host) => ({ host, method: 'HEAD', path: '/large', expectBody: '' }),
    load: { connections: 1 },
    expected: reused,
    // undici closes the connection after every HEAD, in case a server sends a body anyway (undici#258).
    undici: notReused,
    schemes: BOTH,
  },
  {
    name: 'HEAD of a chunked resource',
    target: (host) => ({ host, method: 'HEAD', path: '/chunked', expectBody: '' }),
    expected: ok(),
  },
  {
    name: 'POST',
    target: (host) => ({ host, method: 'POST', path: '/host', expectBody: host }),
    expected: ok(),
  },
  {
    name: 'an unexpected status',
    target: (host) => ({ host, path: '/status/503' }),
    expected: failed('unexpected-status', 503),
    messages: /^unexpected-status: got 503, expected 200$/,
  },
  {
    name: 'the expected non-200 status',
    target: (host) => ({ host, path: '/status/404', expectStatus: 404, expectBody: 'missing' }),
    expected: ok(404),
  },
  {
    name: 'a redirect is an answer, not followed',
    target: (host) => ({ host, path: '/redirect', expectStatus: 301 }),
    expected: ok(301),
  },
  {
    name: 'another body (misrouted)',
    target: (host) => ({ host, path: '/host', expectBody: 'someone-else.localhost' }),
    expected: failed('body-mismatch', 200),
    messages: /^body-mismatch: expected "someone-else.localhost", got "c\d+-/,
  },
  {
    name: 'reset (RST) instead of an answer',
    target: (host) => ({ host, path: '/reset' }),
    expected: failed('reset'),
    messages: /^reset: .*ECONNRESET/,
    schemes: BOTH,
  },
  {
    name: 'closed (FIN) instead of an answer',
    target: (host) => ({ host, path: '/drop' }),
    expected: failed('reset'),
    messages: /^reset: .*(other side closed|closed the connection before the response|ECONNRESET)/,
    schemes: BOTH,
  },
  {
    name: 'no answer within the timeout',
    target: (host) => ({ host, path: '/slow' }),
    load: TIMEOUT,
    expected: failed('timeout'),
    messages: /^timeout: .*no complete response within timeoutMs=150$/,
    schemes: BOTH,
  },
  {
    name: 'a body slower than the timeout',
    target: (host) => ({ host, path: '/slow-body' }),
    load: TIMEOUT,
    // A request that times out counts no status, though its head came.
    expected: failed('timeout'),
    messages: /^timeout: .*no complete response within timeoutMs=150$/,
  },
  {
    name: 'a slow answer within the timeout',
    target: (host) => ({ host, path: '/slow-ok', expectBody: 'slow ok' }),
    expected: { ...ok(), slowAsServed: true },
    minP50Ms: SLOW_OK_MS,
  },
  {
    name: '103 Early Hints before the answer',
    target: (host) => ({ host, path: '/early-hints', expectBody: 'after hints' }),
    expected: ok(),
    interim: true,
  },
  {
    name: '100 Continue nobody asked for',
    target: (host) => ({ host, path: '/continue', expectBody: 'after continue' }),
    // RFC 9110 §15.2: a client must parse 1xx answers it did not expect; undici fails the
    // request instead ("bad response": it never sends Expect: 100-continue).
    expected: ok(),
    undici: failed('reset'),
    messages: /^reset: UND_ERR_SOCKET bad response$/,
    interim: true,
  },
  {
    name: '101 Switching Protocols nobody asked for',
    target: (host) => ({ host, path: '/switching' }),
    // Neither engine upgrades; each names the problem, in its own kind.
    expected: failed('other'),
    undici: failed('reset'),
    messages: /^(other: LOADGEN_BAD_RESPONSE .*unexpected 101 Switching Protocols|reset: UND_ERR_SOCKET bad upgrade)$/,
    interim: true,
  },
];

/** The one value every request had, or the whole record when they differ (which fails the comparison). */
function single(record: Readonly<Record<string, number>>, requests: number): string | null {
  const entries = Object.entries(record);
  if (entries.length === 0) return null;
  return entries.length === 1 && entries[0]![1] === requests ? entries[0]![0] : JSON.stringify(record);
}

/** What the run recorded; `expected` says which connection count to check, if any. */
async function outcomeOf(
  result: LoadResult,
  expected: Outcome,
  minP50Ms: number | undefined,
  server: ConformanceServer,
  host: string,
): Promise<Outcome> {
  const { summary } = result;
  const status = single(summary.statusCodes, summary.requests);
  const error = single(summary.errorKinds, summary.requests);
  let connections: Outcome['connections'];
  if (expected.connections !== undefined) {
    const seen = await server.connectionsFor(host, summary.requests);
    // With one request both hold; otherwise say what the server saw.
    const holds = { one: seen.connections === 1, 'one per request': seen.connections === summary.requests };
    connections = holds[expected.connections]
      ? expected.connections
      : ((holds.one ? 'one' : holds['one per request'] ? 'one per request' : JSON.stringify(seen)) as never);
  }
  return {
    status: status === null || status.startsWith('{') ? (status as null) : Number(status),
    error: error as ErrorKind | null,
    ...(connections === undefined ? {} : { connections }),
    ...(minP50Ms !== undefined && summary.latency.p50 >= minP50Ms ? { slowAsServed: true as const } : {}),
  };
}

const inCi = !['', '0', 'false'].includes(process.env['CI'] ?? '');
const nginxMissing = findNginx() === undefined ? NGINX_MISSING : undefined;
if (nginxMissing && !inCi) console.warn(`engine conformance against nginx skipped: ${nginxMissing}`);

const servers = [
  { title: "Node's http (in-process)", start: startNodeConformanceServer, interim: true, missing: undefined },
  // nginx sends no 1xx answers of its own accord.
  {
    title: 'nginx from Debian (a private instance)',
    start: startNginxConformanceServer,
    interim: false,
    missing: nginxMissing,
  },
];

for (const { title, start, interim, missing } of servers) {
  // In CI a missing nginx fails every case with the reason; elsewhere its cases skip and say why.
  const skip = missing !== undefined && !inCi;
  describe.skipIf(skip)(`engine conformance against ${title}${skip ? ` — skipped: ${missing}` : ''}`, () => {
    let server: ConformanceServer | undefined;
    beforeAll(async () => {
      if (!missing) server = await start();
    }, 30_000);
    afterAll(() => server?.close());

    for (const [index, c] of cases.entries()) {
      if (c.interim && !interim) continue;
      for (const scheme of c.schemes ?? ['http']) {
        it(`${c.name} (${scheme})`, async () => {
          // Each case fails with the reason, so CI's totals count every one of them.
          if (missing) throw new Error(missing);
          const s = server!;
          const run = async (engine: HttpEngine) => {
            const host = `c${index}-${scheme}-${engine}.localhost`;
            const result = await runLoad({
              engine,
              address: s[scheme],
              targets: [c.target(host)],
              // Open model: 4 requests in 100 ms.
              ...(c.load?.model === 'closed' ? {} : { rate: 40 }),
              durationMs: 100,
              timeoutMs: 1000,
              rejectUnauthorized: false,
              seed: 1,
              ...c.load,
            });
            // Something was answered: the first request goes out at once, whatever the machine does next.
            expect(result.summary.requests).toBeGreaterThan(0);
            for (const message of result.summary.errorMessages) expect(message).toMatch(c.messages ?? /^$/);
            return outcomeOf(result, (engine === 'undici' && c.undici) || c.expected, c.minP50Ms, s, host);
          };
          const undici = await run('undici');
          const socket = await run('socket');
          expect({ undici, socket }).toEqual({ undici: c.undici ?? c.expected, socket: c.expected });
        });
      }
    }
  });
}
