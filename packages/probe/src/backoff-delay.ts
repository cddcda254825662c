import { ProbeOptionsError } from './errors.js';

/** Exponential backoff settings; the delay is drawn with full jitter below the current cap. */
export interface BackoffOptions {
  /**
   * Cap of the first wait, in milliseconds.
   * @default 100
   */
  readonly initialMs?: number;
  /**
   * Upper bound of every cap, in milliseconds.
   * @default 5000
   */
  readonly maxMs?: number;
  /**
   * Growth of the cap per retry.
   * @default 2
   */
  readonly factor?: number;
}

export interface ResolvedBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export function resolveBackoff(options: BackoffOptions = {}): ResolvedBackoff {
  const { initialMs = 100, maxMs = 5000, factor = 2 } = options;
  if (!Number.isFinite(initialMs) || initialMs <= 0) {
    throw new ProbeOptionsError(`backoff.initialMs: must be a positive number, got ${initialMs}`);
  }
  if (!Number.isFinite(maxMs) || maxMs < initialMs) {
    throw new ProbeOptionsError(`backoff.maxMs: must be >= initialMs (${initialMs}), got ${maxMs}`);
  }
  if (!Number.isFinite(factor) || factor < 1) {
    throw new ProbeOptionsError(`backoff.factor: must be a number >= 1, got ${factor}`);
  }
  return { initialMs, maxMs, factor };
}

/**
 * Wait before retry number `attempt` (0-based: 0 is the wait after the first failed attempt).
 * Full jitter (`random() * cap`, AWS architecture blog "Exponential Backoff and Jitter") spreads
 * the retries of many hosts probed at once instead of having them hit the ingress in lockstep.
 * Returns whole milliseconds in `[0, min(maxMs, initialMs * factor ** attempt))`.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initialMs, maxMs, factor } = resolveBackoff(options);
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new ProbeOptionsError(`backoffDelay attempt: must be an integer >= 0, got ${attempt}`);
  }
  const cap = Math.min(maxMs, initialMs * factor ** attempt);
  const r = random();
  // A misbehaving injected source must not produce a negative or over-cap wait.
  const clamped = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(Math.floor(clamped * cap), Math.max(0, Math.ceil(cap) - 1));
}
