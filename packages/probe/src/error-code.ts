/** The most specific code of a thrown value: its own `code`, its cause's, else its name. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, cause, name } = error as { code?: unknown; cause?: unknown; name?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    if (cause !== undefined && cause !== error) {
      const inner = errorCode(cause);
      if (inner !== 'UNKNOWN') return inner;
    }
    if (typeof name === 'string' && name !== '' && name !== 'Error') return name;
  }
  return 'UNKNOWN';
}

/**
 * Invalid-argument errors come from our own request shape, so retrying cannot fix them;
 * every other failure (refused, reset, DNS hiccup, timeouts) is what a starting ingress looks like.
 */
export function isPermanentRequestError(code: string): boolean {
  return code.startsWith('UND_ERR_INVALID') || code.startsWith('ERR_INVALID') || code === 'UND_ERR_NOT_SUPPORTED';
}
