import type { Diagnostics } from '@prload/probe';

/** Every `code` a @prload/distributed error carries; each is stable across releases, so callers branch on it. */
export type DistributedErrorCode =
  | 'DISTRIBUTED_ERROR'
  | 'DISTRIBUTED_BAD_OPTION'
  | 'DISTRIBUTED_RUN_EXISTS'
  | 'DISTRIBUTED_KUBE_API'
  | 'DISTRIBUTED_SHARD_FAILED'
  | 'DISTRIBUTED_NOT_READY'
  | 'DISTRIBUTED_NO_RESULT'
  | 'DISTRIBUTED_ABORTED'
  | 'DISTRIBUTED_BAD_SPEC'
  | 'DISTRIBUTED_BAD_RESULT'
  | 'DISTRIBUTED_SHARD_ENV';

/** What an error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
export type DistributedErrorKind = 'bad-input' | 'infrastructure';

/** Base class of every error @prload/distributed throws; `code` is stable and safe to match on. */
export class DistributedError extends Error {
  override name = 'DistributedError';
  readonly code: DistributedErrorCode = 'DISTRIBUTED_ERROR';
  readonly kind: DistributedErrorKind = 'infrastructure';
}

/** An option is missing, out of range or malformed; the message names it and the fix. */
export class DistributedOptionsError extends DistributedError {
  override name = 'DistributedOptionsError';
  override readonly code = 'DISTRIBUTED_BAD_OPTION';
  override readonly kind = 'bad-input';
}

/** Objects of this run id already exist in the namespace: another run (or a leftover one) holds the names. */
export class DistributedRunExistsError extends DistributedError {
  override name = 'DistributedRunExistsError';
  override readonly code = 'DISTRIBUTED_RUN_EXISTS';
  override readonly kind = 'bad-input';
}

/** A Kubernetes API call failed in a way waiting cannot fix (403, 404, 422…); `cause` is the client's error. */
export class DistributedKubeApiError extends DistributedError {
  override name = 'DistributedKubeApiError';
  override readonly code = 'DISTRIBUTED_KUBE_API';
  /** HTTP status of the API answer, when there was one. */
  readonly statusCode: number | undefined;
  constructor(message: string, statusCode: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.statusCode = statusCode;
  }
}

/** One shard and what went wrong with it, as the messages print it. */
export interface ShardProblem {
  readonly index: number;
  /** The shard's pod, when the Job created one. */
  readonly pod: string | undefined;
  /** Where it was scheduled, when it was. */
  readonly node: string | undefined;
  /** e.g. `Failed: container shard: terminated OOMKilled (exit code 137)`. */
  readonly reason: string;
  /** The shard itself failed on the run's options (a LoadOptionsError): bad input, not the cluster. */
  readonly badInput?: boolean;
}

/** `shard 1 (pod prload-load-x-1-abcde on node w2)`. */
export function describeShard(p: Pick<ShardProblem, 'index' | 'pod' | 'node'>): string {
  const where = p.pod ? `pod ${p.pod}${p.node ? ` on node ${p.node}` : ', not scheduled'}` : 'no pod';
  return `shard ${p.index} (${where})`;
}

/** `shard 1 (pod prload-load-x-1-abcde on node w2): Failed: OOMKilled`. */
export function describeProblem(p: ShardProblem): string {
  return `${describeShard(p)}: ${p.reason}`;
}

/** Errors that name shards and carry the diagnostics of their pods (printed by probe's failureDiagnostics). */
abstract class ShardsError extends DistributedError {
  readonly problems: readonly ShardProblem[];
  readonly diagnostics: Diagnostics;
  constructor(message: string, problems: readonly ShardProblem[], diagnostics: Diagnostics, options?: ErrorOptions) {
    super(message, options);
    this.problems = problems;
    this.diagnostics = diagnostics;
  }
}

/**
 * A shard failed: its pod failed or was evicted, it reported a failure, or the Job failed. Bad input when
 * every failed shard failed on the run's options, else infrastructure.
 */
export class ShardFailedError extends ShardsError {
  override name = 'ShardFailedError';
  override readonly code = 'DISTRIBUTED_SHARD_FAILED';
  override readonly kind: DistributedErrorKind;
  constructor(message: string, problems: readonly ShardProblem[], diagnostics: Diagnostics, options?: ErrorOptions) {
    super(message, problems, diagnostics, options);
    this.kind = problems.length > 0 && problems.every((p) => p.badInput) ? 'bad-input' : 'infrastructure';
  }
}

/** The ready deadline passed before every shard said it was ready; `problems` names those that did not. */
export class ShardsNotReadyError extends ShardsError {
  override name = 'ShardsNotReadyError';
  override readonly code = 'DISTRIBUTED_NOT_READY';
}

/** The results deadline passed before every shard sent its result; `problems` names those that did not. */
export class ShardsNoResultError extends ShardsError {
  override name = 'ShardsNoResultError';
  override readonly code = 'DISTRIBUTED_NO_RESULT';
}

/** The caller's AbortSignal fired before any shard had a result to return; `cause` is the signal's reason. */
export class DistributedAbortedError extends DistributedError {
  override name = 'DistributedAbortedError';
  override readonly code = 'DISTRIBUTED_ABORTED';
}

/** The run's spec ConfigMap cannot be read as a run spec (another prload version wrote it?). */
export class DistributedSpecError extends DistributedError {
  override name = 'DistributedSpecError';
  override readonly code = 'DISTRIBUTED_BAD_SPEC';
}

/** A shard's status ConfigMap holds a result that cannot be decoded, or one too large for a ConfigMap. */
export class ShardResultError extends DistributedError {
  override name = 'ShardResultError';
  override readonly code = 'DISTRIBUTED_BAD_RESULT';
}

/** runShard cannot tell which shard it is or where its run is: not in a Job's pod, and no option says. */
export class ShardEnvironmentError extends DistributedError {
  override name = 'ShardEnvironmentError';
  override readonly code = 'DISTRIBUTED_SHARD_ENV';
  override readonly kind = 'bad-input';
}
