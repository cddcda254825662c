import type { KubeApis } from './kube.js';
import { isNotFound, kubeCall, requestOptions } from './kube.js';
import { LABELS } from './names.js';

/** A kind of object a run creates, and how to delete one. */
type Deletable = 'Job' | 'ConfigMap' | 'RoleBinding' | 'Role' | 'ServiceAccount';

/** Jobs first, so their pods stop before their RBAC goes; the rest in reverse order of creation. */
const ORDER: readonly Deletable[] = ['Job', 'ConfigMap', 'RoleBinding', 'Role', 'ServiceAccount'];

/**
 * What a run created, to delete at its end: only what this run created, so a run id that collided with
 * another run's objects never deletes them. Deleting twice is harmless (404 counts as deleted).
 */
export class RunObjects {
  readonly #apis: KubeApis;
  readonly #namespace: string;
  readonly #runId: string;
  readonly #created = new Map<string, { kind: Deletable; name: string }>();

  constructor(apis: KubeApis, namespace: string, runId: string) {
    this.#apis = apis;
    this.#namespace = namespace;
    this.#runId = runId;
  }

  created(kind: Deletable, name: string): void {
    this.#created.set(`${kind}/${name}`, { kind, name });
  }

  /**
   * Deletes everything created, each with propagationPolicy Background (the Job's pods and the spec's status
   * ConfigMaps go with them through their owner references). Never throws: returns one line per object it
   * could not delete, with the command that deletes the run by hand.
   */
  async deleteAll(signal: AbortSignal): Promise<string[]> {
    const left: string[] = [];
    const objects = [...this.#created.values()].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    for (const { kind, name } of objects) {
      try {
        await this.#delete(kind, name, signal);
        this.#created.delete(`${kind}/${name}`);
      } catch (error) {
        if (isNotFound(error)) this.#created.delete(`${kind}/${name}`);
        else left.push(`${kind}/${name}: ${(error as Error).message}`);
      }
    }
    if (left.length > 0) {
      left.push(
        `delete them by hand: kubectl delete job,configmap,rolebinding,role,serviceaccount -n ${this.#namespace} -l ${LABELS.run}=${this.#runId}`,
      );
    }
    return left;
  }

  async #delete(kind: Deletable, name: string, signal: AbortSignal): Promise<void> {
    const { core, batch, rbac } = this.#apis;
    const namespace = this.#namespace;
    const request = { name, namespace, propagationPolicy: 'Background' };
    const opts = await requestOptions(signal);
    await kubeCall(`deleting ${kind} ${namespace}/${name}`, signal, async () => {
      switch (kind) {
        case 'Job':
          return batch.deleteNamespacedJob(request, opts);
        case 'ConfigMap':
          return core.deleteNamespacedConfigMap(request, opts);
        case 'RoleBinding':
          return rbac.deleteNamespacedRoleBinding(request, opts);
        case 'Role':
          return rbac.deleteNamespacedRole(request, opts);
        case 'ServiceAccount':
          return core.deleteNamespacedServiceAccount(request, opts);
      }
    });
  }
}
