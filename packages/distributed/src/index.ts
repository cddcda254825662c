// What a pipeline uses to run a load test from many pods: the coordinator (runDistributedLoad), the shard
// runner the pods execute (runShard, `prload shard`), and the error base class with the errors that carry
// fields. The objects' builders and the ConfigMap protocol's parts are in `@prload/distributed/internal`.

export { planDistributedLoad } from './create-run.js';
export type { DistributedLoadOptions, DistributedPlanOptions } from './distributed-options.js';
export type { DistributedErrorCode, DistributedErrorKind, ShardProblem } from './errors.js';
export {
  DistributedError,
  DistributedKubeApiError,
  ShardFailedError,
  ShardsNoResultError,
  ShardsNotReadyError,
} from './errors.js';
export { DEFAULT_IMAGE } from './image.js';
export { DEFAULT_SHARD_RESOURCES } from './job.js';
export type { ShardRun } from './merge-shard-results.js';
export { MAX_RUN_ID_LENGTH } from './names.js';
export type { DistributedLoadResult } from './run-distributed-load.js';
export { runDistributedLoad } from './run-distributed-load.js';
export type { RunShardOptions, ShardOutcome } from './run-shard.js';
export { runShard, SERVICE_ACCOUNT_NAMESPACE } from './run-shard.js';
export type { PortableLoadOptions } from './run-spec.js';
