import { type ClusterOptions, defaultKwokBinDir, type HostPorts } from '@prload/cluster';
import type { Config } from '../config/schema.js';

/** The host ports kind maps onto the control plane's 80 and 443. */
export function hostPortsOf(config: Config): HostPorts {
  return { http: config.cluster.ingressPort ?? 80, https: 443 };
}

/**
 * The cluster a run provisions, from the config. A run and `--dry-run` both build it here, so the plan
 * records the commands and the kind config the run uses.
 */
export function clusterOptionsOf(
  config: Config,
  run: { readonly runId: string; readonly env: Readonly<Record<string, string | undefined>> },
): ClusterOptions {
  const { cluster } = config;
  switch (cluster.provider) {
    case 'kind':
      return {
        provider: 'kind',
        name: cluster.name,
        workers: cluster.workers,
        hostPorts: hostPortsOf(config),
        reuse: cluster.reuse,
        keep: cluster.keep,
        preloadImages: cluster.preloadImages,
        ...(cluster.nodeImage ? { nodeImage: cluster.nodeImage } : {}),
      };
    case 'kwok':
      return {
        provider: 'kwok',
        name: cluster.name,
        workers: cluster.workers,
        keep: cluster.keep,
        binDir: defaultKwokBinDir(run.env),
      };
    case 'existing':
      return {
        provider: 'existing',
        kubeconfigPath: cluster.kubeconfig!,
        ...(cluster.context ? { context: cluster.context } : {}),
        runId: run.runId,
        keep: cluster.keep,
      };
    case 'local':
      throw new Error('provider local has no Kubernetes cluster to provision');
  }
}
