import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Kubernetes version scripts/k8s-test-env.sh builds by default; its cache directory is named after it. */
export const KWOK_KUBE_VERSION = 'v1.36.4';
/** The etcd kubeadm 1.36 pairs with (cmd/kubeadm/app/constants DefaultEtcdVersion). */
export const KWOK_ETCD_VERSION = 'v3.6.8';

/** Every binary the provider runs from `binDir`, as scripts/k8s-test-env.sh lays them out. */
export const KWOK_BINARIES = [
  'kwokctl',
  'kwok',
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
] as const;

/**
 * Where the binaries are when the caller does not say: `$PRLOAD_K8S_BIN_DIR`, else the build script's cache
 * `~/.cache/prload/k8s/<version>/bin` (under `$PRLOAD_CACHE_DIR` when set).
 */
export function defaultKwokBinDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const fromEnv = env['PRLOAD_K8S_BIN_DIR'];
  if (fromEnv) return fromEnv;
  const cache = env['PRLOAD_CACHE_DIR'] ?? join(home, '.cache', 'prload');
  return join(cache, 'k8s', KWOK_KUBE_VERSION, 'bin');
}
