import { DNS_LABEL } from '@prload/cluster';
import { DistributedOptionsError } from './errors.js';

/**
 * The Job's name is a label value (`job-name`, at most 63 characters) and the prefix of its pods' host names
 * (`<job>-<index>`), so `prload-load-` (12) + the run id + `-99` must stay within 63.
 */
export const MAX_RUN_ID_LENGTH = 40;

/** Most shards of one run: the Job's completions are loadgen's partition, so its bound is the one. */
export { MAX_SHARDS } from '@prload/loadgen';

/** Label keys and values every object of a run carries, so `kubectl … -l prload.dev/run=<id>` finds them all. */
export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  component: 'app.kubernetes.io/component',
  run: 'prload.dev/run',
  shard: 'prload.dev/shard',
} as const;

/** The parts of a run: `spec` ConfigMap, `shard` pods, `status` ConfigMaps, `rbac` for the shards. */
export type Component = 'spec' | 'shard' | 'status' | 'rbac';

/** The names of every object of one run. */
export interface RunNames {
  readonly runId: string;
  /** The Job and the spec ConfigMap. */
  readonly job: string;
  readonly spec: string;
  /** The shards' ServiceAccount, Role and RoleBinding. */
  readonly rbac: string;
  /** Shard `index`'s status ConfigMap. */
  status(index: number): string;
}

export function checkRunId(runId: unknown): string {
  if (typeof runId !== 'string' || !DNS_LABEL.test(runId) || runId.length > MAX_RUN_ID_LENGTH) {
    throw new DistributedOptionsError(
      `runId: must be lowercase letters, digits and '-' (a DNS label) of at most ${MAX_RUN_ID_LENGTH} characters, got ${JSON.stringify(runId)}`,
    );
  }
  return runId;
}

export function runNames(runId: string): RunNames {
  const job = `prload-load-${checkRunId(runId)}`;
  return { runId, job, spec: job, rbac: `prload-shard-${runId}`, status: (index) => `${job}-shard-${index}` };
}

export function runLabels(runId: string, component: Component): Record<string, string> {
  return { [LABELS.managedBy]: 'prload', [LABELS.component]: component, [LABELS.run]: runId };
}

/** Selects one component of one run. */
export function runSelector(runId: string, component: Component): string {
  return `${LABELS.run}=${runId},${LABELS.component}=${component}`;
}
