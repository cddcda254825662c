/** What an error is to the caller: bad input (exit 2 in the CLI) or the infrastructure failing (exit 1). */
export type ResourcesErrorKind = 'bad-input' | 'infrastructure';

export type ResourcesErrorCode =
  | 'RESOURCES_ERROR'
  | 'RESOURCES_BAD_OPTION'
  | 'RESOURCES_METRICS_PARSE'
  | 'RESOURCES_THRESHOLD_SYNTAX'
  | 'RESOURCES_THRESHOLD_EVAL'
  | 'RESOURCES_UNAVAILABLE';

/** Base class of every error @prload/resources throws; `code` is stable and safe to match on. */
export class ResourcesError extends Error {
  override name = 'ResourcesError';
  readonly code: ResourcesErrorCode = 'RESOURCES_ERROR';
  readonly kind: ResourcesErrorKind = 'infrastructure';
}

/** An option is out of range or malformed. */
export class ResourcesOptionsError extends ResourcesError {
  override name = 'ResourcesOptionsError';
  override readonly code = 'RESOURCES_BAD_OPTION';
  override readonly kind = 'bad-input';
}

/** A metrics endpoint answered text that is not the Prometheus exposition format. */
export class MetricsParseError extends ResourcesError {
  override name = 'MetricsParseError';
  override readonly code = 'RESOURCES_METRICS_PARSE';
}

/** A resource threshold is bad input; `expression` is the threshold as written. */
abstract class ResourceThresholdError extends ResourcesError {
  override readonly kind = 'bad-input';
  readonly expression: string;
  constructor(expression: string, reason: string) {
    super(`threshold "${expression}": ${reason}`);
    this.expression = expression;
  }
}

/** A resource threshold (`foo:cpu_max<500m`) is malformed. */
export class ResourceThresholdSyntaxError extends ResourceThresholdError {
  override name = 'ResourceThresholdSyntaxError';
  override readonly code = 'RESOURCES_THRESHOLD_SYNTAX';
}

/** A resource threshold names a workload the run did not measure. */
export class ResourceThresholdEvaluationError extends ResourceThresholdError {
  override name = 'ResourceThresholdEvaluationError';
  override readonly code = 'RESOURCES_THRESHOLD_EVAL';
}

/** No source of resource usage can be read (RBAC forbids `nodes/proxy`, metrics.k8s.io is not served…); the run goes on without it. */
export class ResourceSourceUnavailableError extends ResourcesError {
  override name = 'ResourceSourceUnavailableError';
  override readonly code = 'RESOURCES_UNAVAILABLE';
}
