import { ClusterError, type ClusterErrorCode } from '../errors.js';

/** A kwok option is out of range; the message names the option and the allowed values. */
export class KwokConfigError extends ClusterError {
  override name = 'KwokConfigError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KWOK_CONFIG';
  override readonly kind = 'bad-input';
}

/** A binary the kwok provider runs is missing from `binDir`; the message says how to build it. */
export class KwokBinaryMissingError extends ClusterError {
  override name = 'KwokBinaryMissingError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KWOK_BINARY_MISSING';
}

/** `kwokctl create cluster` or `kwokctl scale node` failed; `stderr` keeps kwokctl's output. */
export class KwokCreateError extends ClusterError {
  override name = 'KwokCreateError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KWOK_CREATE';
  constructor(
    message: string,
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** `kwokctl delete cluster` failed; calling destroy() again retries. */
export class KwokDeleteError extends KwokCreateError {
  override name = 'KwokDeleteError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KWOK_DELETE';
}
