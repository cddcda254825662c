import type { Cluster } from '@prload/cluster';
import type { LoadResult } from '@prload/loadgen';
import { type ResourceSampler, startResourceSampler } from '@prload/resources';
import { formatDuration } from '../config/duration.js';
import type { Config } from '../config/schema.js';
import type { Driver } from './driver.js';

/**
 * Starts sampling the apps', the ingress controller's and the generator's resource usage, and waits
 * for the baseline. A source that cannot be set up is reported once and the run goes on without it:
 * resource figures are context, never a reason to lose the latency figures.
 */
export async function startSampling(
  config: Config,
  driver: Driver,
  cluster: Cluster,
  context: { readonly log: (line: string) => void; readonly signal: AbortSignal },
): Promise<ResourceSampler | undefined> {
  const settings = config.load.resources;
  if (!settings.enabled || !driver.resources) return undefined;
  let targets: Awaited<ReturnType<NonNullable<Driver['resources']>>>;
  try {
    targets = await driver.resources(cluster, context.signal);
  } catch (error) {
    if (context.signal.aborted) throw error;
    context.log(`resource usage unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const sampler = startResourceSampler({
    source: targets.source,
    workloads: targets.workloads,
    intervalMs: settings.interval,
    log: context.log,
  });
  context.log(
    `  sampling ${targets.source.name} resource usage of ${targets.workloads.map((w) => w.name).join(', ')} every ${formatDuration(settings.interval)}`,
  );
  // Failed reads never add up to a baseline: give up on it after a deadline, and load anyway.
  const deadline = AbortSignal.timeout(settings.baseline + 5 * settings.interval + 5_000);
  await sampler.baseline(settings.baseline, AbortSignal.any([context.signal, deadline])).catch((error: unknown) => {
    if (context.signal.aborted) throw error;
  });
  return sampler;
}

/** Requests sent to each host during the measured load, for requests per CPU-second. */
export function requestsByHost(result: LoadResult | undefined): Record<string, number> | undefined {
  if (!result) return undefined;
  return Object.fromEntries(Object.entries(result.hosts).map(([host, stats]) => [host, stats.requests]));
}
