import type { KubeConfig, V1ResourceRequirements, V1Toleration } from '@kubernetes/client-node';
import { type PreparedLoad, prepareLoad } from '@prload/loadgen';
import { DistributedOptionsError } from './errors.js';
import { MAX_SHARDS } from './names.js';
import { type PortableLoadOptions, portableLoad, type RunSpec } from './run-spec.js';

export interface DistributedLoadOptions {
  /** Where the shards run; its identity needs the Role in this package's rbac/coordinator-role.yaml. */
  readonly kubeConfig: KubeConfig;
  /** Namespace of the Job, its pods and the run's ConfigMaps. */
  readonly namespace: string;
  /** Names the run's objects (`prload-load-<runId>`): a DNS label of at most 40 characters, unique per run. */
  readonly runId: string;
  /** Pods that share the one schedule, 1 to 100. */
  readonly shards: number;
  /** The whole run's load, as one process would send it; each shard sends its slice. */
  readonly load: PortableLoadOptions;
  /** @default DEFAULT_IMAGE, this release's `ghcr.io/prload/prload:<version>` */
  readonly image?: string;
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Nodes the shards may run on. @default any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default none */
  readonly tolerations?: readonly V1Toleration[];
  /** Each shard pod's resources. @default requests cpu 250m, memory 128Mi; no limits */
  readonly resources?: V1ResourceRequirements;
  /**
   * How far ahead of "every shard is ready" the shared start is set: the time the notice has to reach every
   * shard. A shard that sees it later starts late and makes the run invalid.
   * @default 3000
   */
  readonly startMarginMs?: number;
  /** How long the shards may take to be scheduled, pull the image and get ready. @default 120_000 */
  readonly readyTimeoutMs?: number;
  /** Kubernetes deletes the Job, and with it everything of the run, this long after it finished. @default 600 */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Stops the run: before the start, everything is deleted and DistributedAbortedError thrown; after it, the
   * shards are told to stop and what they send back within the drain time is merged (`aborted: true`).
   * @default undefined
   */
  readonly signal?: AbortSignal;
  /** Progress, one line per step. @default no output */
  readonly log?: (line: string) => void;
}

/** The options with every default applied, and the times derived from them. */
export interface Resolved {
  readonly load: RunSpec['load'];
  readonly startMarginMs: number;
  readonly readyTimeoutMs: number;
  /** Most a shard runs after the start: warmup, duration and drain. */
  readonly runMs: number;
  /** Upper bound of the drain, for the wait after an abort. */
  readonly drainMs: number;
  /** How long a shard waits for the start before it gives up. */
  readonly startTimeoutMs: number;
}

/** The results deadline's slack after a shard's last request could have drained: writing and watching the result. */
export const RESULT_SLACK_MS = 60_000;
/** What a run's objects are built from: the options without the cluster's credentials and the run's callbacks. */
export type DistributedPlanOptions = Omit<DistributedLoadOptions, 'kubeConfig' | 'signal' | 'log'>;

export function resolveOptions(options: DistributedPlanOptions): Resolved {
  const { shards, load } = options;
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new DistributedOptionsError(`shards: must be an integer from 1 to ${MAX_SHARDS}, got ${shards}`);
  }
  if (!options.namespace) throw new DistributedOptionsError('namespace: must be a non-empty string');
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v <= 0)
      throw new DistributedOptionsError(`${name}: must be a positive number, got ${v}`);
    return v;
  };
  if (typeof load !== 'object' || load === null) throw new DistributedOptionsError('load: must be load options');
  const durationMs = positive('load.durationMs', load.durationMs, Number.NaN);
  // loadgen drains for at most the request timeout unless told otherwise (its defaults: min(timeoutMs, 2 s), 10 s).
  const drainMs = load.drainMs ?? load.timeoutMs ?? 10_000;
  const startMarginMs = positive('startMarginMs', options.startMarginMs, 3000);
  const readyTimeoutMs = positive('readyTimeoutMs', options.readyTimeoutMs, 120_000);
  return {
    // Every shard must draw the same schedule: one seed for all, chosen here when the caller left it open.
    load: { ...portableLoad(load), seed: load.seed ?? Math.floor(Math.random() * 2 ** 32) },
    startMarginMs,
    readyTimeoutMs,
    runMs: (load.warmupMs ?? 0) + durationMs + drainMs,
    drainMs,
    startTimeoutMs: readyTimeoutMs + startMarginMs + RESULT_SLACK_MS,
  };
}

/**
 * Checks the load options as shard 0 of `shards` would, before anything is created: loadgen's own validation,
 * and the shard rules (each shard needs at least one connection, and in the open model one in-flight slot).
 * prepareLoad builds pools that connect on first use, so nothing is sent.
 */
export async function checkLoad(load: RunSpec['load'], shards: number): Promise<void> {
  let prepared: PreparedLoad;
  try {
    prepared = await prepareLoad({ ...load, shard: { index: 0, count: shards } });
  } catch (error) {
    if ((error as { kind?: unknown }).kind !== 'bad-input') throw error;
    throw new DistributedOptionsError((error as Error).message, { cause: error });
  }
  await prepared.close();
}
