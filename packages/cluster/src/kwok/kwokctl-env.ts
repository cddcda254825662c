import { join } from 'node:path';

export interface KwokctlEnvOptions {
  /** Directory holding kwok, etcd, kube-apiserver, kube-controller-manager and kube-scheduler. */
  readonly binDir: string;
  /** Kubernetes version of the binaries, e.g. `v1.36.4`; kwokctl derives component flags from it. */
  readonly kubeVersion: string;
  /** etcd version of the binary, e.g. `3.6.8`. */
  readonly etcdVersion: string;
  /** kubectl binary, so kwokctl never tries to download one. @default not set */
  readonly kubectlPath?: string;
  /** kwokctl's state directory (clusters, logs, pki). @default kwokctl's own, `~/.kwok` */
  readonly workdir?: string;
}

/**
 * The environment that points kwokctl's binary runtime at locally built binaries instead of its release
 * downloads. The names are kwokctl's `KWOK_*` overrides (sigs.k8s.io/kwok pkg/config/vars.go).
 */
export function kwokctlEnv(options: KwokctlEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    KWOK_RUNTIME: 'binary',
    KWOK_KUBE_VERSION: options.kubeVersion,
    KWOK_KUBE_BINARY_PREFIX: options.binDir,
    KWOK_ETCD_VERSION: options.etcdVersion.replace(/^v/, ''),
    KWOK_ETCD_BINARY: join(options.binDir, 'etcd'),
    KWOK_CONTROLLER_BINARY: join(options.binDir, 'kwok'),
  };
  if (options.kubectlPath) env['KWOK_KUBECTL_BINARY'] = options.kubectlPath;
  if (options.workdir) env['KWOK_WORKDIR'] = options.workdir;
  return env;
}
