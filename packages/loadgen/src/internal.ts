// `@prload/loadgen/internal`: what other prload packages share with this one — the threshold grammar's parts
// (@prload/resources and @prload/report parse their thresholds with it), the check of a LoadResult's shape
// (@prload/report validates a report's load fields with it), the seeded random source, and the socket engine's
// connection pool for other generators.
// Not covered by semver: any of it may change or go in any release.

export type { CheckLoadResultOptions, LoadResultProblem } from './check-load-result.js';
export { loadResultProblem } from './check-load-result.js';
export type { ThresholdRun } from './check-load-threshold.js';
export { checkLoadThreshold, checkThresholdHost } from './check-load-threshold.js';
export type { Random } from './prng.js';
export { mulberry32 } from './prng.js';
export type { SocketHandler } from './socket-engine/socket-connection.js';
export { SocketPool } from './socket-engine/socket-pool.js';
export type { ThresholdShape } from './thresholds.js';
export { isThresholdHost, meetsThreshold, parseThresholdShape } from './thresholds.js';
