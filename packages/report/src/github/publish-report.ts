import { join } from 'node:path';
import { renderMarkdown } from '../render-markdown.js';
import type { RunReport } from '../run-report.js';
import type { RetryOptions } from './client.js';
import { saveCommentArtifact } from './comment-artifact.js';
import { type GitHubContext, resolveGitHubContext } from './github-context.js';
import { type WriteJobSummaryResult, writeJobSummary } from './job-summary.js';
import { type PublishCommentResult, publishComment } from './publish-comment.js';

/** The folder under the results where a pull_request run leaves the comment for the workflow_run workflow. */
export const COMMENT_ARTIFACT_DIR = 'pr-comment';

export interface PublishReportOptions {
  /** The run's results folder; a comment that cannot be posted is saved under `<outDir>/pr-comment`. */
  readonly outDir: string;
  /** Where the report is published. @default resolveGitHubContext(env), the Actions environment's */
  readonly context?: GitHubContext;
  /** A token that may write PR comments. @default env.GITHUB_TOKEN */
  readonly token?: string;
  /** Post (or save) the sticky PR comment; with false only the job summary is written. @default true */
  readonly comment?: boolean;
  /** What was done, one line each: the job summary, the comment, the saved artifact. @default no output */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Where GITHUB_* variables are read (the job summary's path is read by @actions/core from process.env). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** HTTP seam for tests and proxies. @default globalThis.fetch */
  readonly request?: { readonly fetch?: typeof fetch };
  readonly retry?: RetryOptions;
}

export interface PublishReportResult {
  /** False when publishing failed; `error` says why. */
  readonly ok: boolean;
  readonly error?: unknown;
  readonly summary?: WriteJobSummaryResult;
  readonly comment?: PublishCommentResult;
  /** Where the comment was saved instead of posted: a fork PR's read-only token, or no token. */
  readonly artifactDir?: string;
}

/**
 * Publishes a run's report where it ran: the job summary, then on a pull request the sticky comment, or, when
 * the token cannot write (a fork PR's read-only token, or none), the comment saved as an artifact for a
 * `workflow_run` workflow to post (publishTrustedArtifact). Never throws for a publishing failure: the results
 * are already written and a run's verdict must not be replaced by one, so it resolves with `ok: false` and the
 * error for the caller to report.
 */
export async function publishReport(report: RunReport, options: PublishReportOptions): Promise<PublishReportResult> {
  const env = options.env ?? process.env;
  let summary: WriteJobSummaryResult | undefined;
  try {
    const context = options.context ?? (await resolveGitHubContext(env));
    const fullReportUrl = context.runUrl;
    const linked = fullReportUrl ? { fullReportUrl } : {};
    const markdown = renderMarkdown(report, linked);
    summary = await writeJobSummary(markdown, linked);
    if (summary.written) options.log?.(`job summary written${summary.truncated ? ' (trimmed to fit 1 MiB)' : ''}`);
    if (options.comment === false || context.pr === undefined || context.repository === undefined) {
      return { ok: true, summary };
    }

    const token = options.token ?? env['GITHUB_TOKEN'];
    if (context.isFork || !token) {
      const artifactDir = join(options.outDir, COMMENT_ARTIFACT_DIR);
      await saveCommentArtifact(artifactDir, {
        body: markdown,
        pr: context.pr,
        reportId: report.reportId,
        repository: context.repository,
        sha: context.sha ?? '',
      });
      options.log?.(
        `PR #${context.pr}: ${context.isFork ? 'a fork PR gets a read-only token' : 'no GITHUB_TOKEN'}; comment saved to ${artifactDir} for the workflow_run workflow to post`,
      );
      return { ok: true, summary, artifactDir };
    }
    const comment = await publishComment({
      token,
      repository: context.repository,
      pr: context.pr,
      body: markdown,
      reportId: report.reportId,
      apiUrl: context.apiUrl,
      ...linked,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.request ? { request: options.request } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      env,
    });
    options.log?.(`PR #${context.pr}: comment ${comment.action}: ${comment.url}`);
    return { ok: true, summary, comment };
  } catch (error) {
    return { ok: false, error, ...(summary ? { summary } : {}) };
  }
}
