import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Dispatcher } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { LoadgenError, PoolClosedError } from '../../src/errors.js';
import type { SocketHandler } from '../../src/socket-engine/socket-connection.js';
import { SocketPool } from '../../src/socket-engine/socket-pool.js';
import { deadAddress, serversClosedAfterEach } from '../helpers/servers.js';

const { track } = serversClosedAfterEach();

/** A real request handler that records what the pool calls; `done` settles on its outcome. */
class RecordingHandler implements SocketHandler {
  readonly events: string[] = [];
  status = 0;
  body = '';
  error: (Error & { code?: string }) | undefined;
  abort: (reason?: Error) => void = () => {
    throw new Error('onConnect was not called');
  };
  /** Called with each body chunk as it arrives. */
  onChunk: (chunk: string) => void = () => undefined;
  readonly done: Promise<void>;
  private settle!: () => void;

  constructor(private readonly order?: string[]) {
    this.done = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.events.push('connect');
    this.abort = abort;
  }
  onHeaders(statusCode: number): boolean {
    this.events.push(`headers ${statusCode}`);
    this.status = statusCode;
    return true;
  }
  onData(chunk: Buffer): boolean {
    const text = chunk.toString('latin1');
    this.body += text;
    this.onChunk(text);
    return true;
  }
  onComplete(): void {
    this.events.push('complete');
    this.order?.push(this.body);
    this.settle();
  }
  onError(error: Error): void {
    this.events.push(`error ${(error as { code?: string }).code}`);
    this.error = error;
    this.settle();
  }
}

function send(pool: SocketPool, path: string, options: Partial<Dispatcher.DispatchOptions> = {}, order?: string[]) {
  const handler = new RecordingHandler(order);
  pool.dispatch({ method: 'GET', path, headers: { host: 'target.localhost' }, ...options }, handler);
  return handler;
}

/** Items that arrive over time; `until(n)` waits for the n-th. */
class Arrivals<T> {
  readonly items: T[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters.filter((w) => this.items.length >= w.count)) waiter.resolve();
    this.waiters = this.waiters.filter((w) => this.items.length < w.count);
  }
  until(count: number): Promise<T[]> {
    if (this.items.length >= count) return Promise.resolve(this.items);
    return new Promise((resolve) => this.waiters.push({ count, resolve: () => resolve(this.items) }));
  }
}

interface Listening {
  readonly address: string;
  /** TCP connections accepted so far. */
  readonly connections: Arrivals<Socket>;
}

/** Listens on 127.0.0.1:0 and closes the server and every socket it accepted after the test. */
async function listen(server: net.Server, scheme: 'http' | 'https'): Promise<Listening> {
  const connections = new Arrivals<Socket>();
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const address = `${scheme}://127.0.0.1:${port}`;
  track({
    address,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections.items) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return { address, connections };
}

const httpServer = (handler: http.RequestListener) =>
  listen(http.createServer({ keepAliveTimeout: 5000 }, handler), 'http');

/** A node:net server: `onConnection` speaks (or does not speak) HTTP by hand. */
const rawServer = (onConnection: (socket: Socket) => void) => listen(net.createServer(onConnection), 'http');

/** Collects a raw socket's request heads; calls `onRequests` with all of them each time one completes. */
function onRequestHeads(socket: Socket, onRequests: (heads: string[]) => void): void {
  let received = '';
  socket.on('data', (data: Buffer) => {
    received += data.toString('latin1');
    const heads = received.split('\r\n\r\n').slice(0, -1);
    onRequests(heads);
  });
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** Answers every request at once with `hello <path>`. */
const echoPath: http.RequestListener = (req, res) => res.end(`hello ${req.url}`);

describe('SocketPool', () => {
  describe('keep-alive and queueing', () => {
    it('sends sequential requests over one keep-alive connection', async () => {
      const server = await httpServer(echoPath);
      const pool = new SocketPool(server.address);
      for (let i = 0; i < 5; i++) {
        const handler = send(pool, `/r${i}`);
        await handler.done;
        expect(handler.events).toEqual(['connect', 'headers 200', 'complete']);
        expect(handler.body).toBe(`hello /r${i}`);
      }
      expect(server.connections.items).toHaveLength(1);
      await pool.close();
    });

    it('opens at most `connections` sockets and queues the rest in order', async () => {
      const held = new Arrivals<http.ServerResponse>();
      let answerAtOnce = false;
      const server = await httpServer((req, res) => {
        if (answerAtOnce) res.end(`hello ${req.url}`);
        else held.push(res);
      });
      const pool = new SocketPool(server.address, { connections: 2 });
      const order: string[] = [];
      const handlers = Array.from({ length: 5 }, (_, i) => send(pool, `/q${i}`, {}, order));
      expect(pool.stats.pending).toBe(3);
      await held.until(2);
      expect(server.connections.items).toHaveLength(2);
      expect(pool.stats.pending).toBe(3);

      answerAtOnce = true;
      for (const res of held.items) res.end(`hello ${res.req.url}`);
      await Promise.all(handlers.map((h) => h.done));
      expect(handlers.map((h) => [h.status, h.body])).toEqual(
        Array.from({ length: 5 }, (_, i) => [200, `hello /q${i}`]),
      );
      expect(server.connections.items).toHaveLength(2);
      expect(pool.stats.pending).toBe(0);
      await pool.close();
    });

    it('pipelines requests on one connection and delivers the answers in order', async () => {
      const server = await rawServer((socket) => {
        let answered = false;
        onRequestHeads(socket, (heads) => {
          // Answer only once all three requests are in: they were written before any response.
          if (heads.length < 3 || answered) return;
          answered = true;
          const paths = heads.map((head) => head.split(' ')[1]!);
          socket.write(
            paths.map((path) => `HTTP/1.1 200 OK\r\nContent-Length: ${6 + path.length}\r\n\r\nhello ${path}`).join(''),
          );
        });
      });
      const pool = new SocketPool(server.address, { connections: 1, pipelining: 3 });
      const order: string[] = [];
      const handlers = ['/one', '/two', '/three'].map((path) => send(pool, path, {}, order));
      expect(pool.stats.pending).toBe(0);
      await Promise.all(handlers.map((h) => h.done));
      expect(handlers.map((h) => h.body)).toEqual(['hello /one', 'hello /two', 'hello /three']);
      expect(order).toEqual(['hello /one', 'hello /two', 'hello /three']);
      expect(server.connections.items).toHaveLength(1);
      await pool.close();
    });

    it('queues beyond the pipelining depth and sends the rest as answers come back', async () => {
      const seen = new Arrivals<string>();
      const server = await rawServer((socket) => {
        let answered = 0;
        onRequestHeads(socket, (heads) => {
          for (const head of heads.slice(answered)) seen.push(head.split(' ')[1]!);
          answered = heads.length;
        });
        seen.until(2).then(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na'));
        seen.until(3).then(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb'.repeat(2)));
      });
      const pool = new SocketPool(server.address, { connections: 1, pipelining: 2 });
      const handlers = ['/1', '/2', '/3'].map((path) => send(pool, path));
      expect(pool.stats.pending).toBe(1);
      await Promise.all(handlers.map((h) => h.done));
      expect(handlers.map((h) => h.body)).toEqual(['a', 'b', 'b']);
      expect(seen.items).toEqual(['/1', '/2', '/3']);
      await pool.close();
    });
  });

  describe('response framing over real sockets', () => {
    it('reads a chunked response from node:http chunk by chunk, then reuses the connection', async () => {
      let firstChunkSeen!: () => void;
      const firstChunk = new Promise<void>((resolve) => {
        firstChunkSeen = resolve;
      });
      const server = await httpServer((req, res) => {
        if (req.url !== '/chunked') return res.end('after');
        res.write('abc');
        // The second chunk goes out only once the client has the first: two chunks on the wire.
        firstChunk.then(() => res.end('def'));
      });
      const pool = new SocketPool(server.address);
      const chunked = send(pool, '/chunked');
      chunked.onChunk = firstChunkSeen;
      await chunked.done;
      expect(chunked.events).toEqual(['connect', 'headers 200', 'complete']);
      expect(chunked.body).toBe('abcdef');
      const after = send(pool, '/after');
      await after.done;
      expect(after.body).toBe('after');
      expect(server.connections.items).toHaveLength(1);
      await pool.close();
    });

    it('completes a HEAD request without waiting for the body its content-length announces', async () => {
      const server = await httpServer((req, res) => {
        res.setHeader('content-length', 5);
        res.end(req.method === 'HEAD' ? undefined : 'hello');
      });
      const pool = new SocketPool(server.address);
      const head = send(pool, '/', { method: 'HEAD' });
      const get = send(pool, '/');
      await Promise.all([head.done, get.done]);
      expect([head.status, head.body, head.events.at(-1)]).toEqual([200, '', 'complete']);
      expect([get.status, get.body]).toEqual([200, 'hello']);
      expect(server.connections.items).toHaveLength(1);
      await pool.close();
    });

    it('after Connection: close, completes the request and sends the next one on a new connection', async () => {
      const server = await httpServer((req, res) => {
        res.setHeader('connection', 'close');
        res.end(`bye ${req.url}`);
      });
      const pool = new SocketPool(server.address, { connections: 1 });
      const first = send(pool, '/1');
      const second = send(pool, '/2');
      expect(pool.stats.pending).toBe(1);
      await Promise.all([first.done, second.done]);
      expect([first.events, first.body]).toEqual([['connect', 'headers 200', 'complete'], 'bye /1']);
      expect([second.events, second.body]).toEqual([['connect', 'headers 200', 'complete'], 'bye /2']);
      expect(server.connections.items).toHaveLength(2);
      await pool.close();
    });

    it('sends the requests pipelined behind a Connection: close answer again, on a new connection', async () => {
      const server = await rawServer((socket) => {
        onRequestHeads(socket, (heads) => {
          const path = heads.at(-1)!.split(' ')[1]!;
          // The first connection answers once both requests are on it, and closes; the next answers each.
          if (heads.length === 2) socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
          else if (server.connections.items.length > 1)
            socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${path.length}\r\n\r\n${path}`);
        });
      });
      const pool = new SocketPool(server.address, { pipelining: 2 });
      const first = send(pool, '/1');
      const second = send(pool, '/2');
      await Promise.all([first.done, second.done]);
      expect([first.events, first.body]).toEqual([['connect', 'headers 200', 'complete'], 'ok']);
      expect([second.events, second.body]).toEqual([['connect', 'headers 200', 'complete'], '/2']);
      expect(server.connections.items).toHaveLength(2);
      await pool.close();
    });

    it('never pipelines a request that is not safe to send twice (POST) behind others, as undici', async () => {
      const held = new Arrivals<http.ServerResponse>();
      const server = await httpServer((req, res) => {
        if (req.url === '/held') held.push(res);
        else res.end(`${req.method} ${req.url}`);
      });
      const pool = new SocketPool(server.address, { connections: 1, pipelining: 4 });
      const get = send(pool, '/held');
      const post = send(pool, '/post', { method: 'POST' });
      const after = send(pool, '/after');
      // The POST waits for the connection to be idle; the GET behind it waits its turn in the queue.
      expect(pool.stats.pending).toBe(2);
      (await held.until(1))[0]!.end('released');
      await Promise.all([get.done, post.done, after.done]);
      expect([get.body, post.body, after.body]).toEqual(['released', 'POST /post', 'GET /after']);
      expect(server.connections.items).toHaveLength(1);
      await pool.close();
    });

    it('ends a response without framing headers at the close', async () => {
      const server = await rawServer((socket) => {
        onRequestHeads(socket, () => socket.end('HTTP/1.1 200 OK\r\n\r\nuntil the close'));
      });
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/');
      await handler.done;
      expect([handler.events, handler.body]).toEqual([['connect', 'headers 200', 'complete'], 'until the close']);
      await pool.close();
    });
  });

  describe('connection failures', () => {
    it('fails with LOADGEN_SOCKET_CLOSED when the server closes in the middle of a response', async () => {
      const server = await rawServer((socket) => {
        onRequestHeads(socket, () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
      });
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/');
      await handler.done;
      expect(handler.events).toEqual(['connect', 'headers 200', 'error LOADGEN_SOCKET_CLOSED']);
      expect(handler.body).toBe('abc');
      await pool.close();
    });

    it('fails with LOADGEN_SOCKET_CLOSED when the server closes before answering', async () => {
      const server = await rawServer((socket) => onRequestHeads(socket, () => socket.end()));
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/');
      await handler.done;
      expect(handler.events).toEqual(['connect', 'error LOADGEN_SOCKET_CLOSED']);
      expect(handler.error?.message).toMatch(/closed the connection before the response was complete/);
      await pool.close();
    });

    it('fails with LOADGEN_BAD_RESPONSE when the server does not speak HTTP/1.1', async () => {
      const server = await rawServer((socket) => onRequestHeads(socket, () => socket.write('SSH-2.0-OpenSSH\r\n\r\n')));
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/');
      await handler.done;
      expect(handler.events).toEqual(['connect', 'error LOADGEN_BAD_RESPONSE']);
      expect(handler.error?.message).toMatch(/not an HTTP\/1\.x status line/);
      await pool.close();
    });

    it('fails with ECONNREFUSED, queued requests too, when nothing listens', async () => {
      const pool = new SocketPool(await deadAddress(), { connections: 1 });
      const handlers = [send(pool, '/1'), send(pool, '/2')];
      expect(pool.stats.pending).toBe(1);
      await Promise.all(handlers.map((h) => h.done));
      for (const handler of handlers) expect(handler.events).toEqual(['connect', 'error ECONNREFUSED']);
      expect(pool.stats.pending).toBe(0);
      await pool.close();
    });

    it('after connecting, fails only the oldest unanswered request and sends the ones pipelined behind it again', async () => {
      const server = await rawServer((socket) => {
        onRequestHeads(socket, (heads) => {
          // The first connection resets once both requests are on it; the next answers each.
          if (server.connections.items.length === 1 && heads.length === 2) socket.resetAndDestroy();
          else if (server.connections.items.length > 1)
            socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain');
        });
      });
      const pool = new SocketPool(server.address, { pipelining: 2 });
      const first = send(pool, '/1');
      const second = send(pool, '/2');
      await Promise.all([first.done, second.done]);
      expect(first.events).toEqual(['connect', 'error ECONNRESET']);
      expect([second.events, second.body]).toEqual([['connect', 'headers 200', 'complete'], 'again']);
      await pool.close();
    });

    it('fails every request on a connection that never connected, pipelined ones too', async () => {
      const pool = new SocketPool(await deadAddress(), { connections: 1, pipelining: 2 });
      const handlers = [send(pool, '/1'), send(pool, '/2')];
      expect(pool.stats.pending).toBe(0);
      await Promise.all(handlers.map((h) => h.done));
      for (const handler of handlers) expect(handler.events).toEqual(['connect', 'error ECONNREFUSED']);
      await pool.close();
    });

    it('fails with ECONNRESET when the server resets the connection', async () => {
      const server = await rawServer((socket) => onRequestHeads(socket, () => socket.resetAndDestroy()));
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/');
      await handler.done;
      expect(handler.events).toEqual(['connect', 'error ECONNRESET']);
      await pool.close();
    });

    it('fails with LOADGEN_CONNECT_TIMEOUT when the TLS handshake gets no answer within connect.timeout', async () => {
      // Accepts TCP connections and never says a word: the TLS client hello goes unanswered.
      const silent = await rawServer(() => undefined);
      const pool = new SocketPool(silent.address.replace('http:', 'https:'), { connect: { timeout: 200 } });
      const started = performance.now();
      const handler = send(pool, '/');
      await handler.done;
      const elapsed = performance.now() - started;
      expect(handler.events).toEqual(['connect', 'error LOADGEN_CONNECT_TIMEOUT']);
      expect(handler.error?.message).toMatch(/could not connect to 127\.0\.0\.1:\d+ within 200 ms/);
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(5000);
      await silent.connections.until(1);
      await pool.close();
    });
  });

  describe('a kept-alive connection the server closes as the next request goes out', () => {
    /** What a scripted connection does when a request arrives: bytes to write and stay open, or to end with. */
    type Act = { readonly write: string } | { readonly endWith: string } | 'close' | 'reset';
    const response = (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const answer = (body: string): Act => ({ write: response(body) });

    /**
     * A raw server that plays `script(connection, request)` on the request lines it receives (the
     * n-th connection's i-th request, from 0), and records them per connection. It closes a
     * kept-alive connection right as the next request arrives: the client wrote that request to a
     * connection it had every reason to think open, the race of a server's idle timeout made certain.
     */
    async function scriptedServer(script: (connection: number, request: number) => Act) {
      const seen: string[][] = [];
      const server = await rawServer((socket) => {
        const connection = seen.push([]) - 1;
        onRequestHeads(socket, (heads) => {
          const requests = seen[connection]!;
          const request = requests.length;
          if (heads.length === request) return;
          requests.push(heads.at(-1)!.split(' ').slice(0, 2).join(' '));
          const act = script(connection, request);
          if (act === 'close') socket.destroy();
          else if (act === 'reset') socket.resetAndDestroy();
          else if ('write' in act) socket.write(act.write);
          else socket.end(act.endWith);
        });
      });
      return { ...server, seen };
    }

    /** Sends GET /first, answered on a connection kept alive, then `second` on it. */
    async function afterOneAnswer(pool: SocketPool, method: string) {
      const first = send(pool, '/first');
      await first.done;
      expect(first.events).toEqual(['connect', 'headers 200', 'complete']);
      const second = send(pool, '/second', { method });
      await second.done;
      return second;
    }

    it.each([
      ['GET', 'close', 'again'],
      ['GET', 'reset', 'again'],
      ['HEAD', 'close', ''],
      ['HEAD', 'reset', ''],
    ] as const)(
      'a %s that meets a %s is sent again, once, on a new connection, and succeeds',
      async (method, how, body) => {
        const server = await scriptedServer((connection, request) =>
          connection === 0 ? (request === 0 ? answer('first') : how) : answer('again'),
        );
        const pool = new SocketPool(server.address);
        const second = await afterOneAnswer(pool, method);
        expect([second.events, second.body]).toEqual([['connect', 'headers 200', 'complete'], body]);
        expect(server.seen).toEqual([['GET /first', `${method} /second`], [`${method} /second`]]);
        await pool.close();
      },
    );

    /** The request `afterOneAnswer` sent failed: GET /after now goes on a new connection, and nothing went before it. */
    async function notSentAgain(pool: SocketPool, server: { seen: string[][] }, method: string) {
      const after = send(pool, '/after');
      await after.done;
      expect(after.body).toBe('after');
      expect(server.seen.at(-1)).toEqual(['GET /after']);
      expect(server.seen[0]).toEqual(['GET /first', `${method} /second`]);
    }

    it.each([
      ['close', 'LOADGEN_SOCKET_CLOSED'],
      ['reset', 'ECONNRESET'],
    ] as const)('a POST that meets a %s fails as a reset (%s) and is not sent again', async (how, code) => {
      const server = await scriptedServer((connection, request) =>
        connection === 0 ? (request === 0 ? answer('first') : how) : answer('after'),
      );
      const pool = new SocketPool(server.address);
      const post = await afterOneAnswer(pool, 'POST');
      expect(post.events).toEqual(['connect', `error ${code}`]);
      await notSentAgain(pool, server, 'POST');
      expect(server.seen).toHaveLength(2);
      await pool.close();
    });

    it('a GET sent again that fails again is an error, and is not sent a third time', async () => {
      const server = await scriptedServer((connection, request) =>
        connection === 0 && request === 0 ? answer('first') : connection < 2 ? 'close' : answer('after'),
      );
      const pool = new SocketPool(server.address);
      const second = await afterOneAnswer(pool, 'GET');
      expect(second.events).toEqual(['connect', 'error LOADGEN_SOCKET_CLOSED']);
      await notSentAgain(pool, server, 'GET');
      expect(server.seen).toEqual([['GET /first', 'GET /second'], ['GET /second'], ['GET /after']]);
      await pool.close();
    });

    it.each([
      ['part of a head', 'HTTP/1.1 200 OK\r\nContent-Le', ['connect', 'error LOADGEN_SOCKET_CLOSED']],
      [
        'a head and part of the body',
        'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc',
        ['connect', 'headers 200', 'error LOADGEN_SOCKET_CLOSED'],
      ],
      ['an interim 100 Continue', 'HTTP/1.1 100 Continue\r\n\r\n', ['connect', 'error LOADGEN_SOCKET_CLOSED']],
    ])('a GET whose connection sent %s before closing fails and is not sent again', async (_what, bytes, events) => {
      const server = await scriptedServer((connection, request) =>
        connection === 0 ? (request === 0 ? answer('first') : { endWith: bytes }) : answer('after'),
      );
      const pool = new SocketPool(server.address);
      const second = await afterOneAnswer(pool, 'GET');
      expect(second.events).toEqual(events);
      await notSentAgain(pool, server, 'GET');
      expect(server.seen).toHaveLength(2);
      await pool.close();
    });

    it('a request that fails on a connection that never completed a response is not sent again', async () => {
      const server = await scriptedServer((connection) => (connection === 0 ? 'close' : answer('after')));
      const pool = new SocketPool(server.address);
      const first = send(pool, '/first');
      await first.done;
      expect(first.events).toEqual(['connect', 'error LOADGEN_SOCKET_CLOSED']);
      const after = send(pool, '/after');
      await after.done;
      expect(server.seen).toEqual([['GET /first'], ['GET /after']]);
      await pool.close();
    });

    it('an idle connection the server closes leaves the pool at its end, before its close', async () => {
      // The client socket, to act the moment it reads the server's FIN (after the pool has).
      const connect = vi.spyOn(net, 'connect');
      try {
        const server = await scriptedServer((connection) =>
          connection === 0 ? { endWith: response('first') } : answer('post'),
        );
        const pool = new SocketPool(server.address);
        const first = send(pool, '/first');
        const client = connect.mock.results[0]!.value as Socket;
        // Until 'close', writes to the socket fail (EPIPE): a POST written then could not be sent again.
        const post = await new Promise<RecordingHandler>((resolve) =>
          client.once('end', () => resolve(send(pool, '/post', { method: 'POST' }))),
        );
        await Promise.all([first.done, post.done]);
        expect([first.body, post.events, post.body]).toEqual(['first', ['connect', 'headers 200', 'complete'], 'post']);
        expect(server.seen).toEqual([['GET /first'], ['POST /post']]);
        await pool.close();
      } finally {
        connect.mockRestore();
      }
    });
  });

  describe('abort', () => {
    it('takes a queued request out of the queue: it fails with the reason and never reaches the server', async () => {
      const held = new Arrivals<http.ServerResponse>();
      const paths: string[] = [];
      const server = await httpServer((req, res) => {
        paths.push(req.url!);
        if (req.url === '/held') held.push(res);
        else res.end('ok');
      });
      const pool = new SocketPool(server.address, { connections: 1 });
      const inFlight = send(pool, '/held');
      const queued = send(pool, '/aborted');
      const queuedNoReason = send(pool, '/aborted-too');
      expect(pool.stats.pending).toBe(2);
      const reason = new Error('changed my mind');
      queued.abort(reason);
      queuedNoReason.abort();
      expect(pool.stats.pending).toBe(0);
      expect(queued.events).toEqual(['connect', 'error undefined']);
      expect(queued.error).toBe(reason);
      expect(queuedNoReason.error).toBeInstanceOf(LoadgenError);
      expect(queuedNoReason.error?.message).toBe('request aborted');

      (await held.until(1))[0]!.end('released');
      await inFlight.done;
      expect(inFlight.body).toBe('released');
      const next = send(pool, '/next');
      await next.done;
      expect(paths).toEqual(['/held', '/next']);
      // An abort after the outcome changes nothing.
      inFlight.abort(new Error('too late'));
      expect(inFlight.events).toEqual(['connect', 'headers 200', 'complete']);
      await pool.close();
    });

    it('destroys the connection of an in-flight request and fails it with the reason', async () => {
      const arrived = new Arrivals<http.IncomingMessage>();
      const server = await httpServer((req, res) => {
        if (req.url === '/held') arrived.push(req);
        else res.end('fresh');
      });
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/held');
      const [req] = await arrived.until(1);
      const serverSideClosed = new Promise((resolve) => req!.socket.once('close', resolve));
      const reason = new Error('stop');
      handler.abort(reason);
      await handler.done;
      expect(handler.events).toEqual(['connect', 'error undefined']);
      expect(handler.error).toBe(reason);
      await serverSideClosed;

      const next = send(pool, '/next');
      await next.done;
      expect(next.body).toBe('fresh');
      expect(server.connections.items).toHaveLength(2);
      await pool.close();
    });

    it('sends the requests pipelined behind an aborted one again, on a new connection', async () => {
      const arrived = new Arrivals<http.IncomingMessage>();
      const server = await httpServer((req, res) => {
        arrived.push(req);
        if (req.url !== '/held') res.end(`fresh ${req.url}`);
      });
      const pool = new SocketPool(server.address, { connections: 1, pipelining: 2 });
      const held = send(pool, '/held');
      const behind = send(pool, '/behind');
      await arrived.until(1);
      const reason = new Error('stop');
      held.abort(reason);
      await Promise.all([held.done, behind.done]);
      expect(held.error).toBe(reason);
      expect([behind.events, behind.body]).toEqual([['connect', 'headers 200', 'complete'], 'fresh /behind']);
      expect(server.connections.items).toHaveLength(2);
      await pool.close();
    });

    it('stops a response being read when aborted from onData, with no later callback', async () => {
      const server = await httpServer((_req, res) => res.end('x'.repeat(10)));
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/');
      const reason = new Error('enough');
      handler.onChunk = () => handler.abort(reason);
      await handler.done;
      expect(handler.events).toEqual(['connect', 'headers 200', 'error undefined']);
      expect(handler.error).toBe(reason);
      const next = send(pool, '/');
      await next.done;
      expect(next.events).toEqual(['connect', 'headers 200', 'complete']);
      await pool.close();
    });
  });

  describe('https', () => {
    async function httpsServer() {
      const servernames: (string | false | null)[] = [];
      const server = https.createServer(
        { key: fixture('test-only-key.pem'), cert: fixture('test-only-cert.pem') },
        (req, res) => res.end(`secure ${req.url}`),
      );
      server.on('secureConnection', (socket: TLSSocket) => servernames.push(socket.servername));
      return { ...(await listen(server, 'https')), servernames };
    }

    it('sends the SNI servername and accepts the test certificate with rejectUnauthorized: false', async () => {
      const server = await httpsServer();
      const pool = new SocketPool(server.address, {
        connect: { servername: 'sni.localhost', rejectUnauthorized: false, timeout: 5000 },
      });
      for (const path of ['/a', '/b']) {
        const handler = send(pool, path);
        await handler.done;
        expect([handler.events, handler.body]).toEqual([['connect', 'headers 200', 'complete'], `secure ${path}`]);
      }
      expect(server.servernames).toEqual(['sni.localhost']);
      expect(server.connections.items).toHaveLength(1);
      await pool.close();
    });

    it('rejects the self-signed test certificate by default', async () => {
      const server = await httpsServer();
      const pool = new SocketPool(server.address, { connect: { servername: 'sni.localhost' } });
      const handler = send(pool, '/');
      await handler.done;
      expect(handler.events).toEqual(['connect', 'error DEPTH_ZERO_SELF_SIGNED_CERT']);
      await pool.close();
    });
  });

  describe('close and destroy', () => {
    it('close() resolves after queued and in-flight requests finish and the sockets are closed', async () => {
      const held = new Arrivals<http.ServerResponse>();
      const server = await httpServer((req, res) => {
        if (req.url === '/held') held.push(res);
        else res.end(`hello ${req.url}`);
      });
      const pool = new SocketPool(server.address, { connections: 1 });
      const order: string[] = [];
      const inFlight = send(pool, '/held', {}, order);
      const queued = send(pool, '/queued', {}, order);
      const [res] = await held.until(1);
      const clientEnded = new Promise((resolve) => res!.socket!.once('end', resolve));
      const closed = pool.close().then(() => order.push('closed'));
      const late = send(pool, '/late');
      expect(late.events).toEqual(['connect', 'error LOADGEN_POOL_CLOSED']);
      expect(late.error).toBeInstanceOf(PoolClosedError);

      res!.end('released');
      await closed;
      expect(order).toEqual(['released', 'hello /queued', 'closed']);
      expect(inFlight.events.at(-1)).toBe('complete');
      expect(queued.events.at(-1)).toBe('complete');
      // The pool ended its side of the keep-alive connection.
      await clientEnded;
    });

    it('destroy() during a close() settles every close() call', async () => {
      const arrived = new Arrivals<http.IncomingMessage>();
      const server = await httpServer((req) => arrived.push(req));
      const pool = new SocketPool(server.address);
      const held = send(pool, '/held');
      await arrived.until(1);
      const closes = [pool.close(), pool.close()];
      const error = new Error('deadline');
      await pool.destroy(error);
      await Promise.all([...closes, held.done]);
      expect(held.error).toBe(error);
    });

    it('close() resolves at once for a pool that never connected, and dispatch then fails', async () => {
      const pool = new SocketPool('http://127.0.0.1:9');
      await pool.close();
      const handler = send(pool, '/');
      expect(handler.events).toEqual(['connect', 'error LOADGEN_POOL_CLOSED']);
      expect(handler.error?.message).toBe('the connection pool is closed');
    });

    it('destroy() fails queued and in-flight requests with the error', async () => {
      const arrived = new Arrivals<http.IncomingMessage>();
      const server = await httpServer((req) => arrived.push(req));
      const pool = new SocketPool(server.address, { connections: 1 });
      const inFlight = send(pool, '/held');
      const queued = send(pool, '/queued');
      const [req] = await arrived.until(1);
      const serverSideClosed = new Promise((resolve) => req!.socket.once('close', resolve));
      const error = new Error('shutting down');
      await pool.destroy(error);
      await Promise.all([inFlight.done, queued.done]);
      expect(inFlight.error).toBe(error);
      expect(queued.error).toBe(error);
      expect(queued.events).toEqual(['connect', 'error undefined']);
      expect(pool.stats.pending).toBe(0);
      await serverSideClosed;
      expect(arrived.items.map((r) => r.url)).toEqual(['/held']);

      const late = send(pool, '/late');
      expect(late.error?.message).toBe('the connection pool is closed');
    });

    it('destroy() without an error fails requests with PoolClosedError', async () => {
      const pool = new SocketPool(await deadAddress(), { connections: 1 });
      const handlers = [send(pool, '/1'), send(pool, '/2')];
      await pool.destroy();
      await Promise.all(handlers.map((h) => h.done));
      for (const handler of handlers) expect(handler.events).toEqual(['connect', 'error LOADGEN_POOL_CLOSED']);
    });

    it('fails a request whose options cannot be encoded without opening a connection', async () => {
      const server = await httpServer(echoPath);
      const pool = new SocketPool(server.address);
      const handler = send(pool, '/a\r\nX: y');
      expect(handler.events).toEqual(['error undefined']);
      expect(handler.error).toBeInstanceOf(TypeError);
      await pool.close();
      expect(server.connections.items).toHaveLength(0);
    });
  });
});
