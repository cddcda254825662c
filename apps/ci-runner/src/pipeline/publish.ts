import { type GitHubContext, publishReport, type RunReport } from '@prload/report';
import type { Config } from '../config/schema.js';
import type { CliIo } from '../io.js';

/** Inside GitHub Actions: publishes the run's report (see publishRun); elsewhere there is nowhere to publish. */
export async function publishIfInActions(report: RunReport, config: Config, io: CliIo): Promise<boolean> {
  if (io.env['GITHUB_ACTIONS'] !== 'true') return true;
  return publishRun(report, io, { outDir: config.report.out, comment: config.report.comment });
}

/**
 * Publishes with @prload/report's policy (job summary, then the sticky comment, or the comment saved for fork
 * PRs) and prints what happened. Returns false when publishing failed, after saying why.
 */
export async function publishRun(
  report: RunReport,
  io: CliIo,
  options: { readonly outDir: string; readonly comment: boolean; readonly context?: GitHubContext },
): Promise<boolean> {
  const result = await publishReport(report, {
    ...options,
    log: io.stderr,
    signal: io.signal,
    env: io.env as NodeJS.ProcessEnv,
  });
  if (!result.ok) {
    const error = result.error;
    io.stderr(`prload: publish: ${error instanceof Error ? error.message : String(error)}`);
  }
  return result.ok;
}
