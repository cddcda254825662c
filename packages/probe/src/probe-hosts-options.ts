import type { Dispatcher } from 'undici';
import type { BackoffOptions } from './backoff-delay.js';

/** One virtual host to probe through the ingress. */
export interface ProbeTarget {
  /** Sent as the `Host` header so the ingress routes to this host's backend. */
  readonly host: string;
  /**
   * Path (and query) requested on the ingress.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Status that counts as success.
   * @default 200
   */
  readonly expectStatus?: number;
  /**
   * Exact body that counts as success, compared byte for byte (http-echo answers `text + "\n"`,
   * so pass `'foo\n'`). Omit to accept any body.
   * @default undefined
   */
  readonly expectBody?: string;
}

/** Reported after every attempt, successful or not. */
export interface ProbeAttemptEvent {
  readonly host: string;
  /** 1-based. */
  readonly attempt: number;
  readonly status?: number;
  /** Error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, `ATTEMPT_TIMEOUT`...) or `WRONG_BODY`. */
  readonly error?: string;
  /** Wait before the next attempt; 0 after the successful one. */
  readonly delayMs: number;
}

export interface ProbeHostsOptions {
  /** Base URL of the ingress controller, e.g. `http://127.0.0.1:8080`. */
  readonly ingressUrl: string;
  readonly targets: readonly ProbeTarget[];
  /**
   * Cancels the probe; it then rejects with `ProbeAbortedError`.
   * @default undefined
   */
  readonly signal?: AbortSignal;
  /**
   * Overall deadline for every host, in milliseconds.
   * @default 120_000
   */
  readonly timeoutMs?: number;
  /**
   * Deadline of one request (headers and body), in milliseconds; a slow answer is retried.
   * @default 10_000
   */
  readonly attemptTimeoutMs?: number;
  /**
   * Backoff between attempts of one host.
   * @default { initialMs: 100, maxMs: 5000, factor: 2 }
   */
  readonly backoff?: BackoffOptions;
  /**
   * Source of jitter in `[0, 1)`; inject for deterministic tests.
   * @default Math.random
   */
  readonly random?: () => number;
  /**
   * undici dispatcher used for every request (the HTTP seam).
   * @default undici's global dispatcher
   */
  readonly dispatcher?: Dispatcher;
  /**
   * Called after every attempt (progress output, tests).
   * @default undefined
   */
  readonly onAttempt?: (event: ProbeAttemptEvent) => void;
}

/** A host that answered as expected. */
export interface HostProbeResult {
  readonly host: string;
  /** Attempts it took, including the successful one. */
  readonly attempts: number;
  /** From the start of the probe to the successful answer. */
  readonly durationMs: number;
}
