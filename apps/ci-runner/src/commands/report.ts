import { dirname } from 'node:path';
import {
  publishTrustedArtifact,
  REPORT_FORMATS,
  type RegressionThreshold,
  type ReportFormat,
  type RunReport,
  readRunReport,
  resolveGitHubContext,
  thresholdKind,
} from '@prload/report';
import { Command } from 'commander';
import { coerce } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { compareWithBaseline, loadBaseline } from '../pipeline/baseline.js';
import { checkThresholds } from '../pipeline/check-thresholds.js';
import { publishRun } from '../pipeline/publish.js';
import { writeRunReports } from '../pipeline/write-reports.js';
import type { CommandFactory } from './command.js';
import { repeatable } from './repeatable.js';

function parseFormats(text: string): ReportFormat[] {
  const formats = coerce('list', text) as string[];
  const unknown = formats.filter((format) => !REPORT_FORMATS.includes(format as ReportFormat));
  if (unknown.length > 0 || formats.length === 0) {
    throw new ConfigError([
      `--format: must be a comma-separated list of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(text)}`,
    ]);
  }
  return formats as ReportFormat[];
}

/**
 * `prload report --threshold` gates on the comparison with `--baseline` only: the run's own thresholds were
 * judged when it ran. Each is checked by the one validator against the report's hosts and workloads.
 */
function checkReportThresholds(
  expressions: readonly string[],
  report: RunReport,
  hasBaseline: boolean,
): readonly RegressionThreshold[] {
  const run = {
    hosts: Object.keys(report.hosts ?? {}),
    model: report.settings?.model ?? ('open' as const),
    ...(report.resources ? { workloads: report.resources.workloads.map((workload) => workload.name) } : {}),
  };
  const problems: string[] = [];
  const regression: RegressionThreshold[] = [];
  for (const expression of expressions) {
    if (thresholdKind(expression) !== 'regression') {
      problems.push(
        `--threshold: threshold "${expression}": prload report gates on a baseline comparison only, e.g. "p95 regression > 10%" (the run's own thresholds were evaluated when it ran)`,
      );
      continue;
    }
    try {
      regression.push(...checkThresholds([expression], run).regression);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.lines);
    }
  }
  if (expressions.length > 0 && !hasBaseline) problems.push('--threshold: needs --baseline, the run to compare with');
  if (problems.length > 0) throw new ConfigError(problems);
  return regression;
}

/** `prload report`: renders a result JSON offline; `prload report publish` posts it to the pull request. */
export const reportCommand: CommandFactory = (io, setExitCode) => {
  const command = new Command('report')
    // `report publish --in X`: options after the subcommand belong to it, not to `report`.
    .enablePositionalOptions()
    .description('render prload-report.json as md, html, junit and json, offline')
    .option('--in <file>', 'result JSON of a run (prload-report.json)')
    .option('--baseline <file>', 'result JSON of an earlier run to compare against')
    .option('--threshold <expr>', 'regression gate, e.g. "p95 regression > 10%" (repeatable)', repeatable)
    .option('--format <list>', REPORT_FORMATS.join(','), REPORT_FORMATS.join(','))
    .option('--out <dir>', 'folder to write to', './prload-results')
    .action(async (flags: { in?: string; baseline?: string; threshold?: string[]; format: string; out: string }) => {
      if (flags.in === undefined)
        throw new ConfigError(['--in: required: the result JSON to render (e.g. prload-results/prload-report.json)']);
      const formats = parseFormats(flags.format);
      let report = await readRunReport(flags.in);
      const thresholds = checkReportThresholds(flags.threshold ?? [], report, flags.baseline !== undefined);
      const baseline = await loadBaseline(flags.baseline, io);
      if (baseline) report = compareWithBaseline(report, baseline, thresholds, io);
      const written = await writeRunReports(report, flags.out, formats);
      io.stderr(`written: ${written.join(', ')}`);
      setExitCode(EXIT.OK);
    });

  command
    .command('publish')
    .description('post the sticky PR comment and write the job summary (token from GITHUB_TOKEN)')
    .option('--in <file>', 'result JSON to publish', './prload-results/prload-report.json')
    .option('--from-artifact <dir>', 'post the comment a pull_request run saved (workflow_run workflows, fork PRs)')
    .option('--repo <owner/name>', 'repository [default: GITHUB_REPOSITORY]')
    .option('--pr <number>', 'pull request number [default: from GITHUB_EVENT_PATH]')
    .option('--sha <sha>', 'commit [default: GITHUB_SHA]')
    .action(async (flags: { in: string; fromArtifact?: string; repo?: string; pr?: string; sha?: string }) => {
      const token = io.env['GITHUB_TOKEN'];
      if (!token)
        throw new ConfigError([
          'GITHUB_TOKEN: required to publish; pass the workflow token as env GITHUB_TOKEN (never as a flag)',
        ]);
      const context = await resolveGitHubContext(io.env as NodeJS.ProcessEnv, {
        ...(flags.repo ? { repository: flags.repo } : {}),
        ...(flags.pr ? { pr: flags.pr } : {}),
        ...(flags.sha ? { sha: flags.sha } : {}),
      });
      if (flags.fromArtifact) {
        // Which commit the artifact must be for, and refusing when none is known, is @prload/report's rule.
        const result = await publishTrustedArtifact(flags.fromArtifact, {
          context,
          ...(flags.sha ? { sha: flags.sha } : {}),
          token,
          signal: io.signal,
          env: io.env as NodeJS.ProcessEnv,
        });
        io.stderr(`PR #${result.pr}: comment ${result.action}: ${result.url}`);
        setExitCode(EXIT.OK);
        return;
      }
      if (context.pr === undefined || context.repository === undefined) {
        throw new ConfigError([
          `${context.repository === undefined ? '--repo' : '--pr'}: required outside a pull_request workflow`,
        ]);
      }
      const report = await readRunReport(flags.in);
      const published = await publishRun(report, io, { outDir: dirname(flags.in), comment: true, context });
      setExitCode(published ? EXIT.OK : EXIT.INFRASTRUCTURE);
    });
  return command;
};
