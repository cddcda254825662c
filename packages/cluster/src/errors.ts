/** Base class of every error @prload/cluster throws; `code` is stable and safe to match on. */
export class ClusterError extends Error {
  override name = 'ClusterError';
  readonly code: string = 'CLUSTER_ERROR';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
