import { Worker } from 'node:worker_threads';
import { ResourceSourceUnavailableError, ResourcesError } from './errors.js';
import type { LocalProcess } from './process-source.js';
import type { ResourceSource, SourceReading } from './resource-source.js';
import type { SerializedError, SourceWorkerData, SourceWorkerReply, SourceWorkerRequest } from './source-worker.js';

function revive(error: SerializedError): Error {
  if (error.code === 'RESOURCES_UNAVAILABLE') return new ResourceSourceUnavailableError(error.message);
  return new ResourcesError(error.message);
}

/**
 * A source on a worker thread: each read crosses to it and back as one small message, so the load
 * generator's event loop sees only the finished figures. `processes`, when given, is sent with each
 * read (the local provider's process list changes as replicas start).
 */
export async function threadedSource(
  data: SourceWorkerData,
  options: { readonly signal?: AbortSignal; readonly processes?: () => readonly LocalProcess[] } = {},
): Promise<ResourceSource> {
  const worker = new Worker(new URL('./source-worker.js', import.meta.url), { workerData: data });
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
    worker.once('message', (reply: SourceWorkerReply) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (reply.type === 'ready') resolve(reply.name);
      else if (reply.type === 'failed') reject(revive(reply.error));
    });
    worker.once('exit', () => reject(exited));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  worker.on('message', (reply: SourceWorkerReply) => {
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
        const settle =
          <T>(done: (value: T) => void) =>
          (value: T) => {
            signal.removeEventListener('abort', onAbort);
            done(value);
          };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
        const processes = options.processes?.().map(({ workload, name, pid }) => ({ workload, name, pid }));
        worker.postMessage({ type: 'read', id, ...(processes ? { processes } : {}) } satisfies SourceWorkerRequest);
      });
    },
    async close() {
      if (!exited) worker.postMessage({ type: 'close' } satisfies SourceWorkerRequest);
      await worker.terminate();
    },
  };
}
