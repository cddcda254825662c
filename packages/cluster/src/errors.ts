/** Base class of every error @prload/cluster throws; `code` is stable and safe to match on. */
export class ClusterError extends Error {
  override name = 'ClusterError';
  readonly code: string = 'CLUSTER_ERROR';
  /** What the error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
  readonly kind: 'bad-input' | 'infrastructure' = 'infrastructure';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
