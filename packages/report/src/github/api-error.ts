import {
  GitHubApiError,
  GitHubAuthError,
  GitHubNotFoundError,
  GitHubPermissionError,
  GitHubRateLimitError,
  GitHubValidationError,
  type ReportError,
} from '../errors.js';
import { scrubSecrets } from './secret.js';

export interface ApiErrorContext {
  /** What was being done, e.g. `creating the PR comment on owner/repo#12`. */
  readonly action: string;
  readonly apiUrl: string;
  readonly isFork?: boolean;
  readonly secrets: readonly (string | undefined)[];
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/**
 * Maps an Octokit failure to a ReportError whose message says what to do.
 * The original error stays as `cause`; Octokit already redacts the
 * authorization header there, and every message is scrubbed of the token.
 */
export function toGitHubError(error: unknown, context: ApiErrorContext): ReportError {
  const e = (error ?? {}) as RequestErrorLike;
  const status = typeof e.status === 'number' && e.status > 0 ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  const data = (e.response?.data ?? {}) as { message?: unknown; errors?: { message?: unknown; code?: unknown }[] };
  const apiMessage = typeof data.message === 'string' ? data.message : (e.message ?? String(error));
  const scrub = (text: string) => scrubSecrets(text, context.secrets);
  const options = { cause: sanitizedCause(e, scrub) };
  const { action } = context;

  // Octokit reports a failed fetch (refused, DNS, TLS) as status 500 without a response.
  if (status === undefined || e.response === undefined) {
    const inner = (error as Error)?.cause;
    const reason =
      inner instanceof Error
        ? `${inner.message}${inner.cause instanceof Error ? `: ${inner.cause.message}` : ''}`
        : apiMessage;
    return new GitHubApiError(
      scrub(
        `${action}: cannot reach the GitHub API at ${context.apiUrl} (${reason}); check GITHUB_API_URL and the network`,
      ),
      undefined,
      options,
    );
  }
  if (status === 401) {
    return new GitHubAuthError(
      scrub(`${action}: GitHub rejected the token (401 ${apiMessage}); pass a valid token (GITHUB_TOKEN or --token)`),
      status,
      options,
    );
  }
  const rateLimited =
    status === 429 ||
    (status === 403 && (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(apiMessage)));
  if (rateLimited) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when =
      Number.isFinite(reset) && reset > 0 ? ` (the limit resets at ${new Date(reset * 1000).toISOString()})` : '';
    return new GitHubRateLimitError(
      scrub(`${action}: GitHub rate limit still exceeded after retries${when}: ${apiMessage}; retry the job later`),
      status,
      options,
    );
  }
  if (status === 403) {
    const accepted = headers['x-accepted-github-permissions'];
    const needs = accepted ? ` (GitHub accepts: ${accepted})` : '';
    const fork =
      'if the PR comes from a fork, GITHUB_TOKEN is read-only there: save the comment with `saveCommentArtifact` in the pull_request run and post it from a workflow_run workflow (`prload report publish --from-artifact DIR`)';
    const fix = context.isFork
      ? `the PR comes from a fork, so GITHUB_TOKEN is read-only: ${fork.slice(fork.indexOf('save'))}`
      : `the token lacks the \`pull-requests: write\` permission${needs}: add \`permissions: { pull-requests: write }\` to the job; ${fork}`;
    return new GitHubPermissionError(scrub(`${action}: 403 ${apiMessage}; ${fix}`), status, options);
  }
  if (status === 404) {
    return new GitHubNotFoundError(
      scrub(
        `${action}: 404 ${apiMessage}; check the repository and PR number, and that the token can read the repository`,
      ),
      status,
      options,
    );
  }
  if (status === 422) {
    const details = (data.errors ?? [])
      .map((d) => (typeof d.message === 'string' ? d.message : typeof d.code === 'string' ? d.code : ''))
      .filter(Boolean)
      .join('; ');
    return new GitHubValidationError(
      scrub(
        `${action}: GitHub rejected the request (422 ${apiMessage}${details ? `: ${details}` : ''}); if the body is too long, lower maxLength (GitHub allows 65536 characters)`,
      ),
      status,
      options,
    );
  }
  return new GitHubApiError(
    scrub(
      `${action}: GitHub answered ${status} ${apiMessage}${status >= 500 ? ' after retries; GitHub may be degraded, retry the job' : ''}`,
    ),
    status,
    options,
  );
}

/**
 * The cause kept on our error: status, method, URL and response body of the
 * failed request, scrubbed. The raw RequestError is dropped because its URL
 * and response body are copied verbatim and could carry the token.
 */
function sanitizedCause(
  e: RequestErrorLike & { request?: { method?: string; url?: string } },
  scrub: (text: string) => string,
): Error {
  const cause = new Error(scrub(String(e.message ?? e)));
  cause.name = 'GitHubRequestError';
  const data = e.response?.data;
  Object.assign(cause, {
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.request ? { request: { method: e.request.method, url: scrub(String(e.request.url)) } } : {}),
    ...(data !== undefined ? { response: { data: JSON.parse(scrub(JSON.stringify(data) ?? 'null')) } } : {}),
  });
  return cause;
}
