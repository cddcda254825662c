import type { LoadResult, ThresholdResult } from '@prload/loadgen';
import type { ResourceUsage } from '@prload/resources';
import type { BaselineComparison } from './compare-baseline.js';
import { ReportInputError } from './errors.js';
import { computeVerdict, type Verdict } from './verdict.js';

export type { Verdict } from './verdict.js';

export interface GitInfo {
  /** `owner/repo`. */
  readonly repository?: string;
  readonly ref?: string;
  readonly sha?: string;
  readonly pr?: number;
}

export interface RunInfo {
  readonly runId: string;
  /** Cluster provider: `local`, `kind`, `kwok`, `existing`… */
  readonly provider: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly git?: GitInfo;
  /** Versions of the parts under test and of the tools (`prload`, `kubernetes`, `ingress-nginx`, `node`…). */
  readonly versions: Readonly<Record<string, string>>;
}

/** One pipeline stage (cluster, deploy, probe, load…). */
export interface StageRecord {
  readonly name: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** Why the run produced no trustworthy numbers because the infrastructure failed. */
export interface RunFailure {
  readonly stage: string;
  readonly message: string;
  /** Logs, events, `kubectl describe` output… external text, escaped on render. */
  readonly diagnostics?: string;
}

export interface RegressionSection {
  readonly comparison: BaselineComparison;
  /** Regression thresholds (`p95 regression > 10%`) evaluated against the comparison. */
  readonly thresholds: readonly ThresholdResult[];
}

/**
 * The report: the source of truth written as `prload-report.json`. The load
 * result's fields (`@prload/loadgen`'s `LoadResult`, exactly) sit at the top
 * level so threshold paths such as `hosts["foo.localhost"].latency.p95` work on
 * it; they are all absent when the run failed before the load stage.
 */
export interface RunReport extends Partial<Omit<LoadResult, 'schemaVersion'>> {
  readonly schemaVersion: 1;
  /** Distinguishes several reports on one PR (one sticky comment each). @default 'prload' */
  readonly reportId: string;
  readonly verdict: Verdict;
  readonly run: RunInfo;
  readonly stages: readonly StageRecord[];
  readonly thresholds: readonly ThresholdResult[];
  readonly regressions?: RegressionSection;
  readonly failure?: RunFailure;
  /** The run was stopped (SIGINT, SIGTERM, a CI cancel) before it finished; what it gathered is here. */
  readonly interrupted?: true;
  /** Why the run deliberately drove no load, e.g. simulated (kwok) pods that carry no traffic. */
  readonly noLoadReason?: string;
  /** CPU and memory of the apps, the ingress controller and the load generator during the load. */
  readonly resources?: ResourceUsage;
}

export interface CreateRunReportInput {
  /** The load result; absent when the run failed before the load stage. */
  readonly result?: LoadResult;
  /** @default 'prload' */
  readonly reportId?: string;
  readonly run: RunInfo;
  /** @default [] */
  readonly stages?: readonly StageRecord[];
  /** @default [] */
  readonly thresholds?: readonly ThresholdResult[];
  readonly regressions?: RegressionSection;
  readonly failure?: RunFailure;
  /** Stopped by a signal before the pipeline finished: the verdict is then `interrupted`, whatever was measured. */
  readonly interrupted?: boolean;
  /** Instead of `result`: why no load was driven (the run checked deployment and readiness only). */
  readonly noLoadReason?: string;
  /** Resource usage sampled by `@prload/resources` while the load ran. @default absent: not sampled */
  readonly resources?: ResourceUsage;
}

const REPORT_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the report and its verdict (interrupted > infrastructure failure > invalid > thresholds breached > passed). */
export function createRunReport(input: CreateRunReportInput): RunReport {
  const reportId = input.reportId ?? 'prload';
  if (!REPORT_ID.test(reportId)) {
    throw new ReportInputError(
      `reportId: must be 1-64 characters of A-Z a-z 0-9 . _ -, got ${JSON.stringify(reportId.slice(0, 80))}`,
    );
  }
  if (input.result === undefined && input.failure === undefined && input.noLoadReason === undefined) {
    throw new ReportInputError(
      'createRunReport: pass `result` (the load result), `failure` (why there is none) or `noLoadReason`',
    );
  }
  const { schemaVersion: _ignored, ...load } = input.result ?? ({} as Partial<LoadResult>);
  const base = {
    ...load,
    schemaVersion: 1 as const,
    reportId,
    run: input.run,
    stages: input.stages ?? [],
    thresholds: input.thresholds ?? [],
    ...(input.regressions ? { regressions: input.regressions } : {}),
    ...(input.failure ? { failure: input.failure } : {}),
    ...(input.interrupted ? { interrupted: true as const } : {}),
    ...(input.noLoadReason ? { noLoadReason: input.noLoadReason } : {}),
    ...(input.resources ? { resources: input.resources } : {}),
  };
  return { ...base, verdict: computeVerdict(base) };
}

/** Returns a copy of `report` with a baseline comparison attached and the verdict recomputed. */
export function attachRegressions(report: RunReport, regressions: RegressionSection): RunReport {
  const next = { ...report, regressions };
  return { ...next, verdict: computeVerdict(next) };
}
