import { setTimeout as wait } from 'node:timers/promises';
import type { V1OwnerReference } from '@kubernetes/client-node';
import { backoffDelay } from '@prload/probe';
import { isPermanentKubeStatus, kubeStatusCode } from '@prload/probe/internal';
import { isConflict, type KubeApis, kubeCall, mergePatchOptions, requestOptions } from './kube.js';
import { runNames } from './names.js';
import { buildStatusConfigMap, type ShardStatus, statusContent } from './shard-status.js';

/** How long one status write may retry through API errors that waiting can fix (a restarting API server). */
const WRITE_TIMEOUT_MS = 30_000;

/** Writes one shard's status ConfigMap: created by the first write, patched by the next. */
export class StatusWriter {
  readonly #apis: KubeApis;
  readonly #namespace: string;
  readonly #runId: string;
  readonly #owner: V1OwnerReference;
  #exists = false;

  constructor(apis: KubeApis, namespace: string, runId: string, owner: V1OwnerReference) {
    this.#apis = apis;
    this.#namespace = namespace;
    this.#runId = runId;
    this.#owner = owner;
  }

  /**
   * Writes `status`, retrying with backoff for up to 30 s: the result is what the run is for, and a shard
   * may outlive the caller's signal (SIGTERM) just to write it, so no signal of the caller's applies.
   */
  async write(status: ShardStatus): Promise<void> {
    const namespace = this.#namespace;
    const name = runNames(this.#runId).status(status.index);
    const signal = AbortSignal.timeout(WRITE_TIMEOUT_MS);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.#writeOnce(status, namespace, name, signal);
        this.#exists = true;
        return;
      } catch (error) {
        if (signal.aborted || isPermanentKubeStatus(kubeStatusCode(error))) throw error;
        await wait(backoffDelay(Math.min(attempt, 10)), undefined, { signal }).catch(() => {
          throw error;
        });
      }
    }
  }

  async #writeOnce(status: ShardStatus, namespace: string, name: string, signal: AbortSignal): Promise<void> {
    const { core } = this.#apis;
    if (!this.#exists) {
      const body = buildStatusConfigMap({ namespace, runId: this.#runId, status, owner: this.#owner });
      try {
        await kubeCall(`creating ConfigMap ${namespace}/${name}`, signal, async () =>
          core.createNamespacedConfigMap({ namespace, body }, await requestOptions(signal)),
        );
        return;
      } catch (error) {
        // Written by an earlier attempt whose answer was lost: patch it instead.
        if (!isConflict(error)) throw error;
        this.#exists = true;
      }
    }
    await kubeCall(`patching ConfigMap ${namespace}/${name}`, signal, async () =>
      core.patchNamespacedConfigMap({ name, namespace, body: statusContent(status) }, await mergePatchOptions(signal)),
    );
  }
}
