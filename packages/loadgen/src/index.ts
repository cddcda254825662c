// What a load test uses: runLoad (or prepareLoad and start, for shards of one run), its options and result,
// thresholds on the result, merging and carrying results, and the error base class.
// The threshold grammar's parts shared with @prload/resources and @prload/report, and SocketPool, are in
// `@prload/loadgen/internal`.
export type { LoadgenErrorCode } from './errors.js';
export {
  LoadgenError,
  LoadOptionsError,
  ResultDecodeError,
  ThresholdEvaluationError,
  ThresholdSyntaxError,
} from './errors.js';
export type { LoadThresholdResult } from './evaluate-thresholds.js';
export { evaluateThresholds } from './evaluate-thresholds.js';
export { decodeHistogram } from './histogram.js';
export { mergeResults } from './merge-results.js';
export { LATE_THRESHOLD_MS } from './options.js';
export { prepareLoad } from './prepare-load.js';
export { decodeResult, encodeResult } from './result-codec.js';
export { runLoad } from './run-load.js';
export { MAX_SHARDS } from './shard.js';
export type { ThresholdResult } from './threshold-result.js';
export type { Threshold, ThresholdOp, ThresholdUnit } from './thresholds.js';
export { parseThreshold, parseThresholds } from './thresholds.js';
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
  PreparedLoad,
  ResolvedTarget,
  SelfCheck,
  Shard,
  ShardInfo,
  ShardSummary,
  StatusClass,
  TimeSeriesPoint,
} from './types.js';
