import { ArtifactCommitUnknownError, CommentArtifactError, ReportError } from '../errors.js';
import { toGitHubError } from './api-error.js';
import { createGitHubClient, type GitHubLog, type RetryOptions } from './client.js';
import { readCommentArtifact } from './comment-artifact.js';
import { type PublishCommentResult, publishComment } from './publish-comment.js';
import { parseRepository } from './repository.js';
import { maskSecret } from './secret.js';

export interface PublishFromArtifactOptions {
  readonly token: string;
  /** The repository of the trusted workflow_run (GITHUB_REPOSITORY); the artifact must name the same one. */
  readonly repository: string;
  /**
   * The commit the artifact must be for: `workflow_run.head_sha` from the trusted event (publishTrustedArtifact
   * finds it). The artifact's SHA and the PR's current head must both equal it, so an artifact from a fork's run
   * cannot steer the comment onto another PR; without it nothing can be checked, so it is required.
   */
  readonly headSha: string;
  /** @default 'https://api.github.com' */
  readonly apiUrl?: string;
  readonly fullReportUrl?: string;
  /** @default 65536 */
  readonly maxLength?: number;
  readonly request?: { readonly fetch?: typeof fetch };
  readonly retry?: RetryOptions;
  readonly log?: GitHubLog;
  readonly signal?: AbortSignal;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Posts the sticky comment saved by `saveCommentArtifact`, from a `workflow_run` workflow. */
export async function publishFromArtifact(
  dir: string,
  options: PublishFromArtifactOptions,
): Promise<PublishCommentResult & { readonly pr: number }> {
  // JavaScript callers can still pass nothing: refuse before reading the artifact or calling GitHub.
  if (typeof options.headSha !== 'string' || options.headSha === '') {
    throw new ArtifactCommitUnknownError(
      'publishFromArtifact: headSha is required (the commit the artifact must be for); without it the artifact cannot be checked',
    );
  }
  maskSecret(options.token, options.env ?? process.env);
  const artifact = await readCommentArtifact(dir);
  if (artifact.repository.toLowerCase() !== options.repository.toLowerCase()) {
    throw new CommentArtifactError(
      `comment artifact: names repository ${artifact.repository} but this workflow runs in ${options.repository}; not publishing`,
    );
  }
  if (artifact.sha !== options.headSha) {
    throw new CommentArtifactError(
      `comment artifact: tested commit ${artifact.sha} but the workflow_run is for ${options.headSha}; not publishing`,
    );
  }
  await checkPullHead(artifact.pr, options);
  const result = await publishComment({
    token: options.token,
    repository: options.repository,
    pr: artifact.pr,
    body: neutralizeMentions(artifact.body),
    reportId: artifact.reportId,
    ...pick(options, ['apiUrl', 'fullReportUrl', 'maxLength', 'request', 'retry', 'log', 'signal', 'env']),
  });
  return { ...result, pr: artifact.pr };
}

async function checkPullHead(pr: number, options: PublishFromArtifactOptions): Promise<void> {
  const { owner, repo } = parseRepository(options.repository);
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  const client = createGitHubClient({
    token: options.token,
    apiUrl,
    ...pick(options, ['request', 'retry', 'log', 'signal']),
  });
  let head: string;
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner,
      repo,
      pull_number: pr,
    });
    head = data.head.sha;
  } catch (error) {
    throw error instanceof ReportError
      ? error
      : toGitHubError(error, { action: `reading PR ${owner}/${repo}#${pr}`, apiUrl, secrets: [options.token] });
  }
  if (head !== options.headSha) {
    throw new CommentArtifactError(
      `comment artifact: PR #${pr} is at ${head}, not the workflow_run's ${options.headSha}; the artifact names a PR this run did not test (or the PR moved on); not publishing`,
    );
  }
}

/** The body may be a fork's text: keep `@name` from pinging people under the bot's name. */
function neutralizeMentions(body: string): string {
  return body.replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
