import type { KubeConfig, V1Deployment } from '@kubernetes/client-node';
import { isDeploymentRolledOut, type RolloutStatus } from './deployment-rollout.js';
import { collectDiagnostics } from './diagnostics.js';
import { ProbeOptionsError, ReadinessTimeoutError, RolloutFailedError } from './errors.js';
import { formatSeconds } from './format-seconds.js';
import { abortable, kubeClients } from './kube-client.js';
import { withDeadline } from './readiness-deadline.js';
import { type WatchTransition, watchUntil } from './watch-resource.js';

export interface WaitForDeploymentsOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /**
   * Deployments to wait for; one that does not exist yet is waited for too.
   * @default every Deployment matching `labelSelector` (or in the namespace); at least one must exist
   */
  readonly names?: readonly string[];
  /**
   * Label selector for the list and watch, e.g. `app.kubernetes.io/instance=demo`.
   * @default undefined (the whole namespace)
   */
  readonly labelSelector?: string;
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * Overall deadline, in milliseconds.
   * @default 300_000
   */
  readonly timeoutMs?: number;
  /**
   * Server-side lifetime of each watch request, in seconds, before it is re-opened.
   * @default 60
   */
  readonly watchTimeoutSeconds?: number;
  /**
   * Called with every Deployment's status whenever one changes.
   * @default undefined
   */
  readonly onProgress?: (statuses: readonly DeploymentProgress[]) => void;
  /** @default undefined */
  readonly onTransition?: (transition: WatchTransition) => void;
}

export interface DeploymentProgress extends RolloutStatus {
  readonly name: string;
}

export interface DeploymentReadiness {
  readonly name: string;
  /** From the start of the wait until the Deployment was seen rolled out. */
  readonly durationMs: number;
}

type Verdict =
  | { readonly kind: 'ready'; readonly results: DeploymentReadiness[] }
  | { readonly kind: 'failed'; readonly name: string; readonly reason: string };

/**
 * Waits until every selected Deployment is rolled out (`kubectl rollout status` semantics),
 * driven by a watch: no polling. Resolves with how long each one took.
 */
export async function waitForDeployments(options: WaitForDeploymentsOptions): Promise<DeploymentReadiness[]> {
  const { namespace, names, labelSelector } = options;
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!namespace) throw new ProbeOptionsError('waitForDeployments namespace: must be a non-empty string');
  if (names?.length === 0) throw new ProbeOptionsError('waitForDeployments names: pass at least one name or omit it');
  const started = performance.now();
  const readyAt = new Map<string, number>();
  let latest: DeploymentProgress[] = [];
  const what = names ? `deployments ${names.join(', ')}` : `deployments${labelSelector ? ` (${labelSelector})` : ''}`;

  const evaluate = (objects: ReadonlyMap<string, V1Deployment>): Verdict | undefined => {
    const byName = new Map([...objects.values()].map((d) => [d.metadata?.name ?? '', d]));
    const wanted = names ?? [...byName.keys()].sort();
    latest = wanted.map((name) => {
      const dep = byName.get(name);
      const status = dep
        ? isDeploymentRolledOut(dep)
        : { done: false, failed: false, reason: `deployment ${name}: not found` };
      return { name, ...status };
    });
    if (wanted.length === 0) {
      latest = [{ name: '*', done: false, failed: false, reason: `no deployments in ${namespace} match yet` }];
    }
    options.onProgress?.(latest);
    const now = performance.now();
    for (const s of latest) {
      if (!s.done) readyAt.delete(s.name);
      else if (!readyAt.has(s.name)) readyAt.set(s.name, now - started);
    }
    const failed = latest.find((s) => s.failed);
    if (failed) return { kind: 'failed', name: failed.name, reason: failed.reason };
    if (wanted.length === 0 || !latest.every((s) => s.done)) return undefined;
    return { kind: 'ready', results: wanted.map((name) => ({ name, durationMs: readyAt.get(name) ?? now - started })) };
  };

  const diagnose = () =>
    collectDiagnostics({ kubeConfig: options.kubeConfig, namespace, deployments: names, signal: options.signal });

  const verdict = await withDeadline(
    { signal: options.signal, timeoutMs, what },
    async (signal) => {
      const { apps } = await kubeClients(options.kubeConfig);
      return watchUntil<V1Deployment, Verdict>({
        kubeConfig: options.kubeConfig,
        path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments`,
        labelSelector,
        list: async (s) => apps.listNamespacedDeployment({ namespace, labelSelector }, await abortable(s)),
        signal,
        evaluate,
        watchTimeoutSeconds: options.watchTimeoutSeconds,
        onTransition: options.onTransition,
      });
    },
    async () => {
      const pending = latest.filter((s) => !s.done).map((s) => s.reason);
      const message =
        `readiness: ${what} in namespace ${namespace} not rolled out within ${formatSeconds(timeoutMs)}` +
        ` (${pending.join('; ') || 'no answer from the API server'}) — see the error's diagnostics`;
      return new ReadinessTimeoutError(message, await diagnose());
    },
  );
  if (verdict.kind === 'failed') {
    throw new RolloutFailedError(
      `readiness: ${verdict.reason} — fix the pods (see the error's diagnostics) and redeploy`,
      await diagnose(),
    );
  }
  return verdict.results;
}
