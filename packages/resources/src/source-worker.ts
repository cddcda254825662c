import { parentPort, workerData } from 'node:worker_threads';
import { ResourcesError } from './errors.js';
import type { LocalProcess } from './process-source.js';
import type { ResourceSource } from './resource-source.js';

/** What the main thread asks for: a KubeConfig does not cross threads, its exported text does. */
export type SourceWorkerData =
  | {
      readonly kind: 'kubernetes';
      readonly kubeConfig: string;
      readonly workloads: readonly import('./kubernetes/workload-pods.js').KubeWorkloadSelector[];
    }
  | { readonly kind: 'process' };

export type SourceWorkerRequest =
  | { readonly type: 'read'; readonly id: number; readonly processes?: readonly LocalProcess[] }
  | { readonly type: 'close' };

export interface SerializedError {
  readonly message: string;
  readonly code?: string;
}

export type SourceWorkerReply =
  | { readonly type: 'ready'; readonly name: ResourceSource['name'] }
  | { readonly type: 'failed'; readonly error: SerializedError }
  | { readonly type: 'read'; readonly id: number; readonly reading?: unknown; readonly error?: SerializedError };

const serialize = (error: unknown): SerializedError => ({
  message: error instanceof Error ? error.message : String(error),
  ...(error instanceof ResourcesError ? { code: error.code } : {}),
});

async function createSource(
  data: SourceWorkerData,
  signal: AbortSignal,
  processes: { current: readonly LocalProcess[] },
) {
  if (data.kind === 'process') {
    const { processSource } = await import('./process-source.js');
    return processSource(() => processes.current, { thread: false });
  }
  const { loadKube } = await import('./kubernetes/kube-api.js');
  const { chooseKubernetesSource } = await import('./kubernetes/kubernetes-source.js');
  const { KubeConfig } = await loadKube();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(data.kubeConfig);
  return chooseKubernetesSource({ kubeConfig, workloads: data.workloads, signal });
}

// The worker's side of a threaded source. Measured here: a pod list costs client-node 7.8 ms of CPU in
// blocks of up to 25 ms, and pidusage at a 100 ms interval raised the generator's send-lag p99 6x
// (bench/resource-sampling.mjs); on this thread neither touches the load generator's event loop.
if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  const processes = { current: [] as readonly LocalProcess[] };
  try {
    const source = await createSource(workerData as SourceWorkerData, controller.signal, processes);
    port.on('message', (request: SourceWorkerRequest) => {
      if (request.type === 'close') {
        controller.abort();
        void source.close?.().finally(() => port.close());
        return;
      }
      if (request.processes) processes.current = request.processes;
      source.read(AbortSignal.any([controller.signal, AbortSignal.timeout(10_000)])).then(
        (reading) => port.postMessage({ type: 'read', id: request.id, reading } satisfies SourceWorkerReply),
        (error: unknown) =>
          port.postMessage({ type: 'read', id: request.id, error: serialize(error) } satisfies SourceWorkerReply),
      );
    });
    port.postMessage({ type: 'ready', name: source.name } satisfies SourceWorkerReply);
  } catch (error) {
    port.postMessage({ type: 'failed', error: serialize(error) } satisfies SourceWorkerReply);
  }
}
