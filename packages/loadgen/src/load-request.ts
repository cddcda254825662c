import type { Dispatcher } from 'undici';
import type { HostRecorder } from './host-recorder.js';
import type { LoadDispatcher, ResolvedTarget } from './types.js';

/** Bytes of an unexpected body quoted in the error message. */
const BODY_SNIPPET_MARGIN = 16;

/** Short bodies, the usual case, compare faster in a JS loop than through Buffer#compare's native call. */
function sameBytes(chunk: Buffer, expected: Buffer, offset: number, length: number): boolean {
  if (length > 32) return chunk.compare(expected, offset, offset + length, 0, length) === 0;
  for (let i = 0; i < length; i++) if (chunk[i] !== expected[offset + i]) return false;
  return true;
}

/** Everything the hot path needs about one target, built once per run. */
export interface TargetState {
  readonly target: ResolvedTarget;
  readonly dispatcher: LoadDispatcher;
  /** Reused for every request: undici copies what it needs from the options. */
  readonly dispatchOptions: Dispatcher.DispatchOptions;
  readonly expectedBody: Buffer | null;
  readonly host: HostRecorder;
}

/** Receives each request's single outcome. */
export interface RequestSink {
  complete(request: LoadRequest, error: Error | null): void;
}

/**
 * One in-flight request and its undici 7 dispatch handler. It sits in the run's intrusive
 * in-flight list (prev/next), so timeouts are found by walking from the oldest send, and the
 * body is compared on the fly without buffering it.
 */
export class LoadRequest implements Dispatcher.DispatchHandler {
  prev: LoadRequest | null = null;
  next: LoadRequest | null = null;
  /** undici's cancel for this request, once it has one. */
  abort: ((reason: Error) => void) | null = null;
  statusCode = 0;
  bodyBytes = 0;
  bodyMismatch = false;
  /** The start of a body that did not match, for the error message. */
  bodySnippet = '';
  /** Set once the outcome is recorded; later callbacks (after a timeout abort) are ignored. */
  done = false;
  abortWith: Error | null = null;

  constructor(
    readonly sink: RequestSink,
    readonly state: TargetState,
    /** Planned send time (ms); equals sentAt in the closed model. */
    readonly plannedAt: number,
    readonly sentAt: number,
    /** Planned inside the measured window (not warmup). */
    readonly measured: boolean,
  ) {}

  // undici's core speaks this (deprecated-typed) handler API natively. A handler with the new
  // onRequestStart/onResponse* methods gets wrapped in an adapter that parses every response's
  // raw headers into an object and allocates a controller: ~5% of the closed model's CPU for
  // headers we never read. Measured in bench/RESULTS.md.

  onConnect(abort: (reason?: Error) => void): void {
    this.abort = abort;
    // Timed out while still queued in the pool: cancel before it reaches the socket.
    if (this.abortWith) abort(this.abortWith);
  }

  onHeaders(statusCode: number): boolean {
    this.statusCode = statusCode;
    return true;
  }

  onData(chunk: Buffer): boolean {
    const expected = this.state.expectedBody;
    if (expected !== null && !this.bodyMismatch) {
      const offset = this.bodyBytes;
      const overlap = Math.min(chunk.length, expected.length - offset);
      if (overlap < chunk.length || (overlap > 0 && !sameBytes(chunk, expected, offset, overlap))) {
        this.bodyMismatch = true;
        this.bodySnippet = chunk.toString('utf8', 0, Math.min(chunk.length, expected.length + BODY_SNIPPET_MARGIN));
      }
    }
    this.bodyBytes += chunk.length;
    return true;
  }

  onComplete(): void {
    this.sink.complete(this, null);
  }

  onError(error: Error): void {
    this.sink.complete(this, error);
  }

  /** Cancels the request in its pool, also while it still waits there for a socket (see onConnect). */
  cancel(reason: Error): void {
    this.abortWith = reason;
    this.abort?.(reason);
  }

  /** Whether a finished response broke its target's expectations on the body. */
  bodyMatches(): boolean {
    const expected = this.state.expectedBody;
    return expected === null || (!this.bodyMismatch && this.bodyBytes === expected.length);
  }
}
