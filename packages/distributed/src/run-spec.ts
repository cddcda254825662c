import type { V1ConfigMap, V1OwnerReference } from '@kubernetes/client-node';
import type { LoadOptions } from '@prload/loadgen';
import { DistributedSpecError } from './errors.js';
import { MAX_SHARDS, runLabels, runNames } from './names.js';

/** What of LoadOptions travels to the shards: plain data, no callbacks, signals or threads. */
export type PortableLoadOptions = Pick<
  LoadOptions,
  | 'address'
  | 'targets'
  | 'model'
  | 'rate'
  | 'rampTo'
  | 'arrivals'
  | 'durationMs'
  | 'warmupMs'
  | 'connections'
  | 'pipelining'
  | 'timeoutMs'
  | 'maxInFlight'
  | 'behindPolicy'
  | 'maxSendLagP99Ms'
  | 'drainMs'
  | 'rejectUnauthorized'
  | 'engine'
  | 'seed'
>;

const PORTABLE_KEYS: readonly (keyof PortableLoadOptions)[] = [
  'address',
  'targets',
  'model',
  'rate',
  'rampTo',
  'arrivals',
  'durationMs',
  'warmupMs',
  'connections',
  'pipelining',
  'timeoutMs',
  'maxInFlight',
  'behindPolicy',
  'maxSendLagP99Ms',
  'drainMs',
  'rejectUnauthorized',
  'engine',
  'seed',
];

/** What every shard reads from the run's spec ConfigMap (`data["spec.json"]`). */
export interface RunSpec {
  /** Bumped when the shape changes, so a shard of another prload version fails clearly. */
  readonly version: 1;
  readonly runId: string;
  readonly shards: number;
  /** The one schedule all shards share: `seed` is always set, so every shard draws the same. */
  readonly load: PortableLoadOptions & { readonly seed: number };
  /** How long a shard waits for the start (or an abort) before it gives up, in milliseconds. */
  readonly startTimeoutMs: number;
}

/** `data` keys of the spec ConfigMap. */
export const SPEC_KEYS = {
  spec: 'spec.json',
  /** Epoch milliseconds of the shared start (the schedule's t0), written by the coordinator. */
  startAt: 'startAt',
  /** The coordinator's Date.now() when it wrote startAt: a shard's notice delay is measured against it. */
  coordinatorNow: 'coordinatorNow',
  /** `"true"`: stop now and send what was gathered. */
  abort: 'abort',
} as const;

/** Only the portable fields, in a fixed order, undefined ones left out. */
export function portableLoad(load: PortableLoadOptions): PortableLoadOptions {
  const out: Record<string, unknown> = {};
  for (const key of PORTABLE_KEYS) if (load[key] !== undefined) out[key] = load[key];
  return out as unknown as PortableLoadOptions;
}

export function encodeRunSpec(spec: RunSpec): string {
  return JSON.stringify({ ...spec, load: portableLoad(spec.load) });
}

/** Parses `data["spec.json"]`; `what` names where it came from in the error. */
export function decodeRunSpec(text: string | undefined, what: string): RunSpec {
  const fail = (problem: string): never => {
    throw new DistributedSpecError(`${what}: ${problem} — was it written by this prload version's coordinator?`);
  };
  if (text === undefined) return fail(`no data["${SPEC_KEYS.spec}"]`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`data["${SPEC_KEYS.spec}"] is not JSON (${(error as Error).message})`);
  }
  const spec = parsed as Partial<Record<keyof RunSpec, unknown>>;
  if (typeof spec !== 'object' || spec === null) return fail('the spec is not an object');
  if (spec.version !== 1) return fail(`spec version ${JSON.stringify(spec.version)}, this prload reads version 1`);
  if (typeof spec.runId !== 'string') return fail('no runId');
  if (
    typeof spec.shards !== 'number' ||
    !Number.isInteger(spec.shards) ||
    spec.shards < 1 ||
    spec.shards > MAX_SHARDS
  ) {
    return fail(`shards must be an integer from 1 to ${MAX_SHARDS}, got ${JSON.stringify(spec.shards)}`);
  }
  if (typeof spec.startTimeoutMs !== 'number' || !(spec.startTimeoutMs > 0)) return fail('no startTimeoutMs');
  const load = spec.load as Partial<Record<keyof PortableLoadOptions, unknown>> | undefined;
  if (typeof load !== 'object' || load === null) return fail('no load options');
  if (typeof load.address !== 'string') return fail('load.address is not a string');
  if (!Array.isArray(load.targets)) return fail('load.targets is not a list');
  if (typeof load.durationMs !== 'number') return fail('load.durationMs is not a number');
  if (typeof load.seed !== 'number') return fail('load.seed is not a number');
  return parsed as RunSpec;
}

/** The run's spec ConfigMap, owned by the Job so that the Job's ttlSecondsAfterFinished removes it too. */
export function buildSpecConfigMap(options: {
  readonly namespace: string;
  readonly spec: RunSpec;
  readonly owner: V1OwnerReference;
}): V1ConfigMap {
  const { spec } = options;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: runNames(spec.runId).spec,
      namespace: options.namespace,
      labels: runLabels(spec.runId, 'spec'),
      ownerReferences: [options.owner],
    },
    data: { [SPEC_KEYS.spec]: encodeRunSpec(spec) },
  };
}

/** What the coordinator has told the shards so far. */
export interface StartNotice {
  /** Epoch ms of the shared start, once written. */
  readonly startAt: number | undefined;
  readonly coordinatorNow: number | undefined;
  readonly abort: boolean;
}

export function readStartNotice(configMap: V1ConfigMap): StartNotice {
  const data = configMap.data ?? {};
  const number = (key: string): number | undefined => {
    const value = data[key];
    if (value === undefined) return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  };
  return {
    startAt: number(SPEC_KEYS.startAt),
    coordinatorNow: number(SPEC_KEYS.coordinatorNow),
    abort: data[SPEC_KEYS.abort] === 'true',
  };
}

/** JSON merge patch that starts the run. */
export function startPatch(startAt: number, coordinatorNow: number): { data: Record<string, string> } {
  return { data: { [SPEC_KEYS.startAt]: String(startAt), [SPEC_KEYS.coordinatorNow]: String(coordinatorNow) } };
}

/** JSON merge patch that stops the run early. */
export function abortPatch(): { data: Record<string, string> } {
  return { data: { [SPEC_KEYS.abort]: 'true' } };
}
