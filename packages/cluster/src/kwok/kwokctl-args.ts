/** Extra command-line flags for one control-plane component, e.g. `{ 'kube-apiserver': { 'min-request-timeout': '5' } }`. */
export type ComponentArgs = Readonly<Partial<Record<string, Readonly<Record<string, string>>>>>;

export interface CreateClusterArgs {
  readonly name: string;
  /** The run's own kubeconfig file: kwokctl writes the cluster's context there, never into `~/.kube/config`. */
  readonly kubeconfigPath: string;
  /** How long kwokctl waits for the control plane, in seconds. */
  readonly waitSeconds: number;
  readonly extraArgs?: ComponentArgs;
  /** Lift the components' client QPS limits, so large runs are not throttled by client-side rate limiting. */
  readonly disableQpsLimits?: boolean;
  /** kwok CRDs to serve (`--enable-crds`). */
  readonly enableCrds?: readonly string[];
}

/** `kwokctl create cluster` argv. Components default to etcd, apiserver, controller-manager, scheduler and kwok. */
export function createClusterArgs(options: CreateClusterArgs): string[] {
  const args = [
    'create',
    'cluster',
    '--name',
    options.name,
    '--kubeconfig',
    options.kubeconfigPath,
    '--wait',
    `${options.waitSeconds}s`,
    '--quiet-pull',
  ];
  if (options.disableQpsLimits) args.push('--disable-qps-limits');
  if (options.enableCrds && options.enableCrds.length > 0) args.push(`--enable-crds=${options.enableCrds.join(',')}`);
  for (const [component, flags] of Object.entries(options.extraArgs ?? {})) {
    for (const [key, value] of Object.entries(flags ?? {})) args.push('--extra-args', `${component}=${key}=${value}`);
  }
  return args;
}

/** `kwokctl scale node` argv: kwok's default node template, so the nodes are Ready and accept pods. */
export function scaleNodesArgs(name: string, replicas: number): string[] {
  return ['scale', 'node', '--replicas', String(replicas), '--name', name];
}

export function getKubeconfigArgs(name: string): string[] {
  return ['get', 'kubeconfig', '--name', name];
}

export function deleteClusterArgs(name: string, kubeconfigPath: string): string[] {
  return ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfigPath];
}

/** Node objects appear before kwok marks them Ready; pods created in between would wait on the not-ready taint. */
export function waitNodesReadyArgs(kubeconfigPath: string, waitSeconds: number): string[] {
  return [
    '--kubeconfig',
    kubeconfigPath,
    'wait',
    '--for=condition=Ready',
    'nodes',
    '--all',
    `--timeout=${waitSeconds}s`,
  ];
}
