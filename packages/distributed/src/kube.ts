import {
  BatchV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  type KubeConfig,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { abortable, describeError, kubeStatusCode } from '@prload/probe/internal';
import { DistributedKubeApiError } from './errors.js';

/** The typed API clients a run uses. */
export interface KubeApis {
  readonly kubeConfig: KubeConfig;
  readonly core: CoreV1Api;
  readonly batch: BatchV1Api;
  readonly rbac: RbacAuthorizationV1Api;
}

export function kubeApis(kubeConfig: KubeConfig): KubeApis {
  return {
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    batch: kubeConfig.makeApiClient(BatchV1Api),
    rbac: kubeConfig.makeApiClient(RbacAuthorizationV1Api),
  };
}

/** Per-request options: the signal ends the request (client-node takes no AbortSignal of its own). */
export function requestOptions(signal: AbortSignal): Promise<ConfigurationOptions> {
  return abortable(signal);
}

/** Per-request options for a JSON merge patch. */
export async function mergePatchOptions(signal: AbortSignal): Promise<ConfigurationOptions> {
  return setHeaderOptions('Content-Type', PatchStrategy.MergePatch, await abortable(signal));
}

/**
 * Runs one API call; a failure becomes a DistributedKubeApiError saying what was being done, the API's
 * answer and, for 401/403, that RBAC is the likely fix. An aborted call rethrows the signal's reason.
 */
export async function kubeCall<T>(what: string, signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw kubeApiError(what, error);
  }
}

export function kubeApiError(what: string, error: unknown): DistributedKubeApiError {
  if (error instanceof DistributedKubeApiError) return error;
  const status = kubeStatusCode(error);
  const hint =
    status === 401 || status === 403
      ? " — check the kubeconfig identity's RBAC (@prload/distributed's README lists what a run needs)"
      : '';
  // probe's watch loop wraps the API's answer in a message of its own: describe the answer itself.
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  const answer = code === 'PROBE_KUBE_API' && cause !== undefined ? cause : error;
  return new DistributedKubeApiError(`${what}: ${describeError(answer)}${hint}`, status, { cause: error });
}

/** True for a 404 (already gone) answer, raw or wrapped by kubeCall. */
export function isNotFound(error: unknown): boolean {
  return kubeStatusCode(error) === 404;
}

/** True for a 409 (already exists) answer, raw or wrapped by kubeCall. */
export function isConflict(error: unknown): boolean {
  return kubeStatusCode(error) === 409;
}
