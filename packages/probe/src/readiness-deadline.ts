import { ProbeAbortedError, ProbeOptionsError } from './errors.js';

export interface DeadlineOptions {
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  /** What is being waited for, for the abort message. */
  readonly what: string;
}

/**
 * Runs `run` under `AbortSignal.any([signal, timeout])` and tells the two endings apart:
 * the caller's abort becomes ProbeAbortedError, the deadline becomes `onTimeout()`'s error
 * (which may do I/O, e.g. collect diagnostics, without the expired signal).
 */
export async function withDeadline<R>(
  options: DeadlineOptions,
  run: (signal: AbortSignal) => Promise<R>,
  onTimeout: () => Promise<Error>,
): Promise<R> {
  const { signal } = options;
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new ProbeOptionsError(`timeoutMs: must be a positive number of milliseconds, got ${options.timeoutMs}`);
  }
  if (signal?.aborted) throw aborted(options.what, signal);
  // AbortSignal.timeout rejects fractions; remaining budgets computed from performance.now() have them.
  const deadline = AbortSignal.timeout(Math.ceil(options.timeoutMs));
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  try {
    return await run(combined);
  } catch (error) {
    if (signal?.aborted) throw aborted(options.what, signal);
    if (deadline.aborted) throw await onTimeout();
    throw error;
  }
}

function aborted(what: string, signal: AbortSignal): ProbeAbortedError {
  return new ProbeAbortedError(`readiness: aborted by the caller while waiting for ${what}`, { cause: signal.reason });
}
