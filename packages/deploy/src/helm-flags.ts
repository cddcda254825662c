import type { HelmMajor } from './helm-version.js';

/**
 * Flags that make `helm upgrade --install` wait for the release and undo it on failure.
 * helm 3: `--atomic --wait`. helm 4 renamed `--atomic` to `--rollback-on-failure`
 * and made `--wait` take a strategy; `watcher` waits with kstatus, i.e. on the
 * objects' own status conditions (per `helm upgrade --help` of helm v4.1.4).
 */
export function waitFlags(major: HelmMajor, timeoutSeconds: number): string[] {
  const timeout = ['--timeout', `${timeoutSeconds}s`];
  return major === 3 ? ['--atomic', '--wait', ...timeout] : ['--rollback-on-failure', '--wait=watcher', ...timeout];
}

/** `--kubeconfig` / `--kube-context` when set: helm then never reads ~/.kube/config. */
export function clusterFlags(kubeconfigPath: string | undefined, kubeContext: string | undefined): string[] {
  return [
    ...(kubeconfigPath ? ['--kubeconfig', kubeconfigPath] : []),
    ...(kubeContext ? ['--kube-context', kubeContext] : []),
  ];
}
