import { Worker } from 'node:worker_threads';
import { ResourceSourceUnavailableError, ResourcesError } from '../errors.js';
import type { ResourceSource, SourceReading } from '../resource-source.js';
import type { KubeWorkerData, KubeWorkerReply, KubeWorkerRequest, SerializedError } from './kube-worker.js';
import type { KubernetesSourceOptions } from './kubernetes-source.js';

function revive(error: SerializedError): Error {
  if (error.code === 'RESOURCES_UNAVAILABLE') return new ResourceSourceUnavailableError(error.message);
  const revived = new ResourcesError(error.message);
  return revived;
}

/**
 * `chooseKubernetesSource` on a worker thread: each read crosses to it and back as a small message, so
 * the load generator's event loop only sees the finished figures.
 */
export async function threadedKubernetesSource(options: KubernetesSourceOptions): Promise<ResourceSource> {
  const worker = new Worker(new URL('./kube-worker.js', import.meta.url), {
    workerData: {
      kubeConfig: options.kubeConfig.exportConfig(),
      workloads: options.workloads,
    } satisfies KubeWorkerData,
  });
  const pending = new Map<number, { resolve(r: SourceReading): void; reject(e: Error): void }>();
  let nextId = 0;
  let exited: Error | undefined;
  worker.on('error', (error) => {
    exited = error;
  });
  worker.on('exit', () => {
    exited ??= new ResourcesError('the resource sampler thread exited');
    for (const { reject } of pending.values()) reject(exited);
    pending.clear();
  });

  const name = await new Promise<ResourceSource['name']>((resolve, reject) => {
    const onAbort = () => reject(options.signal!.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: KubeWorkerReply) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (reply.type === 'ready') resolve(reply.name);
      else if (reply.type === 'failed') reject(revive(reply.error));
    });
    worker.once('exit', () => reject(exited));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  worker.on('message', (reply: KubeWorkerReply) => {
    if (reply.type !== 'read') return;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error) waiter?.reject(revive(reply.error));
    else waiter?.resolve(reply.reading as SourceReading);
  });

  return {
    name,
    read(signal) {
      if (exited) return Promise.reject(exited);
      const id = nextId++;
      return new Promise<SourceReading>((resolve, reject) => {
        const onAbort = () => {
          pending.delete(id);
          reject(signal.reason);
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve: (reading) => {
            signal.removeEventListener('abort', onAbort);
            resolve(reading);
          },
          reject: (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        worker.postMessage({ type: 'read', id } satisfies KubeWorkerRequest);
      });
    },
    async close() {
      worker.postMessage({ type: 'close' } satisfies KubeWorkerRequest);
      await worker.terminate();
    },
  };
}
