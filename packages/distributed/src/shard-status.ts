import type { V1ConfigMap, V1OwnerReference } from '@kubernetes/client-node';
import { LABELS, runLabels, runNames } from './names.js';

/** `ready`: prepared, waiting for the start. `done`: the result is attached. `failed`: `error` says why. */
export type ShardState = 'ready' | 'done' | 'failed';

/** What one shard reports in its status ConfigMap `prload-load-<runId>-shard-<index>`. */
export interface ShardStatus {
  readonly index: number;
  readonly state: ShardState;
  /** The node the shard ran on, as its pod saw it (NODE_NAME). */
  readonly node?: string;
  /** The shard's Date.now() when it became ready. */
  readonly readyAt?: number;
  /**
   * When the shard saw the start minus when the coordinator wrote it, each by its own clock: the clocks'
   * offset plus the notice's delivery time.
   */
  readonly noticeDelayMs?: number;
  /** Why the shard failed (`failed`). */
  readonly error?: string;
  /** `bad-input` when the shard failed on the run's options (fix them), else `infrastructure`. */
  readonly errorKind?: 'bad-input' | 'infrastructure';
  /** loadgen's encodeResult bytes (`done`). */
  readonly result?: Uint8Array;
}

/** A status ConfigMap that does not read as a ShardStatus. */
export interface UnreadableStatus {
  readonly index: number;
  readonly state: 'unreadable';
  readonly error: string;
}

/** `data` and `binaryData` keys of a status ConfigMap. */
export const STATUS_KEYS = {
  state: 'state',
  node: 'node',
  readyAt: 'readyAt',
  noticeDelayMs: 'noticeDelayMs',
  error: 'error',
  errorKind: 'errorKind',
  result: 'result.json.gz',
} as const;

/**
 * A ConfigMap holds at most 1 MiB (etcd's object limit with headroom); binaryData is base64, so this is
 * the most result bytes one can carry beside its few other keys.
 */
export const MAX_RESULT_BYTES = 700 * 1024;

/** The data and binaryData of a status, as a ConfigMap body or a JSON merge patch holds them. */
export function statusContent(status: ShardStatus): Pick<V1ConfigMap, 'data' | 'binaryData'> {
  const data: Record<string, string> = { [STATUS_KEYS.state]: status.state };
  if (status.node !== undefined) data[STATUS_KEYS.node] = status.node;
  if (status.readyAt !== undefined) data[STATUS_KEYS.readyAt] = String(status.readyAt);
  if (status.noticeDelayMs !== undefined) data[STATUS_KEYS.noticeDelayMs] = String(status.noticeDelayMs);
  if (status.error !== undefined) data[STATUS_KEYS.error] = status.error;
  if (status.errorKind !== undefined) data[STATUS_KEYS.errorKind] = status.errorKind;
  if (status.result === undefined) return { data };
  return { data, binaryData: { [STATUS_KEYS.result]: Buffer.from(status.result).toString('base64') } };
}

/** Shard `status.index`'s status ConfigMap, owned by the spec ConfigMap (deleting the spec removes it). */
export function buildStatusConfigMap(options: {
  readonly namespace: string;
  readonly runId: string;
  readonly status: ShardStatus;
  readonly owner: V1OwnerReference;
}): V1ConfigMap {
  const { runId, status } = options;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: runNames(runId).status(status.index),
      namespace: options.namespace,
      labels: { ...runLabels(runId, 'status'), [LABELS.shard]: String(status.index) },
      ownerReferences: [options.owner],
    },
    ...statusContent(status),
  };
}

/** The status a ConfigMap of the run holds; undefined for one that is no shard's status. */
export function parseShardStatus(configMap: V1ConfigMap): ShardStatus | UnreadableStatus | undefined {
  const label = configMap.metadata?.labels?.[LABELS.shard];
  const index = Number(label);
  if (label === undefined || !Number.isInteger(index) || index < 0) return undefined;
  const data = configMap.data ?? {};
  const state = data[STATUS_KEYS.state];
  if (state !== 'ready' && state !== 'done' && state !== 'failed') {
    return { index, state: 'unreadable', error: `status ConfigMap with state ${JSON.stringify(state)}` };
  }
  const number = (key: string): number | undefined => {
    const n = data[key] === undefined ? Number.NaN : Number(data[key]);
    return Number.isFinite(n) ? n : undefined;
  };
  const encoded = configMap.binaryData?.[STATUS_KEYS.result];
  const errorKind = data[STATUS_KEYS.errorKind];
  const status: ShardStatus = {
    index,
    state,
    ...(data[STATUS_KEYS.node] !== undefined ? { node: data[STATUS_KEYS.node] } : {}),
    ...(number(STATUS_KEYS.readyAt) !== undefined ? { readyAt: number(STATUS_KEYS.readyAt) } : {}),
    ...(number(STATUS_KEYS.noticeDelayMs) !== undefined ? { noticeDelayMs: number(STATUS_KEYS.noticeDelayMs) } : {}),
    ...(data[STATUS_KEYS.error] !== undefined ? { error: data[STATUS_KEYS.error] } : {}),
    ...(errorKind === 'bad-input' || errorKind === 'infrastructure' ? { errorKind } : {}),
    ...(encoded !== undefined ? { result: Buffer.from(encoded, 'base64') } : {}),
  };
  if (state === 'done' && status.result === undefined) {
    return { index, state: 'unreadable', error: `state done without binaryData["${STATUS_KEYS.result}"]` };
  }
  return status;
}
