/** Every `code` a @prload/report error carries; each is stable across releases, so callers branch on it. */
export type ReportErrorCode =
  | 'REPORT_ERROR'
  | 'REPORT_INPUT'
  | 'REPORT_READ'
  | 'REPORT_JSON'
  | 'REPORT_SCHEMA_VERSION'
  | 'REPORT_INVALID'
  | 'REPORT_WRITE'
  | 'REPORT_HISTOGRAM'
  | 'REPORT_THRESHOLD_SYNTAX'
  | 'REPORT_THRESHOLD_CHECK'
  | 'REPORT_GITHUB_CONTEXT'
  | 'REPORT_GITHUB_API'
  | 'REPORT_GITHUB_UNAUTHORIZED'
  | 'REPORT_GITHUB_FORBIDDEN'
  | 'REPORT_GITHUB_NOT_FOUND'
  | 'REPORT_GITHUB_RATE_LIMITED'
  | 'REPORT_GITHUB_VALIDATION'
  | 'REPORT_ARTIFACT_INVALID'
  | 'REPORT_ARTIFACT_COMMIT_UNKNOWN';

/** Base class of every error `@prload/report` throws; `code` is stable across releases. */
export class ReportError extends Error {
  readonly code: ReportErrorCode = 'REPORT_ERROR';
  /** What the error is to a caller: `bad-input` (fix the input; the CLI exits 2) or `infrastructure` (exit 1). */
  readonly kind: 'bad-input' | 'infrastructure' = 'infrastructure';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A function was called with inputs that cannot make a report (missing result and failure, bad flag…). */
export class ReportInputError extends ReportError {
  override readonly code = 'REPORT_INPUT';
  override readonly kind = 'bad-input';
}

/** A report file could not be read from disk. */
export class ReportReadError extends ReportError {
  override readonly code = 'REPORT_READ';
  override readonly kind = 'bad-input';
}

/** A report file is not valid JSON. */
export class ReportJsonError extends ReportError {
  override readonly code = 'REPORT_JSON';
  override readonly kind = 'bad-input';
}

/** A report file has a `schemaVersion` this version does not understand. */
export class ReportSchemaVersionError extends ReportError {
  override readonly code = 'REPORT_SCHEMA_VERSION';
  override readonly kind = 'bad-input';
}

/** A report file is JSON with the right version but a field has the wrong shape. */
export class ReportInvalidError extends ReportError {
  override readonly code = 'REPORT_INVALID';
  override readonly kind = 'bad-input';
}

/** Writing a report file failed. */
export class ReportWriteError extends ReportError {
  override readonly code = 'REPORT_WRITE';
}

/** A histogram string in the results could not be decoded. */
export class HistogramDecodeError extends ReportError {
  override readonly code = 'REPORT_HISTOGRAM';
}

/** A regression threshold such as `p95 regression > 10%` could not be parsed. */
export class RegressionThresholdSyntaxError extends ReportError {
  override readonly code = 'REPORT_THRESHOLD_SYNTAX';
  override readonly kind = 'bad-input';
}

/**
 * Thresholds that cannot gate the planned run: malformed, or naming a host, workload or figure it
 * will not have. `problems` holds one line per bad expression; `errors` the error behind each, with
 * its own package's code (`LOADGEN_THRESHOLD_SYNTAX`, `RESOURCES_THRESHOLD_EVAL`, …).
 */
export class ThresholdCheckError extends ReportError {
  override readonly code = 'REPORT_THRESHOLD_CHECK';
  override readonly kind = 'bad-input';
  readonly problems: readonly string[];
  readonly errors: readonly Error[];
  constructor(errors: readonly Error[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.errors = errors;
    this.problems = errors.map((error) => error.message);
  }
}

/** The PR number, repository or token could not be determined. */
export class GitHubContextError extends ReportError {
  override readonly code = 'REPORT_GITHUB_CONTEXT';
  override readonly kind = 'bad-input';
}

/** Any GitHub API failure not covered by a more specific class. */
export class GitHubApiError extends ReportError {
  override readonly code: ReportErrorCode = 'REPORT_GITHUB_API';
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** 401: the token is wrong or expired. */
export class GitHubAuthError extends GitHubApiError {
  override readonly code = 'REPORT_GITHUB_UNAUTHORIZED';
}

/** 403 without rate limiting: the token lacks a permission (or is a fork's read-only token). */
export class GitHubPermissionError extends GitHubApiError {
  override readonly code = 'REPORT_GITHUB_FORBIDDEN';
}

/** 404: the repository or pull request does not exist or the token cannot see it. */
export class GitHubNotFoundError extends GitHubApiError {
  override readonly code = 'REPORT_GITHUB_NOT_FOUND';
}

/** 403/429 rate limiting that persisted after the configured retries. */
export class GitHubRateLimitError extends GitHubApiError {
  override readonly code = 'REPORT_GITHUB_RATE_LIMITED';
}

/** 422: GitHub rejected the request body (for comments: usually too long). */
export class GitHubValidationError extends GitHubApiError {
  override readonly code = 'REPORT_GITHUB_VALIDATION';
}

/** A comment artifact (from a possibly untrusted fork run) is missing, malformed or does not match the run. */
export class CommentArtifactError extends ReportError {
  override readonly code = 'REPORT_ARTIFACT_INVALID';
  override readonly kind = 'bad-input';
}

/**
 * A comment artifact cannot be checked against a commit: no triggering workflow_run and no commit given, so
 * nothing says which PR head it may be posted to.
 */
export class ArtifactCommitUnknownError extends ReportError {
  override readonly code = 'REPORT_ARTIFACT_COMMIT_UNKNOWN';
  override readonly kind = 'bad-input';
}
