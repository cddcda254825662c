/** Every `code` a @prload/loadgen error carries; each is stable across releases, so callers branch on it. */
export type LoadgenErrorCode =
  | 'LOADGEN_ERROR'
  | 'LOADGEN_BAD_OPTION'
  | 'LOADGEN_THRESHOLD_SYNTAX'
  | 'LOADGEN_THRESHOLD_EVAL'
  | 'LOADGEN_REQUEST_TIMEOUT'
  | 'LOADGEN_RUN_STOPPED'
  | 'LOADGEN_WORKER'
  | 'LOADGEN_BAD_RESPONSE'
  | 'LOADGEN_SOCKET_CLOSED'
  | 'LOADGEN_CONNECT_TIMEOUT'
  | 'LOADGEN_POOL_CLOSED'
  | 'LOADGEN_RESULT_DECODE';

/** Base class of every error @prload/loadgen throws; `code` is stable and safe to match on. */
export class LoadgenError extends Error {
  override name = 'LoadgenError';
  readonly code: LoadgenErrorCode = 'LOADGEN_ERROR';
  /** What the error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
  readonly kind: 'bad-input' | 'infrastructure' = 'infrastructure';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A `LoadOptions` field is missing or out of range; the message names the field and the fix. */
export class LoadOptionsError extends LoadgenError {
  override name = 'LoadOptionsError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_BAD_OPTION';
  override readonly kind = 'bad-input';
  /** The option at fault, e.g. `rate` or `targets[1].weight`. */
  readonly option: string;
  constructor(option: string, problem: string, options?: ErrorOptions) {
    super(`load.${option}: ${problem}`, options);
    this.option = option;
  }
}

/** A threshold expression such as `p95<200ms` could not be parsed. */
export class ThresholdSyntaxError extends LoadgenError {
  override name = 'ThresholdSyntaxError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_THRESHOLD_SYNTAX';
  override readonly kind = 'bad-input';
  /** The expression as written. */
  readonly expression: string;
  constructor(expression: string, problem: string, options?: ErrorOptions) {
    super(`threshold "${expression}": ${problem}`, options);
    this.expression = expression;
  }
}

/**
 * A well-formed threshold cannot be evaluated against this result: it names a host the run
 * never targeted, or asks for `rate` of a closed-model run, which has no target rate.
 */
export class ThresholdEvaluationError extends LoadgenError {
  override name = 'ThresholdEvaluationError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_THRESHOLD_EVAL';
  override readonly kind = 'bad-input';
  readonly expression: string;
  constructor(expression: string, problem: string, options?: ErrorOptions) {
    super(`threshold "${expression}": ${problem}`, options);
    this.expression = expression;
  }
}

/** A request outlived `timeoutMs`; recorded as a `timeout` error, never thrown to callers. */
export class RequestTimeoutError extends LoadgenError {
  override name = 'RequestTimeoutError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_REQUEST_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`no complete response within timeoutMs=${timeoutMs}`);
  }
}

/** Cancels requests still in flight when the run's drain time is over; they count as aborted. */
export class RunStoppedError extends LoadgenError {
  override name = 'RunStoppedError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_RUN_STOPPED';
  constructor() {
    super('the load run stopped before this request finished');
  }
}

/** A worker thread of a `workers > 1` run failed or exited without a result. */
export class LoadWorkerError extends LoadgenError {
  override name = 'LoadWorkerError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_WORKER';
  constructor(problem: string, options?: ErrorOptions) {
    super(`load worker: ${problem}; rerun with workers: 1 to see the failure in-process`, options);
  }
}

/** The socket engine received bytes it cannot frame as an HTTP/1.1 response; the connection is dropped. */
export class ResponseParseError extends LoadgenError {
  override name = 'ResponseParseError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_BAD_RESPONSE';
  constructor(problem: string) {
    super(`malformed HTTP response: ${problem}`);
  }
}

/** The server closed the connection before answering; classified as a `reset`, as undici's "other side closed" is. */
export class SocketClosedError extends LoadgenError {
  override name = 'SocketClosedError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_SOCKET_CLOSED';
  constructor(message = 'the server closed the connection before the response was complete') {
    super(message);
  }
}

/** No connection within the connect timeout. */
export class ConnectTimeoutError extends LoadgenError {
  override name = 'ConnectTimeoutError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_CONNECT_TIMEOUT';
  constructor(address: string, timeoutMs: number) {
    super(`could not connect to ${address} within ${timeoutMs} ms`);
  }
}

/** A request reached a socket-engine pool after it was closed or destroyed. */
export class PoolClosedError extends LoadgenError {
  override name = 'PoolClosedError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_POOL_CLOSED';
  constructor() {
    super('the connection pool is closed');
  }
}

/** Bytes handed to `decodeResult` are not a result `encodeResult` wrote (truncated, corrupted, another format). */
export class ResultDecodeError extends LoadgenError {
  override name = 'ResultDecodeError';
  override readonly code: LoadgenErrorCode = 'LOADGEN_RESULT_DECODE';
  /** What the bytes were, as the caller named them (e.g. `shard 2's result ConfigMap`). */
  readonly what: string;
  constructor(what: string, problem: string, options?: ErrorOptions) {
    super(`${what}: not a load result (${problem}); it must be the bytes encodeResult wrote`, options);
    this.what = what;
  }
}
