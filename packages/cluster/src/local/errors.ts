import { ClusterError, type ClusterErrorCode } from '../errors.js';

/** The local provider could not start or stop its processes. */
export class LocalClusterError extends ClusterError {
  override name = 'LocalClusterError';
  override readonly code: ClusterErrorCode = 'CLUSTER_LOCAL';
}
