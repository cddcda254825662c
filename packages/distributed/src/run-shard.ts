import { readFile } from 'node:fs/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { encodeResult, type LoadResult, type PreparedLoad, prepareLoad } from '@prload/loadgen';
import { DistributedAbortedError, ShardEnvironmentError, ShardResultError } from './errors.js';
import { kubeApis } from './kube.js';
import { ownerReference } from './owner.js';
import { decodeRunSpec, readStartNotice, SPEC_KEYS } from './run-spec.js';
import { MAX_RESULT_BYTES } from './shard-status.js';
import { StatusWriter } from './status-writer.js';
import { decided, readSpec, watchSpec } from './watch-spec.js';

/** Where Kubernetes mounts the pod's namespace beside its ServiceAccount token. */
export const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

export interface RunShardOptions {
  /** The run's spec ConfigMap: `prload shard --spec <name>`, as the Job's pods are started. */
  readonly spec: string;
  /** @default the pod's own, read from SERVICE_ACCOUNT_NAMESPACE */
  readonly namespace?: string;
  /** Which shard this is. @default JOB_COMPLETION_INDEX, which Kubernetes sets in an Indexed Job's pods */
  readonly index?: number;
  /** Reported as where it ran when the coordinator cannot see its pod. @default NODE_NAME (the Job sets it) */
  readonly node?: string;
  /** @default in-cluster: the pod's ServiceAccount token (KubeConfig.loadFromCluster) */
  readonly kubeConfig?: KubeConfig;
  /**
   * Stops the shard (SIGTERM when its pod is deleted): before the start it reports `failed`; during the
   * run it stops and sends what it gathered.
   * @default undefined
   */
  readonly signal?: AbortSignal;
  /** Progress, one line per step. @default no output */
  readonly log?: (line: string) => void;
  /** Where JOB_COMPLETION_INDEX and NODE_NAME are read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long the spec ConfigMap may take to be readable (it exists before the Job's pods are made). @default 60_000 */
  readonly specTimeoutMs?: number;
}

export interface ShardOutcome {
  readonly index: number;
  /** This shard's result, as sent to the coordinator. */
  readonly result: LoadResult;
  /** When it saw the start minus when the coordinator wrote it, each by its own clock. */
  readonly noticeDelayMs: number | undefined;
}

/**
 * One shard of a distributed run, as a Job's pod runs it: reads the spec, prepares its slice of the load,
 * says `ready`, waits for the shared start (or an abort), runs, and writes `done` with its result, or
 * `failed` with the error (then rethrown, so the pod exits non-zero). The coordinator's `abort` stops a
 * running shard, which still sends what it gathered.
 */
export async function runShard(options: RunShardOptions): Promise<ShardOutcome> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const callerSignal = options.signal ?? new AbortController().signal;
  const index = options.index ?? envIndex(env['JOB_COMPLETION_INDEX']);
  const namespace = options.namespace ?? (await podNamespace());
  const node = options.node ?? env['NODE_NAME'];
  const apis = kubeApis(options.kubeConfig ?? inCluster());

  const specSignal = AbortSignal.any([callerSignal, AbortSignal.timeout(options.specTimeoutMs ?? 60_000)]);
  const specMap = await readSpec(apis, namespace, options.spec, specSignal);
  const spec = decodeRunSpec(specMap.data?.[SPEC_KEYS.spec], `ConfigMap ${namespace}/${options.spec}`);
  if (index >= spec.shards) {
    throw new ShardEnvironmentError(
      `shard index ${index}: the run ${spec.runId} has ${spec.shards} shards (0 to ${spec.shards - 1})`,
    );
  }
  const writer = new StatusWriter(
    apis,
    namespace,
    spec.runId,
    ownerReference({ ...specMap, apiVersion: 'v1', kind: 'ConfigMap' }),
  );
  const name = `shard ${index} of ${spec.shards}`;
  const stop = new AbortController();
  const runSignal = AbortSignal.any([callerSignal, stop.signal]);
  let prepared: PreparedLoad | undefined;
  let readyAt: number | undefined;
  try {
    prepared = await prepareLoad({ ...spec.load, shard: { index, count: spec.shards }, signal: runSignal });
    readyAt = Date.now();
    await writer.write({ index, state: 'ready', readyAt, ...(node ? { node } : {}) });
    log(`${name}: ready${node ? ` on node ${node}` : ''}, waiting for the start`);

    const startSignal = AbortSignal.any([callerSignal, AbortSignal.timeout(spec.startTimeoutMs)]);
    const notice = await watchSpec(apis, namespace, options.spec, (cm) => decided(cm), startSignal).catch(
      (error: unknown) => {
        if (callerSignal.aborted) return { abort: true, startAt: undefined, coordinatorNow: undefined };
        if (startSignal.aborted) {
          throw new DistributedAbortedError(
            `${name}: no start within ${Math.round(spec.startTimeoutMs / 1000)} s — is the coordinator still running?`,
          );
        }
        throw error;
      },
    );
    if (notice.abort || notice.startAt === undefined) {
      throw new DistributedAbortedError(`${name}: aborted before the start`);
    }
    const noticeDelayMs = notice.coordinatorNow === undefined ? undefined : Date.now() - notice.coordinatorNow;
    log(
      `${name}: start at ${new Date(notice.startAt).toISOString()}${noticeDelayMs === undefined ? '' : ` (notice delay ${noticeDelayMs} ms)`}`,
    );

    // The coordinator's abort, watched while the load runs.
    const watchStop = new AbortController();
    watchSpec(
      apis,
      namespace,
      options.spec,
      (cm) => (cm && readStartNotice(cm).abort ? true : undefined),
      watchStop.signal,
    ).then(
      () => stop.abort(new DistributedAbortedError(`${name}: aborted by the coordinator`)),
      () => {},
    );
    const start = prepared;
    prepared = undefined;
    const result = await start.start(notice.startAt).finally(() => watchStop.abort());
    const bytes = encodeResult(result);
    if (bytes.length > MAX_RESULT_BYTES) {
      throw new ShardResultError(
        `${name}: the result takes ${bytes.length} bytes gzipped, more than a ConfigMap carries (${MAX_RESULT_BYTES}) — fewer hosts or a shorter run`,
      );
    }
    await writer.write({
      index,
      state: 'done',
      readyAt,
      ...(node ? { node } : {}),
      ...(noticeDelayMs === undefined ? {} : { noticeDelayMs }),
      result: bytes,
    });
    log(`${name}: done, ${result.summary.requests} requests${result.aborted ? ' (aborted)' : ''}`);
    return { index, result, noticeDelayMs };
  } catch (error) {
    await prepared?.close();
    const kind = (error as { kind?: unknown })?.kind === 'bad-input' ? 'bad-input' : 'infrastructure';
    await writer
      .write({
        index,
        state: 'failed',
        error: (error as Error)?.message ?? String(error),
        errorKind: kind,
        ...(node ? { node } : {}),
      })
      .catch((writeError: unknown) => log(`${name}: could not report the failure: ${(writeError as Error).message}`));
    throw error;
  }
}

function envIndex(value: string | undefined): number {
  const index = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(index) || index < 0) {
    throw new ShardEnvironmentError(
      `JOB_COMPLETION_INDEX: must be the shard's index (an Indexed Job's pod has it), got ${JSON.stringify(value)} — pass the index option outside a Job`,
    );
  }
  return index;
}

async function podNamespace(): Promise<string> {
  try {
    return (await readFile(SERVICE_ACCOUNT_NAMESPACE, 'utf8')).trim();
  } catch (error) {
    throw new ShardEnvironmentError(
      `cannot read the pod's namespace from ${SERVICE_ACCOUNT_NAMESPACE} (${(error as Error).message}) — pass the namespace option outside a pod`,
      { cause: error },
    );
  }
}

function inCluster(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster();
  return kubeConfig;
}
