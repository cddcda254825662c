import { setTimeout as wait } from 'node:timers/promises';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { backoffDelay } from '@prload/probe';
import { kubeStatusCode, watchUntil } from '@prload/probe/internal';
import type { KubeApis } from './kube.js';
import { kubeApiError, requestOptions } from './kube.js';
import { readStartNotice, type StartNotice } from './run-spec.js';

/**
 * Watches the run's spec ConfigMap until `judge` gives a value. Listed and watched with the field
 * selector `metadata.name=<spec>`, the one way the shards' Role (resourceNames: the spec) allows either.
 * Rejects with the signal's reason on abort, with DistributedKubeApiError when the API refuses (403…).
 */
export async function watchSpec<R>(
  apis: KubeApis,
  namespace: string,
  spec: string,
  judge: (configMap: V1ConfigMap | undefined) => R | undefined,
  signal: AbortSignal,
): Promise<R> {
  const fieldSelector = `metadata.name=${spec}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
  try {
    return await watchUntil<V1ConfigMap, R>({
      kubeConfig: apis.kubeConfig,
      path,
      fieldSelector,
      list: async (s) => apis.core.listNamespacedConfigMap({ namespace, fieldSelector }, await requestOptions(s)),
      signal,
      evaluate: (objects) => judge([...objects.values()][0]),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw kubeApiError(`watching ConfigMap ${namespace}/${spec}`, error);
  }
}

/**
 * The spec ConfigMap, waiting for it to exist. A 403 is retried with backoff until the signal ends the wait:
 * the authorizer learns of the run's new RoleBinding from a watch of its own, so a shard that starts at once
 * can be refused for a moment.
 */
export async function readSpec(
  apis: KubeApis,
  namespace: string,
  spec: string,
  signal: AbortSignal,
): Promise<V1ConfigMap> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await watchSpec(apis, namespace, spec, (cm) => cm, signal);
    } catch (error) {
      if (signal.aborted || kubeStatusCode(error) !== 403) throw error;
      await wait(backoffDelay(Math.min(attempt, 10)), undefined, { signal }).catch(() => {
        throw error;
      });
    }
  }
}

/** The notice once it says start or abort. */
export function decided(cm: Parameters<typeof readStartNotice>[0] | undefined): StartNotice | undefined {
  if (!cm) return undefined;
  const notice = readStartNotice(cm);
  return notice.abort || notice.startAt !== undefined ? notice : undefined;
}
