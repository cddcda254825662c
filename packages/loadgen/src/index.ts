export {
  LoadgenError,
  LoadOptionsError,
  LoadWorkerError,
  RequestTimeoutError,
  RunStoppedError,
  ThresholdEvaluationError,
  ThresholdSyntaxError,
} from './errors.js';
export type { ThresholdResult } from './evaluate-thresholds.js';
export { evaluateThresholds } from './evaluate-thresholds.js';
export { decodeHistogram } from './histogram.js';
export { mergeResults } from './merge-results.js';
export { LATE_THRESHOLD_MS } from './options.js';
export type { Random } from './prng.js';
export { mulberry32 } from './prng.js';
export { runLoad } from './run-load.js';
export type { Arrivals, Schedule, ScheduleOptions } from './schedule.js';
export { createSchedule } from './schedule.js';
export type { Threshold, ThresholdOp, ThresholdUnit } from './thresholds.js';
export { parseThreshold, parseThresholds } from './thresholds.js';
export type {
  BehindPolicy,
  DispatcherFactory,
  ErrorKind,
  HostStats,
  LatencyHistograms,
  LatencyStats,
  LoadModel,
  LoadOptions,
  LoadProgress,
  LoadResult,
  LoadSettings,
  LoadTarget,
  ResolvedTarget,
  SelfCheck,
  StatusClass,
  TimeSeriesPoint,
} from './types.js';
