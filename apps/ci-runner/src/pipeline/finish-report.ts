import type { LoadResult, ThresholdResult } from '@prload/loadgen';
import {
  createRunReport,
  formatSummaryTable,
  type GitInfo,
  type RegressionThreshold,
  type RunFailure,
  type RunReport,
  resolveGitHubContext,
  type StageRecord,
} from '@prload/report';
import type { ResourceUsage } from '@prload/resources';
import type { Config } from '../config/schema.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { compareWithBaseline } from './baseline.js';
import { publishIfInActions } from './publish.js';
import { writeRunReports } from './write-reports.js';

export interface FinishReportInput {
  readonly config: Config;
  readonly io: CliIo;
  readonly runId: string;
  readonly startedAt: string;
  readonly stages: readonly StageRecord[];
  readonly result: LoadResult | undefined;
  readonly failure: RunFailure | undefined;
  /** Load and resource thresholds, evaluated. */
  readonly thresholds: readonly ThresholdResult[];
  readonly resources?: ResourceUsage;
  readonly regressionThresholds: readonly RegressionThreshold[];
  /** Read by `loadBaseline` before the run; absent without `--baseline` or when the file is missing. */
  readonly baseline?: RunReport | undefined;
  readonly versions: Readonly<Record<string, string>>;
  readonly provider: string;
}

/**
 * Writes the reports (also after a failure or an interruption, so nothing
 * gathered is lost), prints the summary, publishes inside GitHub Actions and
 * turns the verdict into the exit code.
 */
export async function finishReport(input: FinishReportInput): Promise<number> {
  const { config, io } = input;
  const interrupted = io.signal.aborted;
  const git = await gitInfo(io.env);
  let report = createRunReport({
    reportId: config.report.id,
    run: runInfo(input, git),
    stages: input.stages,
    thresholds: input.thresholds,
    ...(input.result ? { result: input.result } : {}),
    ...(input.resources ? { resources: input.resources } : {}),
    ...(input.failure ? { failure: input.failure } : {}),
    ...(interrupted ? { interrupted: true } : {}),
    // kwok: readiness was the whole run.
    ...(input.result === undefined && input.failure === undefined
      ? { noLoadReason: `${input.provider} pods are simulated and carry no traffic` }
      : {}),
  });
  if (input.baseline && input.result) {
    report = compareWithBaseline(report, input.baseline, input.regressionThresholds, io);
  }

  const written = await writeRunReports(report, config.report.out, config.report.formats);
  if (report.summary) io.stdout(formatSummaryTable(report));
  io.stderr(`results: ${written.join(', ')}`);
  const published = await publishIfInActions(report, config, io);

  if (interrupted) return EXIT.INTERRUPTED;
  if (!published && report.verdict === 'passed') return EXIT.INFRASTRUCTURE;
  switch (report.verdict) {
    case 'passed':
      return EXIT.OK;
    case 'thresholds-breached':
      return EXIT.THRESHOLD_BREACHED;
    case 'invalid':
      return EXIT.INVALID_RUN;
    case 'interrupted':
      return EXIT.INTERRUPTED;
    case 'infrastructure-failure':
      return EXIT.INFRASTRUCTURE;
  }
}

function runInfo(input: FinishReportInput, git: GitInfo | undefined) {
  return {
    runId: input.runId,
    provider: input.provider,
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
    versions: input.versions,
    ...(git ? { git } : {}),
  };
}

/** Repository, branch, commit and PR when running in GitHub Actions, for the report's header. */
async function gitInfo(env: CliIo['env']): Promise<GitInfo | undefined> {
  if (env['GITHUB_ACTIONS'] !== 'true') return undefined;
  const context = await resolveGitHubContext(env as NodeJS.ProcessEnv).catch(() => undefined);
  if (!context) return undefined;
  return {
    ...(context.repository ? { repository: context.repository } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    ...(context.sha ? { sha: context.sha } : {}),
    ...(context.pr !== undefined ? { pr: context.pr } : {}),
  };
}
