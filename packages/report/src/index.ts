// What a pipeline uses: the run report, its renderers, baseline comparison, threshold checks, GitHub
// publishing and the error base class. The load result and threshold rows are @prload/loadgen's.
export type { CheckedThresholds, CheckThresholdsOptions } from './check-thresholds.js';
export { checkThresholds, thresholdKind } from './check-thresholds.js';
export type { BaselineComparison, ComparableRun, CompareOptions } from './compare-baseline.js';
export { compareToBaseline } from './compare-baseline.js';
export type { ReportErrorCode } from './errors.js';
export { GitHubApiError, ReportError, ThresholdCheckError } from './errors.js';
export type { GitHubContext, GitHubContextFlags } from './github/github-context.js';
export { resolveGitHubContext } from './github/github-context.js';
export type { WriteJobSummaryOptions, WriteJobSummaryResult } from './github/job-summary.js';
export { writeJobSummary } from './github/job-summary.js';
export type { PublishCommentOptions, PublishCommentResult } from './github/publish-comment.js';
export { publishComment } from './github/publish-comment.js';
export type { PublishReportOptions, PublishReportResult } from './github/publish-report.js';
export { publishReport } from './github/publish-report.js';
export type { PublishTrustedArtifactOptions } from './github/publish-trusted-artifact.js';
export { publishTrustedArtifact } from './github/publish-trusted-artifact.js';
export type { RegressionThreshold } from './regression-threshold.js';
export { evaluateRegressionThresholds, parseRegressionThreshold } from './regression-threshold.js';
export type { RenderHtmlOptions } from './render-html.js';
export { renderHtml } from './render-html.js';
export { renderJson } from './render-json.js';
export { renderJunit } from './render-junit.js';
export type { RenderMarkdownOptions } from './render-markdown.js';
export { renderMarkdown } from './render-markdown.js';
export type {
  CreateRunReportInput,
  GitInfo,
  RegressionSection,
  RunFailure,
  RunInfo,
  RunReport,
  StageRecord,
} from './run-report.js';
export { attachRegressions, createRunReport } from './run-report.js';
export { formatSummaryTable } from './summary-table.js';
export { readRunReport, validateRunReport } from './validate-report.js';
export type { Verdict } from './verdict.js';
export type { ReportFormat, WriteReportsOptions } from './write-reports.js';
export { REPORT_FORMATS, writeReports } from './write-reports.js';
