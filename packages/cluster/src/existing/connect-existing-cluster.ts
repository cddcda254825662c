import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Cluster } from '../cluster.js';
import { createExecutor, type Executor } from '../exec.js';
import { lastLine } from '../exec-errors.js';
import { ExistingClusterError, ExistingKubeconfigError } from './errors.js';
import { runNamespace } from './run-namespace.js';

export interface ExistingClusterOptions {
  /** kubeconfig of the real cluster; prload only reads it. */
  readonly kubeconfigPath: string;
  /** Context to use. @default the file's current-context */
  readonly context?: string;
  /** Names the run's namespace `prload-<runId>`: lowercase letters, digits and '-'. */
  readonly runId: string;
  /** Where the cluster's ingress controller answers; requests carry each app's Host header. @default 'http://127.0.0.1:80' */
  readonly ingressUrl?: string;
  /** Runs kubectl; pass a recording executor for `--dry-run`. @default createExecutor() */
  readonly executor?: Executor;
  /** The kubectl binary (see resolveTool). @default 'kubectl' */
  readonly kubectlPath?: string;
  /** Leave the namespace and its apps after destroy(). @default false */
  readonly keep?: boolean;
  /** How long destroy() waits for the namespace to be gone. @default 300 */
  readonly deleteTimeoutSeconds?: number;
  readonly signal?: AbortSignal;
}

export interface ExistingCluster extends Cluster {
  readonly provider: 'existing';
  readonly kubeconfigPath: string;
}

/**
 * Uses a cluster someone else runs: prload creates the run's own namespace
 * `prload-<runId>` (labelled as prload's) and deletes it, with everything in
 * it, on destroy(). Nothing outside that namespace is changed by this provider.
 */
export async function connectExistingCluster(options: ExistingClusterOptions): Promise<ExistingCluster> {
  const namespace = runNamespace(options.runId);
  await checkKubeconfig(options.kubeconfigPath);
  const executor = options.executor ?? createExecutor();
  const kubectl = options.kubectlPath ?? 'kubectl';
  const scope = ['--kubeconfig', options.kubeconfigPath, ...(options.context ? ['--context', options.context] : [])];
  const run = (args: string[], signal: AbortSignal | undefined = options.signal) =>
    executor.run(kubectl, [...scope, ...args], { signal });
  /** `undefined` would pick the run's signal; teardown must not be cancellable. */
  const noSignal = new AbortController().signal;

  const versions: Record<string, string> = {};
  const version = await run(['version', '-o', 'json']);
  if (version.exitCode !== 0) {
    throw new ExistingClusterError(
      `kubectl version against ${options.context ?? 'the current context'}: ${lastLine(version.stderr)} — check the kubeconfig, the context and that the cluster is reachable`,
      version.stderr,
    );
  }
  try {
    const server = (JSON.parse(version.stdout) as { serverVersion?: { gitVersion?: string } }).serverVersion
      ?.gitVersion;
    if (server) versions['kubernetes'] = server;
  } catch {
    // A dry run records the command without output; the report then lacks the server version.
  }

  const created = await run(['create', 'namespace', namespace]);
  if (created.exitCode !== 0) {
    throw new ExistingClusterError(
      `kubectl create namespace ${namespace}: ${lastLine(created.stderr)} — pick another runId or delete the namespace`,
      created.stderr,
    );
  }
  const labelled = await run([
    'label',
    'namespace',
    namespace,
    'app.kubernetes.io/managed-by=prload',
    `prload.dev/run-id=${options.runId}`,
  ]);
  if (labelled.exitCode !== 0) {
    await run(['delete', 'namespace', namespace, '--ignore-not-found', '--wait=false'], noSignal).catch(
      () => undefined,
    );
    throw new ExistingClusterError(
      `kubectl label namespace ${namespace}: ${lastLine(labelled.stderr)} — check RBAC on namespaces`,
      labelled.stderr,
    );
  }

  let destroying: Promise<void> | undefined;
  return {
    provider: 'existing',
    name: options.context ?? 'current-context',
    ingressUrl: options.ingressUrl ?? 'http://127.0.0.1:80',
    kubeconfigPath: options.kubeconfigPath,
    ...(options.context ? { context: options.context } : {}),
    namespace,
    carriesTraffic: true,
    versions,
    destroy() {
      if (options.keep) return Promise.resolve();
      destroying ??= (async () => {
        const timeout = `${options.deleteTimeoutSeconds ?? 300}s`;
        const deleted = await run(
          ['delete', 'namespace', namespace, '--ignore-not-found', '--wait=true', `--timeout=${timeout}`],
          noSignal,
        );
        if (deleted.exitCode !== 0) {
          throw new ExistingClusterError(
            `kubectl delete namespace ${namespace}: ${lastLine(deleted.stderr)} — delete it by hand`,
            deleted.stderr,
          );
        }
      })().catch((error: unknown) => {
        destroying = undefined;
        throw error;
      });
      return destroying;
    },
  };
}

/** Refuses a kubeconfig that cannot be read, naming it (ExistingKubeconfigError, bad input). */
export async function checkKubeconfig(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (cause) {
    throw new ExistingKubeconfigError(
      `kubeconfig ${path}: cannot read it (${(cause as NodeJS.ErrnoException).code ?? 'error'}) — pass the path of the cluster's kubeconfig`,
      { cause },
    );
  }
}
