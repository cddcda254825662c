import type { Dispatcher, Pool } from 'undici';
import { LoadgenError, PoolClosedError } from '../errors.js';
import { encodeRequest } from './encode-request.js';
import {
  type ConnectionOwner,
  type ConnectOptions,
  PendingRequest,
  SocketConnection,
  type SocketHandler,
} from './socket-connection.js';

/** A FIFO with O(1) shift: in the open model the pool queue can hold thousands of requests. */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  /** Puts `items` back at the front, in order. */
  unshift(items: readonly T[]): void {
    this.items.splice(this.head, 0, ...items);
  }
  remove(item: T): void {
    const index = this.items.indexOf(item, this.head);
    if (index >= 0) this.items.splice(index, 1);
  }
  drain(): T[] {
    const rest = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return rest;
  }
}

/**
 * The socket engine's pool for one (address, Host) pair: up to `connections` keep-alive
 * HTTP/1.1 connections, `pipelining` requests each, and a queue behind them — the part of an
 * undici Pool a load generator uses, with request bytes encoded once per target and only the
 * framing headers parsed. It takes the same options and drives the same handlers as undici's
 * Pool, so the run can use either. Plain HTTP/1.1 only: no request bodies, no upgrades.
 */
export class SocketPool implements ConnectionOwner {
  private readonly connections: SocketConnection[] = [];
  private readonly queue = new Queue<PendingRequest>();
  private readonly connect: ConnectOptions;
  private readonly maxConnections: number;
  private readonly pipelining: number;
  private closing = false;
  private whenClosed: (() => void) | null = null;
  private closed: Promise<void> | null = null;

  constructor(origin: string, options: Pool.Options = {}) {
    const url = new URL(origin);
    const https = url.protocol === 'https:';
    const connect = (typeof options.connect === 'object' ? options.connect : {}) as {
      timeout?: number;
      rejectUnauthorized?: boolean;
      servername?: string;
    };
    this.connect = {
      https,
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port) || (https ? 443 : 80),
      timeoutMs: connect.timeout ?? 10_000,
      rejectUnauthorized: connect.rejectUnauthorized ?? true,
      ...(connect.servername ? { servername: connect.servername } : {}),
    };
    this.maxConnections = options.connections ?? 1;
    this.pipelining = options.pipelining ?? 1;
  }

  /** Requests waiting for a connection, as undici's `Pool#stats.pending`. */
  get stats(): { pending: number } {
    return { pending: this.queue.size };
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: SocketHandler): boolean {
    let bytes: Buffer;
    try {
      bytes = encodeRequest(options);
    } catch (error) {
      handler.onError(error as Error);
      return true;
    }
    const { method } = options;
    const request = new PendingRequest(bytes, method === 'HEAD', method === 'GET' || method === 'HEAD', handler);
    handler.onConnect((reason) => this.abort(request, reason ?? new LoadgenError('request aborted')));
    if (request.finished) return true;
    if (this.closing) {
      request.finished = true;
      handler.onError(new PoolClosedError());
    } else if (this.queue.size > 0 || !this.assign(request)) {
      this.queue.push(request);
    }
    return true;
  }

  /** Resolves when every queued and in-flight request has finished and the connections are closed. */
  close(): Promise<void> {
    this.closing = true;
    // Every call gets the one promise: a second resolver would replace the first, which would never settle.
    this.closed ??= new Promise((resolve) => {
      this.whenClosed = resolve;
      for (const connection of [...this.connections]) if (connection.load === 0) connection.endWhenIdle();
      this.settleClose();
    });
    return this.closed;
  }

  /** Fails every queued and in-flight request and closes the connections now. */
  async destroy(error: Error = new PoolClosedError()): Promise<void> {
    this.closing = true;
    for (const request of this.queue.drain()) {
      request.finished = true;
      request.handler.onError(error);
    }
    for (const connection of [...this.connections]) connection.destroy(error);
  }

  connectionFree(connection: SocketConnection): void {
    while (this.queue.size > 0 && this.fits(this.queue.peek()!, connection)) connection.send(this.queue.shift()!);
    if (this.closing && this.queue.size === 0 && connection.load === 0) connection.endWhenIdle();
  }

  connectionGone(connection: SocketConnection, unanswered: readonly PendingRequest[], resend?: PendingRequest): void {
    const index = this.connections.indexOf(connection);
    if (index >= 0) this.connections.splice(index, 1);
    if (unanswered.length > 0) this.queue.unshift(unanswered);
    if (resend !== undefined) {
      // On a new connection: another idle one may be closing too. The one that failed it has just
      // left, so there is room; were there none, it would wait first in line for any connection.
      if (this.connections.length < this.maxConnections) this.open().send(resend);
      else this.queue.unshift([resend]);
    }
    // Queued requests get a fresh connection; a server that refuses fails them one connect at a time.
    while (this.queue.size > 0 && this.assign(this.queue.peek()!)) this.queue.shift();
    this.settleClose();
  }

  /**
   * Whether `connection` can take `request` now. As undici's client, a request that is not safe to
   * send twice goes only on a connection with nothing in flight: a failure of a request before it
   * would otherwise make it unanswered, and it could not be sent again.
   */
  private fits(request: PendingRequest, connection: SocketConnection): boolean {
    return !connection.closed && connection.load < this.pipelining && (request.idempotent || connection.load === 0);
  }

  private assign(request: PendingRequest): boolean {
    for (const connection of this.connections) {
      if (this.fits(request, connection)) {
        connection.send(request);
        return true;
      }
    }
    if (this.connections.length >= this.maxConnections) return false;
    this.open().send(request);
    return true;
  }

  private open(): SocketConnection {
    const connection = new SocketConnection(this, this.connect);
    this.connections.push(connection);
    return connection;
  }

  private abort(request: PendingRequest, reason: Error): void {
    if (request.finished) return;
    if (request.connection !== null) {
      // Its response may already be on the wire: the connection goes, as undici does on an abort.
      request.connection.abort(request, reason);
      return;
    }
    this.queue.remove(request);
    request.finished = true;
    request.handler.onError(reason);
  }

  private settleClose(): void {
    if (this.closing && this.whenClosed !== null && this.connections.length === 0 && this.queue.size === 0) {
      const resolve = this.whenClosed;
      this.whenClosed = null;
      resolve();
    }
  }
}
