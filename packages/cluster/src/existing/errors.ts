import { ClusterError } from '../errors.js';

/** The existing cluster could not be used: bad kubeconfig/context, or its run namespace could not be made or removed. */
export class ExistingClusterError extends ClusterError {
  override name = 'ExistingClusterError';
  override readonly code: string = 'CLUSTER_EXISTING';
  constructor(
    message: string,
    readonly stderr = '',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
