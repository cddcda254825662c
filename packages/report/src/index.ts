// The load result and threshold rows are @prload/loadgen's; named here because the report's inputs hold them.
export type { HistogramSet, HostStats, LoadResult, ThresholdResult } from '@prload/loadgen';
export type { CheckedThresholds, CheckThresholdsOptions, ThresholdKind } from './check-thresholds.js';
export { checkThresholds, thresholdKind } from './check-thresholds.js';
export type {
  BaselineComparison,
  ComparableRun,
  ComparedMetric,
  CompareOptions,
  ConfidenceInterval,
  HostComparison,
  MetricDelta,
} from './compare-baseline.js';
export { COMPARED_METRICS, compareToBaseline } from './compare-baseline.js';
export type {
  ResourceComparedMetric,
  ResourceComparison,
  ResourceDelta,
  ResourceDeltaUnit,
  WorkloadComparison,
} from './compare-resources.js';
export { cpuMsPer1kRequests, RESOURCE_COMPARED_METRICS } from './compare-resources.js';
export {
  ArtifactCommitUnknownError,
  CommentArtifactError,
  GitHubApiError,
  GitHubAuthError,
  GitHubContextError,
  GitHubNotFoundError,
  GitHubPermissionError,
  GitHubRateLimitError,
  GitHubValidationError,
  HistogramDecodeError,
  RegressionThresholdSyntaxError,
  ReportError,
  ReportInputError,
  ReportInvalidError,
  ReportJsonError,
  ReportReadError,
  ReportSchemaVersionError,
  ReportWriteError,
  ThresholdCheckError,
} from './errors.js';
export { escapeHtml, escapeMarkdown, escapeXml } from './escape.js';
export { fitMarkdown } from './fit-markdown.js';
export type { GitHubLog, RetryOptions } from './github/client.js';
export type { CommentArtifact, SaveCommentArtifactInput } from './github/comment-artifact.js';
export {
  COMMENT_ARTIFACT_BODY,
  COMMENT_ARTIFACT_META,
  readCommentArtifact,
  saveCommentArtifact,
} from './github/comment-artifact.js';
export { commentMarker } from './github/comment-marker.js';
export type { GitHubContext, GitHubContextFlags } from './github/github-context.js';
export { resolveGitHubContext } from './github/github-context.js';
export type { WriteJobSummaryOptions, WriteJobSummaryResult } from './github/job-summary.js';
export { JOB_SUMMARY_MAX_BYTES, writeJobSummary } from './github/job-summary.js';
export type { PublishCommentOptions, PublishCommentResult } from './github/publish-comment.js';
export { GITHUB_COMMENT_MAX_LENGTH, publishComment } from './github/publish-comment.js';
export type { PublishFromArtifactOptions } from './github/publish-from-artifact.js';
export { publishFromArtifact } from './github/publish-from-artifact.js';
export type { PublishReportOptions, PublishReportResult } from './github/publish-report.js';
export { COMMENT_ARTIFACT_DIR, publishReport } from './github/publish-report.js';
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
export { computeVerdict, VERDICTS } from './verdict.js';
export type { ReportFormat, WriteReportsOptions } from './write-reports.js';
export { REPORT_FILE_NAMES, REPORT_FORMATS, writeReports } from './write-reports.js';
