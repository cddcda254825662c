import { GitHubContextError, ReportError } from '../errors.js';
import { fitMarkdown } from '../fit-markdown.js';
import { inGroup } from './actions-group.js';
import { toGitHubError } from './api-error.js';
import { createGitHubClient, type GitHubLog, type RetryOptions } from './client.js';
import { hasMarker, withMarker } from './comment-marker.js';
import { isPullRequestNumber, parseRepository } from './repository.js';
import { maskSecret } from './secret.js';

/** GitHub's limit for an issue comment body. */
export const GITHUB_COMMENT_MAX_LENGTH = 65_536;

export interface PublishCommentOptions {
  readonly token: string;
  /** `owner/repo`. */
  readonly repository: string;
  readonly pr: number;
  /** Markdown, usually from `renderMarkdown`. */
  readonly body: string;
  /** One sticky comment per PR and report id. @default 'prload' */
  readonly reportId?: string;
  /** @default 'https://api.github.com' */
  readonly apiUrl?: string;
  /** Linked when sections are trimmed to fit. */
  readonly fullReportUrl?: string;
  /** @default 65536 */
  readonly maxLength?: number;
  /** Only update comments by this login (e.g. `github-actions[bot]`). @default any author, bots preferred */
  readonly author?: string;
  /** The PR comes from a fork: turns a 403 into advice about the workflow_run pattern. @default false */
  readonly isFork?: boolean;
  /** HTTP seam for tests and proxies. @default globalThis.fetch */
  readonly request?: { readonly fetch?: typeof fetch };
  readonly retry?: RetryOptions;
  readonly log?: GitHubLog;
  readonly signal?: AbortSignal;
  /** Where `GITHUB_ACTIONS` is read (masking, log groups). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface PublishCommentResult {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly commentId: number;
  readonly url: string;
  /** The body was shortened to fit `maxLength`. */
  readonly truncated: boolean;
}

interface IssueComment {
  readonly id: number;
  readonly body?: string | null;
  readonly html_url: string;
  readonly user: { readonly login: string; readonly type?: string } | null;
}

/**
 * Creates or updates the one sticky comment of this report on a PR, found by
 * its hidden marker across all pages of comments, so reruns never add a
 * second comment. Bodies over the limit lose `<details>` sections first.
 */
export async function publishComment(options: PublishCommentOptions): Promise<PublishCommentResult> {
  const env = options.env ?? process.env;
  maskSecret(options.token, env);
  if (!options.token) {
    throw new GitHubContextError(
      'publishComment: no GitHub token; set GITHUB_TOKEN (with `pull-requests: write`) or pass --token',
    );
  }
  if (!isPullRequestNumber(options.pr)) {
    throw new GitHubContextError(
      `publishComment: pr must be a positive integer, got ${JSON.stringify(options.pr)}; run on a pull_request event or pass --pr`,
    );
  }
  const { owner, repo } = parseRepository(options.repository);
  const reportId = options.reportId ?? 'prload';
  const maxLength = Math.min(options.maxLength ?? GITHUB_COMMENT_MAX_LENGTH, GITHUB_COMMENT_MAX_LENGTH);
  const full = withMarker(options.body, reportId);
  const body = fitMarkdown(full, maxLength, options.fullReportUrl);
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  const client = createGitHubClient({
    token: options.token,
    apiUrl,
    ...(options.request ? { request: options.request } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const where = `${owner}/${repo}#${options.pr}`;
  let action = `listing the comments of ${where}`;
  const fail = (error: unknown) =>
    error instanceof ReportError
      ? error
      : toGitHubError(error, { action, apiUrl, isFork: options.isFork ?? false, secrets: [options.token] });

  return inGroup(`prload: PR comment on ${where}`, env, async () => {
    try {
      const comments: IssueComment[] = await client.paginate(
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        { owner, repo, issue_number: options.pr, per_page: 100 },
      );
      const existing = pickExisting(comments, reportId, options.author);
      const truncated = body.length < full.length;
      if (existing) {
        if (existing.body === body) {
          return { action: 'unchanged', commentId: existing.id, url: existing.html_url, truncated };
        }
        action = `updating comment ${existing.id} on ${where}`;
        const { data } = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner,
          repo,
          comment_id: existing.id,
          body,
        });
        return { action: 'updated', commentId: Number(data.id), url: data.html_url, truncated };
      }
      action = `creating the PR comment on ${where}`;
      const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: options.pr,
        body,
      });
      return { action: 'created', commentId: Number(data.id), url: data.html_url, truncated };
    } catch (error) {
      throw fail(error);
    }
  });
}

/** The oldest marked comment, preferring bots: a user pasting the marker must not capture the report. */
function pickExisting(comments: readonly IssueComment[], reportId: string, author?: string): IssueComment | undefined {
  const marked = comments.filter((c) => hasMarker(c.body, reportId) && (!author || c.user?.login === author));
  return marked.find((c) => c.user?.type === 'Bot') ?? marked[0];
}
