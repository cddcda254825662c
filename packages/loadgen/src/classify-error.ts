import type { ErrorKind } from './types.js';

const TIMEOUT_CODES = new Set([
  'LOADGEN_REQUEST_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'LOADGEN_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
// undici reports a peer that closed mid-response as UND_ERR_SOCKET ("other side closed"); the socket engine as LOADGEN_SOCKET_CLOSED.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'LOADGEN_SOCKET_CLOSED']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function kindOfCode(code: string | undefined): ErrorKind | undefined {
  if (code === undefined) return undefined;
  if (code === 'ECONNREFUSED') return 'connect-refused';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (RESET_CODES.has(code)) return 'reset';
  return undefined;
}

/**
 * Maps a transport error to a kind, looking through `cause` chains and AggregateErrors
 * (happy-eyeballs connects fail with one per address).
 */
export function classifyError(error: unknown): ErrorKind {
  // The common case, in the send loop when a server is down: the error itself carries the code.
  const direct = kindOfCode(codeOf(error));
  if (direct) return direct;
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || e === undefined || seen.has(e)) continue;
    seen.add(e);
    const kind = kindOfCode(codeOf(e));
    if (kind) return kind;
    if (e instanceof AggregateError) queue.push(...e.errors);
    if (e instanceof Error && e.cause !== undefined) queue.push(e.cause);
  }
  return 'other';
}

/** A short single-line description for the bounded set of error messages. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = codeOf(error);
    const message = error.message.replace(/\s+/g, ' ').slice(0, 200);
    return code && !message.includes(code) ? `${code} ${message}` : message;
  }
  return String(error).slice(0, 200);
}
