import { ClusterError, type ClusterErrorCode } from './errors.js';

/** A program could not be started at all (not installed, not executable). */
export class CommandNotFoundError extends ClusterError {
  override name = 'CommandNotFoundError';
  override readonly code: ClusterErrorCode = 'CLUSTER_COMMAND_NOT_FOUND';
  constructor(
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(
      `${file}: cannot run it (not found or not executable) — install it or point the matching PRLOAD_* variable at it`,
      options,
    );
  }
}

/** A program ran past its time limit and was killed. */
export class CommandTimeoutError extends ClusterError {
  override name = 'CommandTimeoutError';
  override readonly code: ClusterErrorCode = 'CLUSTER_COMMAND_TIMEOUT';
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`${command}: still running after ${timeoutMs} ms, killed — raise the timeout or check why it hangs`, options);
  }
}

/** The last non-empty line of a program's output: usually the one that names the problem. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  return lines.filter((line) => line.length > 0).at(-1) ?? '(no output)';
}
