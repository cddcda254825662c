export type { ThresholdRun } from './check-load-threshold.js';
export { checkLoadThreshold, checkThresholdHost } from './check-load-threshold.js';
export {
  ConnectTimeoutError,
  LoadgenError,
  LoadOptionsError,
  LoadWorkerError,
  PoolClosedError,
  RequestTimeoutError,
  ResponseParseError,
  RunStoppedError,
  SocketClosedError,
  ThresholdEvaluationError,
  ThresholdSyntaxError,
} from './errors.js';
export type { LoadThresholdResult } from './evaluate-thresholds.js';
export { evaluateThresholds } from './evaluate-thresholds.js';
export { decodeHistogram } from './histogram.js';
export { mergeResults } from './merge-results.js';
export { LATE_THRESHOLD_MS } from './options.js';
export type { Random } from './prng.js';
export { mulberry32 } from './prng.js';
export { runLoad } from './run-load.js';
export type { Arrivals, Schedule, ScheduleOptions } from './schedule.js';
export { createSchedule } from './schedule.js';
export type { SocketHandler } from './socket-engine/socket-connection.js';
export { SocketPool } from './socket-engine/socket-pool.js';
export type { ThresholdResult } from './threshold-result.js';
export type { Threshold, ThresholdOp, ThresholdShape, ThresholdUnit } from './thresholds.js';
export { isThresholdHost, meetsThreshold, parseThreshold, parseThresholdShape, parseThresholds } from './thresholds.js';
export type {
  BehindPolicy,
  DispatcherFactory,
  ErrorKind,
  HistogramSet,
  HostStats,
  HttpEngine,
  LatencyHistograms,
  LatencyStats,
  LoadDispatcher,
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
