import { join } from 'node:path';
import {
  type GitHubContext,
  publishComment,
  type RunReport,
  renderMarkdown,
  resolveGitHubContext,
  saveCommentArtifact,
  writeJobSummary,
} from '@prload/report';
import type { Config } from '../config/schema.js';
import type { CliIo } from '../io.js';

/** Where the pull_request run leaves the comment for the workflow_run workflow to post. */
export const COMMENT_ARTIFACT_DIR = 'pr-comment';

/**
 * Inside GitHub Actions: writes the job summary, and on a pull request posts
 * the sticky comment, or, when the token cannot write (fork PRs), saves it as
 * an artifact for the `workflow_run` companion workflow.
 */
export async function publishIfInActions(report: RunReport, config: Config, io: CliIo): Promise<boolean> {
  if (io.env['GITHUB_ACTIONS'] !== 'true') return true;
  return publish(report, config, io, () => resolveGitHubContext(io.env as NodeJS.ProcessEnv));
}

/**
 * Publishes the report for the given context. Returns false when publishing
 * failed, after saying why; it never throws, because the results are already
 * written and the run's verdict must not be replaced by a publishing error.
 */
export async function publish(
  report: RunReport,
  config: Config,
  io: CliIo,
  resolveContext: () => Promise<GitHubContext>,
): Promise<boolean> {
  try {
    const context = await resolveContext();
    const fullReportUrl = context.runUrl;
    const markdown = renderMarkdown(report, fullReportUrl ? { fullReportUrl } : {});
    const summary = await writeJobSummary(markdown, fullReportUrl ? { fullReportUrl } : {});
    if (summary.written) io.stderr(`job summary written${summary.truncated ? ' (trimmed to fit 1 MiB)' : ''}`);
    if (!config.report.comment || context.pr === undefined || context.repository === undefined) return true;

    const token = io.env['GITHUB_TOKEN'];
    if (context.isFork || !token) {
      const dir = join(config.report.out, COMMENT_ARTIFACT_DIR);
      await saveCommentArtifact(dir, {
        body: markdown,
        pr: context.pr,
        reportId: report.reportId,
        repository: context.repository,
        sha: context.sha ?? '',
      });
      io.stderr(
        `PR #${context.pr}: ${context.isFork ? 'a fork PR gets a read-only token' : 'no GITHUB_TOKEN'}; comment saved to ${dir} for the workflow_run workflow to post`,
      );
      return true;
    }
    const result = await publishComment({
      token,
      repository: context.repository,
      pr: context.pr,
      body: markdown,
      reportId: report.reportId,
      apiUrl: context.apiUrl,
      ...(fullReportUrl ? { fullReportUrl } : {}),
      signal: io.signal,
      env: io.env as NodeJS.ProcessEnv,
    });
    io.stderr(`PR #${context.pr}: comment ${result.action}: ${result.url}`);
    return true;
  } catch (error) {
    io.stderr(`prload: publish: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
