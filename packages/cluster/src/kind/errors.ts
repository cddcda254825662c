import { ClusterError, type ClusterErrorCode } from '../errors.js';

/** A kind option is out of range; the message names the option and the allowed values. */
export class KindConfigError extends ClusterError {
  override name = 'KindConfigError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KIND_CONFIG';
  override readonly kind = 'bad-input';
}

/** `kind create cluster` failed for a reason other than its boot deadline; `stderr` keeps kind's output. */
export class KindCreateError extends ClusterError {
  override name = 'KindCreateError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KIND_CREATE';
  constructor(
    message: string,
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** kind missed its boot deadline twice (the first miss is retried once). */
export class KindBootDeadlineError extends KindCreateError {
  override name = 'KindBootDeadlineError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KIND_BOOT_DEADLINE';
}

/** `kind load docker-image` failed; the cluster was deleted unless `keep` was set. */
export class KindLoadImagesError extends KindCreateError {
  override name = 'KindLoadImagesError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KIND_LOAD_IMAGES';
}

/** `kind delete cluster` failed; calling destroy() again retries. */
export class KindDeleteError extends KindCreateError {
  override name = 'KindDeleteError';
  override readonly code: ClusterErrorCode = 'CLUSTER_KIND_DELETE';
}
