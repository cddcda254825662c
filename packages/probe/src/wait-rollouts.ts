import type { KubeConfig } from '@kubernetes/client-node';
import { formatSeconds } from './format-seconds.js';
import { type DeploymentReadiness, waitForDeployments } from './wait-deployments.js';

/** Deployments in one namespace. */
export interface RolloutTarget {
  readonly namespace: string;
  readonly names: readonly string[];
}

export interface WaitForRolloutsOptions {
  readonly kubeConfig: KubeConfig;
  /**
   * What to wait for, by namespace: e.g. the apps in the cluster's namespace and the ingress controller's
   * Deployment in its own.
   */
  readonly targets: readonly RolloutTarget[];
  /**
   * Deadline of each namespace's wait, in milliseconds; they run at the same time.
   * @default 300_000
   */
  readonly timeoutMs?: number;
  /** @default undefined */
  readonly signal?: AbortSignal;
  /**
   * One line per Deployment once all are rolled out: `foo rolled out after 4.2s`.
   * @default no output
   */
  readonly log?: (line: string) => void;
}

/**
 * A pipeline's readiness stage: waits for the Deployments of every target at once (watches, see
 * waitForDeployments) and resolves with how long each took. The first failure (ReadinessTimeoutError,
 * RolloutFailedError, with its diagnostics) rejects and cancels the other waits.
 */
export async function waitForRollouts(options: WaitForRolloutsOptions): Promise<DeploymentReadiness[]> {
  const siblings = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, siblings.signal]) : siblings.signal;
  const waits = options.targets.map((target) =>
    waitForDeployments({
      kubeConfig: options.kubeConfig,
      namespace: target.namespace,
      names: target.names,
      signal,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    }).catch((error: unknown) => {
      siblings.abort(error);
      throw error;
    }),
  );
  const readiness = (await Promise.all(waits)).flat();
  for (const { name, durationMs } of readiness) options.log?.(`${name} rolled out after ${formatSeconds(durationMs)}`);
  return readiness;
}
