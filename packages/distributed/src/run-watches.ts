import type { KubernetesObject, V1ConfigMap, V1Job, V1Pod } from '@kubernetes/client-node';
import { type ObjectList, type WatchUntilOptions, watchUntil } from '@prload/probe/internal';
import { type KubeApis, kubeApiError, requestOptions } from './kube.js';
import { type RunNames, runSelector } from './names.js';
import type { RunSnapshot } from './run-state.js';

/** The coordinator's view of a run, kept current by three list-and-watch loops (Job, pods, status ConfigMaps). */
export interface RunWatch {
  snapshot(): RunSnapshot;
  /**
   * Resolves with the first value `judge` gives for the current snapshot or a later one. Rejects with the
   * signal's reason when it aborts, or with the error of a watch that cannot go on (403, 404).
   */
  until<R>(judge: (snapshot: RunSnapshot) => R | undefined, signal: AbortSignal): Promise<R>;
  /** Ends the watches. */
  stop(): void;
}

/**
 * Starts the watches. Each is probe's watchUntil: listed, then watched from the list's resourceVersion,
 * re-opened when the server closes it, re-listed on 410 Gone, retried with backoff on errors.
 */
export function watchRun(apis: KubeApis, namespace: string, names: RunNames): RunWatch {
  const stopper = new AbortController();
  let job: V1Job | undefined;
  let pods: readonly V1Pod[] = [];
  let statuses: readonly V1ConfigMap[] = [];
  let failure: unknown;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const ns = encodeURIComponent(namespace);
  const { core, batch } = apis;

  const loop = <T extends KubernetesObject>(
    path: string,
    selector: Pick<WatchUntilOptions<T, never>, 'labelSelector' | 'fieldSelector'>,
    list: (signal: AbortSignal) => Promise<ObjectList<T>>,
    store: (objects: readonly T[]) => void,
  ) => {
    watchUntil<T, never>({
      kubeConfig: apis.kubeConfig,
      path,
      ...selector,
      list,
      signal: stopper.signal,
      evaluate: (objects) => {
        store([...objects.values()]);
        changed();
        return undefined;
      },
    }).catch((error: unknown) => {
      if (stopper.signal.aborted) return;
      failure = kubeApiError(`watching ${path}`, error);
      changed();
    });
  };

  const labelSelector = runSelector(names.runId, 'shard');
  loop<V1Job>(
    `/apis/batch/v1/namespaces/${ns}/jobs`,
    { fieldSelector: `metadata.name=${names.job}` },
    async (signal) =>
      batch.listNamespacedJob({ namespace, fieldSelector: `metadata.name=${names.job}` }, await requestOptions(signal)),
    (objects) => {
      job = objects[0];
    },
  );
  loop<V1Pod>(
    `/api/v1/namespaces/${ns}/pods`,
    { labelSelector },
    async (signal) => core.listNamespacedPod({ namespace, labelSelector }, await requestOptions(signal)),
    (objects) => {
      pods = objects;
    },
  );
  const statusSelector = runSelector(names.runId, 'status');
  loop<V1ConfigMap>(
    `/api/v1/namespaces/${ns}/configmaps`,
    { labelSelector: statusSelector },
    async (signal) =>
      core.listNamespacedConfigMap({ namespace, labelSelector: statusSelector }, await requestOptions(signal)),
    (objects) => {
      statuses = objects;
    },
  );

  const snapshot = (): RunSnapshot => ({ job, pods, statuses });
  return {
    snapshot,
    until<R>(judge: (snapshot: RunSnapshot) => R | undefined, signal: AbortSignal): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        const finish = (settle: () => void) => {
          listeners.delete(check);
          signal.removeEventListener('abort', onAbort);
          settle();
        };
        const onAbort = () => finish(() => reject(signal.reason));
        function check() {
          if (failure !== undefined) return finish(() => reject(failure));
          let value: R | undefined;
          try {
            value = judge(snapshot());
          } catch (error) {
            return finish(() => reject(error));
          }
          if (value !== undefined) finish(() => resolve(value));
        }
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        listeners.add(check);
        check();
      });
    },
    stop() {
      stopper.abort();
      listeners.clear();
    },
  };
}
