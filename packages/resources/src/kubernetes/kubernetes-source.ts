import type { KubeConfig } from '@kubernetes/client-node';
import { ResourceSourceUnavailableError } from '../errors.js';
import type { ResourceSource } from '../resource-source.js';
import { kubeletSource } from './kubelet-source.js';
import { metricsApiSource } from './metrics-api-source.js';
import type { KubeWorkloadSelector } from './workload-pods.js';

export interface KubernetesSourceOptions {
  readonly kubeConfig: KubeConfig;
  readonly workloads: readonly KubeWorkloadSelector[];
  readonly signal?: AbortSignal;
  /**
   * Read on a worker thread, off the caller's event loop: a pod list costs client-node several ms of
   * CPU in one block, which would show up as send lag in a load generator on the same loop. @default true
   */
  readonly thread?: boolean;
}

/**
 * The best source a cluster offers: the kubelets' resource metrics through the node proxy (every 1 s
 * if asked, no add-on needed), else metrics.k8s.io where `nodes/proxy` is forbidden (existing
 * clusters with tight RBAC). Each is tried with one read; any failure moves on to the next. When neither can be read, the source
 * returned fails every read with ResourceSourceUnavailableError naming both reasons, which the
 * sampler reports once and the run goes on.
 */
export async function kubernetesResourceSource(options: KubernetesSourceOptions): Promise<ResourceSource> {
  if (options.thread === false) return chooseKubernetesSource(options);
  const { threadedSource } = await import('../threaded-source.js');
  return threadedSource(
    { kind: 'kubernetes', kubeConfig: options.kubeConfig.exportConfig(), workloads: options.workloads },
    options.signal ? { signal: options.signal } : {},
  );
}

/** The choice itself, on the calling thread. */
export async function chooseKubernetesSource(options: KubernetesSourceOptions): Promise<ResourceSource> {
  const signal = options.signal ?? new AbortController().signal;
  const reasons: string[] = [];
  for (const create of [kubeletSource, metricsApiSource]) {
    const source = await create(options);
    try {
      await source.read(signal);
      return source;
    } catch (error) {
      await source.close?.();
      if (signal.aborted) throw error;
      reasons.push(`${source.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const reason = reasons.join('; and ');
  return {
    name: 'kubelet',
    read: () => Promise.reject(new ResourceSourceUnavailableError(reason)),
  };
}
