import { ClusterError, type ClusterErrorCode } from '../errors.js';

/** A tool is neither set by its PRLOAD_* variable, nor on PATH, nor downloadable. */
export class ToolNotFoundError extends ClusterError {
  override name = 'ToolNotFoundError';
  override readonly code: ClusterErrorCode = 'CLUSTER_TOOL_NOT_FOUND';
}

/** A tool runs but its version is older than prload supports, or cannot be read. */
export class ToolVersionError extends ClusterError {
  override name = 'ToolVersionError';
  override readonly code: ClusterErrorCode = 'CLUSTER_TOOL_VERSION';
}

/** Downloading a pinned tool failed (HTTP status, network, or extraction). */
export class ToolDownloadError extends ClusterError {
  override name = 'ToolDownloadError';
  override readonly code: ClusterErrorCode = 'CLUSTER_TOOL_DOWNLOAD';
}

/** A downloaded file's SHA-256 is not the pinned one; the file has been deleted. */
export class ToolChecksumError extends ClusterError {
  override name = 'ToolChecksumError';
  override readonly code: ClusterErrorCode = 'CLUSTER_TOOL_CHECKSUM';
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
    options?: ErrorOptions,
  ) {
    super(
      `${url}: SHA-256 mismatch, expected ${expected}, got ${actual} — the download was deleted; retry, or check the pin in tool-pins.ts`,
      options,
    );
  }
}
