import { ClusterError, type ClusterErrorCode } from '../errors.js';

/** The existing cluster could not be used: bad kubeconfig/context, or its run namespace could not be made or removed. */
export class ExistingClusterError extends ClusterError {
  override name = 'ExistingClusterError';
  override readonly code: ClusterErrorCode = 'CLUSTER_EXISTING';
  constructor(
    message: string,
    readonly stderr = '',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The kubeconfig given for an existing cluster cannot be read: bad input, said before anything is downloaded. */
export class ExistingKubeconfigError extends ClusterError {
  override name = 'ExistingKubeconfigError';
  override readonly code: ClusterErrorCode = 'CLUSTER_EXISTING_KUBECONFIG';
  override readonly kind = 'bad-input';
}
