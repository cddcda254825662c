// `@prload/distributed/internal`: the objects a run creates and the ConfigMap protocol between the coordinator
// and its shards, for prload's own tests (which play the shards) and tools that inspect a run.
// Not covered by semver: any of it may change or go in any release.
export type { ShardJobOptions } from './job.js';
export { buildShardJob, SHARD_UID } from './job.js';
export type { Component, RunNames } from './names.js';
export { LABELS, runLabels, runNames, runSelector } from './names.js';
export { ownerReference } from './owner.js';
export type { ShardRbac } from './rbac.js';
export { buildShardRbac } from './rbac.js';
export type { RunSpec, StartNotice } from './run-spec.js';
export { buildSpecConfigMap, decodeRunSpec, encodeRunSpec, readStartNotice, SPEC_KEYS } from './run-spec.js';
export type { ShardState, ShardStatus } from './shard-status.js';
export { buildStatusConfigMap, parseShardStatus, STATUS_KEYS, statusContent } from './shard-status.js';
