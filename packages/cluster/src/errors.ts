/** Every `code` a @prload/cluster error carries; each is stable across releases, so callers branch on it. */
export type ClusterErrorCode =
  | 'CLUSTER_ERROR'
  | 'CLUSTER_KIND_CONFIG'
  | 'CLUSTER_KIND_CREATE'
  | 'CLUSTER_KIND_BOOT_DEADLINE'
  | 'CLUSTER_KIND_LOAD_IMAGES'
  | 'CLUSTER_KIND_DELETE'
  | 'CLUSTER_KWOK_CONFIG'
  | 'CLUSTER_KWOK_BINARY_MISSING'
  | 'CLUSTER_KWOK_CREATE'
  | 'CLUSTER_KWOK_DELETE'
  | 'CLUSTER_EXISTING'
  | 'CLUSTER_EXISTING_KUBECONFIG'
  | 'CLUSTER_PREREQUISITES'
  | 'CLUSTER_TOOL_NOT_FOUND'
  | 'CLUSTER_TOOL_VERSION'
  | 'CLUSTER_TOOL_DOWNLOAD'
  | 'CLUSTER_TOOL_CHECKSUM'
  | 'CLUSTER_COMMAND_NOT_FOUND'
  | 'CLUSTER_COMMAND_TIMEOUT'
  | 'CLUSTER_LOCAL';

/** Base class of every error @prload/cluster throws; `code` is stable and safe to match on. */
export class ClusterError extends Error {
  override name = 'ClusterError';
  readonly code: ClusterErrorCode = 'CLUSTER_ERROR';
  /** What the error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
  readonly kind: 'bad-input' | 'infrastructure' = 'infrastructure';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
