/** Every `code` a @prload/deploy error carries; each is stable across releases, so callers branch on it. */
export type DeployErrorCode =
  | 'DEPLOY_ERROR'
  | 'DEPLOY_CONFIG'
  | 'DEPLOY_IMAGE_REFERENCE'
  | 'DEPLOY_CHART_NOT_FOUND'
  | 'DEPLOY_HELM_VERSION'
  | 'DEPLOY_HELM'
  | 'DEPLOY_HELM_RELEASES';

/** Base class of every error @prload/deploy throws; `code` is stable and safe to match on. */
export class DeployError extends Error {
  override name = 'DeployError';
  readonly code: DeployErrorCode = 'DEPLOY_ERROR';
  /** What the error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
  readonly kind: 'bad-input' | 'infrastructure' = 'infrastructure';
}

/** Deployment options are invalid (bad release name, duplicate app, unknown controller). */
export class DeployConfigError extends DeployError {
  override name = 'DeployConfigError';
  override readonly code: DeployErrorCode = 'DEPLOY_CONFIG';
  override readonly kind = 'bad-input';
}

/** An image reference (an app's, the controller's) is not `repository[:tag][@sha256:<64 hex>]`. */
export class ImageReferenceError extends DeployConfigError {
  override name = 'ImageReferenceError';
  override readonly code: DeployErrorCode = 'DEPLOY_IMAGE_REFERENCE';
}

/** A chart (http-echo, or a local ingress controller chart) is not where prload looked for it. */
export class ChartNotFoundError extends DeployError {
  override name = 'ChartNotFoundError';
  override readonly code: DeployErrorCode = 'DEPLOY_CHART_NOT_FOUND';
}

/** helm's version cannot be read or is not helm 3 or 4. */
export class HelmVersionError extends DeployError {
  override name = 'HelmVersionError';
  override readonly code: DeployErrorCode = 'DEPLOY_HELM_VERSION';
}

/** One helm command failed; `stderr` is helm's own explanation, `cause` the underlying error if it never ran. */
export class HelmError extends DeployError {
  override name = 'HelmError';
  override readonly code: DeployErrorCode = 'DEPLOY_HELM';
  constructor(
    message: string,
    readonly release: string,
    readonly command: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Some of the app releases installed in parallel failed; `failures` holds one HelmError each. */
export class HelmReleasesError extends DeployError {
  override name = 'HelmReleasesError';
  override readonly code: DeployErrorCode = 'DEPLOY_HELM_RELEASES';
  constructor(
    readonly failures: readonly HelmError[],
    readonly total: number,
  ) {
    super(`helm: ${failures.length} of ${total} releases failed: ${failures.map((f) => f.message).join('; ')}`, {
      cause: failures[0],
    });
  }
}
