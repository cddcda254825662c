import type { KubeConfig } from '@kubernetes/client-node';
import { loadKube } from './kube-client.js';

/**
 * Reads a kubeconfig file, e.g. the one a cluster provider wrote for the run,
 * so callers need no direct dependency on @kubernetes/client-node.
 */
export async function loadKubeConfig(path: string, context?: string): Promise<KubeConfig> {
  const { KubeConfig: KubeConfigClass } = await loadKube();
  const kubeConfig = new KubeConfigClass();
  kubeConfig.loadFromFile(path);
  if (context !== undefined) kubeConfig.setCurrentContext(context);
  return kubeConfig;
}
