import type { Diagnostics } from './diagnostics-types.js';

/** Every `code` a @prload/probe error carries; each is stable across releases, so callers branch on it. */
export type ProbeErrorCode =
  | 'PROBE_ERROR'
  | 'PROBE_BAD_OPTION'
  | 'PROBE_TIMEOUT'
  | 'PROBE_ABORTED'
  | 'PROBE_REQUEST_FAILED'
  | 'PROBE_KUBE_API'
  | 'PROBE_READINESS_TIMEOUT'
  | 'PROBE_ROLLOUT_FAILED';

/** Base class of every error @prload/probe throws; `code` is stable and safe to match on. */
export class ProbeError extends Error {
  override name = 'ProbeError';
  readonly code: ProbeErrorCode = 'PROBE_ERROR';
  /** What the error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
  readonly kind: 'bad-input' | 'infrastructure' = 'infrastructure';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** An option is out of range or malformed (a programming or config error, never retried). */
export class ProbeOptionsError extends ProbeError {
  override name = 'ProbeOptionsError';
  override readonly code = 'PROBE_BAD_OPTION';
  override readonly kind = 'bad-input';
}

/** What a host answered last before the deadline; `kind: 'none'` when no attempt completed. */
export type ProbeObservation =
  | { readonly kind: 'status'; readonly status: number; readonly body: string; readonly wrongBody: boolean }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  | { readonly kind: 'none' };

/** One host that did not give the expected answer in time. */
export interface ProbeFailure {
  readonly host: string;
  readonly expectStatus: number;
  readonly expectBody: string | undefined;
  readonly attempts: number;
  readonly last: ProbeObservation;
}

/** The overall deadline passed before every host answered as expected. */
export class ProbeTimeoutError extends ProbeError {
  override name = 'ProbeTimeoutError';
  override readonly code = 'PROBE_TIMEOUT';
  readonly failures: readonly ProbeFailure[];
  constructor(message: string, failures: readonly ProbeFailure[], options?: ErrorOptions) {
    super(message, options);
    this.failures = failures;
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class ProbeAbortedError extends ProbeError {
  override name = 'ProbeAbortedError';
  override readonly code = 'PROBE_ABORTED';
}

/** A request failed in a way retrying cannot fix (e.g. an invalid header); `cause` is the undici error. */
export class ProbeRequestError extends ProbeError {
  override name = 'ProbeRequestError';
  override readonly code = 'PROBE_REQUEST_FAILED';
}

/** A Kubernetes API call failed in a way waiting cannot fix (403, 404, 422...); `cause` is the client error. */
export class ProbeKubeApiError extends ProbeError {
  override name = 'ProbeKubeApiError';
  override readonly code = 'PROBE_KUBE_API';
  /** HTTP status of the API answer, when there was one. */
  readonly statusCode: number | undefined;
  constructor(message: string, statusCode: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.statusCode = statusCode;
  }
}

/** A readiness wait hit its deadline; `diagnostics` says why (pods, events, logs, ingresses). */
export class ReadinessTimeoutError extends ProbeError {
  override name = 'ReadinessTimeoutError';
  override readonly code = 'PROBE_READINESS_TIMEOUT';
  readonly diagnostics: Diagnostics;
  constructor(message: string, diagnostics: Diagnostics, options?: ErrorOptions) {
    super(message, options);
    this.diagnostics = diagnostics;
  }
}

/** A Deployment reported ProgressDeadlineExceeded: Kubernetes itself gave up on the rollout. */
export class RolloutFailedError extends ProbeError {
  override name = 'RolloutFailedError';
  override readonly code = 'PROBE_ROLLOUT_FAILED';
  readonly diagnostics: Diagnostics;
  constructor(message: string, diagnostics: Diagnostics, options?: ErrorOptions) {
    super(message, options);
    this.diagnostics = diagnostics;
  }
}
