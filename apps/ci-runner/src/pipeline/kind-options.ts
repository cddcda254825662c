import type { HostPorts, KindClusterOptions } from '@prload/cluster';
import type { Config } from '../config/schema.js';

/** The host ports kind maps onto the control plane's 80 and 443. */
export function hostPortsOf(config: Config): HostPorts {
  return { http: config.cluster.ingressPort ?? 80, https: 443 };
}

/**
 * The kind cluster a run creates, from the config and what the Docker host needs. A run and
 * `--dry-run` both build it here, so the plan shows the config the run writes.
 */
export function kindOptionsOf(
  config: Config,
  host: { readonly cgroupV1: boolean },
): Pick<
  KindClusterOptions,
  'name' | 'workers' | 'hostPorts' | 'reuse' | 'keep' | 'preloadImages' | 'nodeImage' | 'cgroupV1'
> {
  return {
    name: config.cluster.name,
    workers: config.cluster.workers,
    hostPorts: hostPortsOf(config),
    reuse: config.cluster.reuse,
    keep: config.cluster.keep,
    preloadImages: config.cluster.preloadImages,
    ...(config.cluster.nodeImage ? { nodeImage: config.cluster.nodeImage } : {}),
    cgroupV1: host.cgroupV1,
  };
}
