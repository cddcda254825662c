import type { ProviderName } from '@prload/cluster';
import { type DistributedLoadOptions, type PortableLoadOptions, runDistributedLoad } from '@prload/distributed';
import type { LoadOptions, LoadResult } from '@prload/loadgen';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';

/** Providers whose pods run and reach the apps: the shards are pods. */
const SHARD_PROVIDERS: readonly ProviderName[] = ['kind', 'existing'];

/** Whether the load is sent from pods of a Job (any shard count, one included) rather than from this process. */
export const isDistributed = (config: Config): boolean => config.load.distributed.shards !== undefined;

/**
 * What sharding cannot be combined with, said before anything is created. `command` is `run` or `load`: a run
 * shards inside its own cluster, `prload load` inside the one its kubeconfig names.
 */
export function checkDistributed(config: Config, command: 'run' | 'load'): void {
  const problems: string[] = [];
  if (command === 'run' && config.load.distributed.namespace !== undefined) {
    problems.push(
      "load.distributed.namespace: prload run puts the shards in the run's own namespace; the key is for prload load",
    );
  }
  if (!isDistributed(config)) {
    if (problems.length > 0) throw new ConfigError(problems);
    return;
  }
  const shards = `load.distributed.shards (--shards ${config.load.distributed.shards})`;
  if (command === 'run' && !SHARD_PROVIDERS.includes(config.cluster.provider)) {
    problems.push(
      `${shards}: the shards are pods, so the provider must be kind or existing, got ${config.cluster.provider}${config.cluster.provider === 'kwok' ? ' (its pods are simulated)' : ''}`,
    );
  }
  if (command === 'run' && config.ingress.controller === 'none' && config.load.distributed.target === undefined) {
    problems.push(
      `${shards}: without an ingress controller, say where the shards send with load.distributed.target (--shard-target)`,
    );
  }
  if (command === 'load') {
    if (config.cluster.kubeconfig === undefined)
      problems.push(`${shards}: prload load needs --kubeconfig, the cluster the shards run in`);
    if (config.load.distributed.namespace === undefined)
      problems.push(`${shards}: prload load needs --namespace, where the shards' Job runs`);
  }
  if (config.load.threads > 1) {
    problems.push(`load.threads (--threads): each shard is one process; use more shards instead of threads`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/** What of loadgen's options crosses into a pod: the shards report progress through their status, not a callback. */
export function portableLoadOptions(options: LoadOptions): PortableLoadOptions {
  const { signal: _signal, onProgress: _progress, dispatcherFactory: _factory, clock: _clock, ...load } = options;
  return load;
}

/** One load test from the config's shards: loadgen's options, each shard sending its slice from inside the cluster. */
export async function runShardedLoad(
  config: Config,
  run: {
    readonly kubeConfig: DistributedLoadOptions['kubeConfig'];
    readonly namespace: string;
    readonly runId: string;
    readonly options: LoadOptions;
    readonly signal: AbortSignal;
    readonly log: (line: string) => void;
  },
): Promise<LoadResult> {
  const { distributed } = config.load;
  const load = portableLoadOptions(run.options);
  const outcome = await runDistributedLoad({
    kubeConfig: run.kubeConfig,
    namespace: run.namespace,
    runId: run.runId,
    shards: distributed.shards ?? 1,
    load,
    ...(distributed.image ? { image: distributed.image } : {}),
    ...(distributed.nodeSelector ? { nodeSelector: distributed.nodeSelector } : {}),
    ...(distributed.tolerations ? { tolerations: distributed.tolerations } : {}),
    startMarginMs: distributed.startMargin,
    readyTimeoutMs: distributed.readyTimeout,
    signal: run.signal,
    log: run.log,
  });
  for (const shard of outcome.shards) {
    run.log(
      `  shard ${shard.index} on ${shard.node ?? 'an unknown node'}: ${outcome.result.shards?.find((s) => s.index === shard.index)?.requests ?? 0} requests`,
    );
  }
  for (const leftover of outcome.leftovers) run.log(`prload: shards: not deleted: ${leftover}`);
  return outcome.result;
}
