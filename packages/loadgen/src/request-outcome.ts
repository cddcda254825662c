import { classifyError, describeError } from './classify-error.js';
import type { LoadRequest } from './load-request.js';
import type { ErrorKind } from './types.js';

/**
 * What went wrong with a finished request, or null when it met its target's expectations.
 * `error` is the transport's (or the timeout's), null when a response arrived in full.
 */
export function errorKindOf(request: LoadRequest, error: Error | null): ErrorKind | null {
  if (error !== null) return classifyError(error);
  if (request.statusCode !== request.state.target.expectStatus) return 'unexpected-status';
  if (!request.bodyMatches()) return 'body-mismatch';
  return null;
}

/** The detail of a failed request's error message, after its kind. */
export function describeFailure(request: LoadRequest, error: Error | null, kind: ErrorKind): string {
  const target = request.state.target;
  if (error !== null) return describeError(error);
  if (kind === 'unexpected-status') return `got ${request.statusCode}, expected ${target.expectStatus}`;
  const got = request.bodyMismatch ? JSON.stringify(request.bodySnippet) : `${request.bodyBytes} bytes`;
  return `expected ${JSON.stringify(target.expectBody)}, got ${got}`;
}
