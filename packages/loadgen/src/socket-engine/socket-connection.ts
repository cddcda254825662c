import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import { classifyError } from '../classify-error.js';
import { ConnectTimeoutError, SocketClosedError } from '../errors.js';
import { ResponseParser, type ResponseSink } from './response-parser.js';

/**
 * The handler callbacks the socket engine calls: undici's core handler form, which
 * @prload/loadgen's requests implement, so both engines drive the same request objects.
 * Unlike undici's, `onData` chunks are views into a read buffer the connection reuses: valid
 * only during the call, so copy what must outlive it. `onHeaders` gets no raw headers.
 */
export interface SocketHandler {
  onConnect(abort: (reason?: Error) => void): void;
  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(trailers: Buffer[] | null): void;
  onError(error: Error): void;
}

/** One request from dispatch to its outcome. */
export class PendingRequest {
  /** The connection it was written to; null while queued in the pool. */
  connection: SocketConnection | null = null;
  finished = false;
  /** Already sent again after a reused connection failed before its answer: never a second time. */
  resent = false;
  constructor(
    readonly bytes: Buffer,
    readonly isHead: boolean,
    /**
     * Safe to send twice, so it may be pipelined behind other requests and sent again when the
     * connection goes before its answer. GET and HEAD only, as undici decides (`Request#idempotent`):
     * the two engines must record the same results.
     */
    readonly idempotent: boolean,
    readonly handler: SocketHandler,
  ) {}
}

export interface ConnectOptions {
  readonly https: boolean;
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly servername?: string;
  readonly rejectUnauthorized: boolean;
}

/** What a connection tells its pool. */
export interface ConnectionOwner {
  /** The connection can take more requests. */
  connectionFree(connection: SocketConnection): void;
  /**
   * The connection is closed for good. `unanswered` are requests it had sent that nobody failed:
   * they go back to the front of the pool's queue, in order, to be sent again. `resend`, a request
   * the server may have dropped as it closed an idle connection, goes out first, on a new connection.
   */
  connectionGone(connection: SocketConnection, unanswered: readonly PendingRequest[], resend?: PendingRequest): void;
}

const READ_BUFFER_BYTES = 64 * 1024;
const NO_HEADERS: Buffer[] = [];
const resumeNothing = (): void => undefined;

/**
 * One keep-alive HTTP/1.1 connection: requests are written as they come (up to the pool's
 * pipelining depth) and answered in order. When it ends early, it fails what undici's client
 * fails and hands the rest back to the pool, as undici retries them (client-h1 `onHttpSocketClose`):
 * - before it connected (refused, TLS, connect timeout): every request on it fails;
 * - after: the oldest unanswered request gets the error; those pipelined behind it are sent again;
 * - except a GET or HEAD that failed by a reset or close before a byte of its answer came back, on a
 *   connection that had completed a response: that is the race every keep-alive client meets, the
 *   server closing the idle connection as the request goes out (RFC 9112 §9.3.1). It is sent again,
 *   once, on a new connection, as browsers do (Chromium's `HttpNetworkTransaction::ShouldResendRequest`),
 *   so the run does not record a failure the server never saw. undici does not resend: before it
 *   writes to an idle socket it yields to the event loop once, to read a close already on the wire
 *   (client-h1 `scheduleIdleSocketValidation`), a cost on every reuse the hot path here does not pay;
 * - an answer with `Connection: close`: the requests pipelined behind it are sent again;
 * - an aborted request: it fails with the reason; the others on the connection are sent again.
 */
export class SocketConnection implements ResponseSink {
  private readonly inFlight: PendingRequest[] = [];
  private readonly parser = new ResponseParser(this);
  private readonly socket: Socket;
  private connectTimer: NodeJS.Timeout | undefined;
  /** Connected (TLS: handshake done): failures from now on belong to a request, not to the connection. */
  private connected = false;
  /** It completed a response: a request on it now goes out on a kept-alive connection the server may be closing. */
  private reused = false;
  closed = false;

  constructor(
    private readonly owner: ConnectionOwner,
    options: ConnectOptions,
  ) {
    const socket = options.https
      ? tls.connect({
          host: options.host,
          port: options.port,
          rejectUnauthorized: options.rejectUnauthorized,
          ALPNProtocols: ['http/1.1'],
          ...(options.servername && !net.isIP(options.servername) ? { servername: options.servername } : {}),
        })
      : net.connect({
          host: options.host,
          port: options.port,
          // Reads land in one reused buffer instead of a new Buffer and a stream 'data' event per read:
          // the parser copies only a head split across reads, and handlers consume body bytes at once.
          onread: {
            buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
            callback: (bytes: number, buffer: Uint8Array) => {
              this.onSocketData((buffer as Buffer).subarray(0, bytes));
              return true;
            },
          },
        });
    socket.setNoDelay(true);
    this.socket = socket;
    this.connectTimer = setTimeout(() => {
      this.fail(new ConnectTimeoutError(`${options.host}:${options.port}`, options.timeoutMs));
    }, options.timeoutMs);
    socket.once(options.https ? 'secureConnect' : 'connect', () => {
      clearTimeout(this.connectTimer);
      this.connected = true;
    });
    if (options.https) socket.on('data', (data: Buffer) => this.onSocketData(data));
    socket.on('error', (error: Error) => this.fail(error));
    socket.on('end', () => this.onSocketEnd());
    socket.on('close', () => this.onSocketClose());
  }

  /** Requests written and not yet answered. */
  get load(): number {
    return this.inFlight.length;
  }

  send(request: PendingRequest): void {
    request.connection = this;
    this.inFlight.push(request);
    this.socket.write(request.bytes);
  }

  /** Closes an idle connection. Nothing is in flight, so closing at once loses nothing and waits on no server. */
  endWhenIdle(): void {
    if (this.inFlight.length === 0 && !this.closed) {
      this.closed = true;
      this.parser.stop();
      this.socket.destroy();
    }
  }

  /**
   * Ends the connection now because of `error` (a transport or protocol failure). `responseStarted`:
   * some of the oldest request's answer had arrived.
   */
  fail(error: Error, responseStarted = this.parser.started): void {
    if (this.closed && this.inFlight.length === 0) {
      this.socket.destroy();
      return;
    }
    // undici fails a client's whole queue on a connect error, and only the head of its pipeline after.
    if (!this.connected) {
      this.end(this.inFlight.slice(), error);
      return;
    }
    const oldest = this.inFlight[0];
    if (oldest === undefined) this.end([], error);
    else if (this.mayResend(oldest, error, responseStarted)) {
      oldest.resent = true;
      this.end([], error, oldest);
    } else this.end([oldest], error);
  }

  /**
   * Whether `request`, the oldest in flight, met the server closing a kept-alive connection: it was
   * written to a connection that had completed a response, and it failed by a reset or close before
   * a byte of its answer came back. A GET or HEAD, once: another method may have had its effect.
   */
  private mayResend(request: PendingRequest, error: Error, responseStarted: boolean): boolean {
    return this.reused && !responseStarted && request.idempotent && !request.resent && classifyError(error) === 'reset';
  }

  /** Ends the connection because `request`, sent on it, was aborted: its answer may be on the wire. */
  abort(request: PendingRequest, reason: Error): void {
    this.end([request], reason);
  }

  /** Every request on this connection fails with `error`; the pool is destroying it. */
  destroy(error: Error): void {
    this.end(this.inFlight.slice(), error);
  }

  /**
   * Closes the connection: `failing` fail with `error`; `resend` goes out again on a new connection;
   * the other unanswered requests go back to the pool.
   */
  private end(failing: readonly PendingRequest[], error?: Error, resend?: PendingRequest): void {
    this.closed = true;
    clearTimeout(this.connectTimer);
    this.parser.stop();
    this.socket.destroy();
    const unanswered = this.inFlight.splice(0).filter((request) => request !== resend && !failing.includes(request));
    for (const request of unanswered) request.connection = null;
    if (resend !== undefined) resend.connection = null;
    // Back in the queue before any handler runs: a handler may dispatch, and retries go first.
    this.owner.connectionGone(this, unanswered, resend);
    for (const request of failing) {
      request.finished = true;
      request.connection = null;
      request.handler.onError(error ?? new SocketClosedError());
    }
  }

  answersHeadRequest(): boolean {
    return this.inFlight[0]?.isHead ?? false;
  }

  onResponseHead(statusCode: number): void {
    const request = this.inFlight[0];
    if (request === undefined)
      throw new SocketClosedError(`the server sent a response (${statusCode}) nobody asked for`);
    request.handler.onHeaders(statusCode, NO_HEADERS, resumeNothing, '');
  }

  onResponseBody(chunk: Buffer): void {
    this.inFlight[0]!.handler.onData(chunk);
  }

  onResponseEnd(keepAlive: boolean): void {
    const request = this.inFlight.shift()!;
    request.finished = true;
    request.connection = null;
    this.reused = true;
    // The server closes after this response: requests pipelined behind it go to another connection
    // (RFC 9112 §9.3.2: a client SHOULD retry unanswered pipelined requests; nginx closes after
    // keepalive_requests, 1000 by default).
    if (!keepAlive) this.end([]);
    request.handler.onComplete(null);
    if (keepAlive && !this.closed) this.owner.connectionFree(this);
  }

  private onSocketData(data: Buffer): void {
    try {
      this.parser.execute(data);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /**
   * The server closed its side. On an idle connection that is its idle timeout (nginx's
   * keepalive_timeout): the connection leaves the pool now, not at 'close' a loop turn or more
   * later, so no request is written to it meanwhile. With requests in flight, 'close' follows
   * (the socket is not half-open) and settles them.
   */
  private onSocketEnd(): void {
    if (this.inFlight.length === 0 && !this.closed) this.end([]);
  }

  private onSocketClose(): void {
    clearTimeout(this.connectTimer);
    if (this.closed) {
      this.owner.connectionGone(this, []);
      return;
    }
    // A response delimited by the close ends here; anything else still in flight was cut off.
    const responseStarted = this.parser.started;
    this.parser.finish();
    if (this.inFlight.length > 0) this.fail(new SocketClosedError(), responseStarted);
    else {
      this.closed = true;
      this.owner.connectionGone(this, []);
    }
  }
}
