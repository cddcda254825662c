import { readFile } from 'node:fs/promises';
import {
  BatchV1Api,
  KubeConfig,
  loadYaml,
  RbacAuthorizationV1Api,
  type V1ConfigMap,
  type V1Pod,
  type V1Role,
} from '@kubernetes/client-node';
import {
  buildStatusConfigMap,
  ownerReference,
  readStartNotice,
  runNames,
  type ShardStatus,
  type StartNotice,
  statusContent,
} from '@prload/distributed/internal';
import { encodeResult, type LoadResult, runLoad } from '@prload/loadgen';
import { eventually } from '../support/eventually.js';
import { type Apis, apis, MERGE_PATCH } from '../support/kube.js';

/** The admin APIs plus the batch and RBAC clients a distributed run touches. */
export interface RunApis extends Apis {
  readonly batch: BatchV1Api;
  readonly rbac: RbacAuthorizationV1Api;
}

export function runApis(kc?: KubeConfig): RunApis {
  const base = apis(kc);
  return { ...base, batch: base.kc.makeApiClient(BatchV1Api), rbac: base.kc.makeApiClient(RbacAuthorizationV1Api) };
}

/** The run's spec ConfigMap, once the coordinator created it. */
export function specOf(api: RunApis, namespace: string, runId: string): Promise<V1ConfigMap> {
  const name = runNames(runId).spec;
  return eventually(`ConfigMap ${namespace}/${name}`, () =>
    api.core.readNamespacedConfigMap({ name, namespace }).catch(() => undefined),
  );
}

/** Polls the spec ConfigMap (with backoff) until its notice satisfies `wanted`. */
export function noticeOf(
  api: RunApis,
  namespace: string,
  runId: string,
  wanted: (notice: StartNotice) => boolean,
): Promise<StartNotice> {
  const name = runNames(runId).spec;
  return eventually(`a notice in ConfigMap ${namespace}/${name}`, async () => {
    const notice = readStartNotice(await api.core.readNamespacedConfigMap({ name, namespace }));
    return wanted(notice) ? notice : undefined;
  });
}

/** Plays a shard's side of the protocol: writes its status ConfigMap as runShard would. */
export async function writeStatus(api: RunApis, spec: V1ConfigMap, status: ShardStatus): Promise<void> {
  const namespace = spec.metadata?.namespace ?? '';
  const runId = spec.metadata?.labels?.['prload.dev/run'] ?? '';
  const name = runNames(runId).status(status.index);
  const exists = await api.core.readNamespacedConfigMap({ name, namespace }).then(
    () => true,
    () => false,
  );
  if (exists) {
    await api.core.patchNamespacedConfigMap({ name, namespace, body: statusContent(status) }, MERGE_PATCH);
    return;
  }
  const owner = ownerReference({ ...spec, apiVersion: 'v1', kind: 'ConfigMap' });
  await api.core.createNamespacedConfigMap({
    namespace,
    body: buildStatusConfigMap({ namespace, runId, status, owner }),
  });
}

/** A real shard result: runLoad's slice `index` of `count` against a loopback server, started at `startAt`. */
export function shardLoad(
  address: string,
  index: number,
  count: number,
  seed: number,
  startAt: number,
): Promise<LoadResult> {
  return runLoad({
    address,
    targets: [{ host: 'foo.localhost', expectBody: 'foo\n' }],
    rate: 40,
    durationMs: 500,
    seed,
    shard: { index, count },
    startAt,
  });
}

export function doneStatus(index: number, result: LoadResult, node: string): ShardStatus {
  return { index, state: 'done', node, noticeDelayMs: 1, result: encodeResult(result) };
}

/** The Job's pods, once there are `count` of them, each scheduled to a node. */
export function scheduledPods(api: RunApis, namespace: string, runId: string, count: number): Promise<V1Pod[]> {
  return eventually(`${count} scheduled pods of run ${runId}`, async () => {
    const pods = (await api.core.listNamespacedPod({ namespace, labelSelector: `prload.dev/run=${runId}` })).items;
    return pods.length === count && pods.every((p) => p.spec?.nodeName) ? pods : undefined;
  });
}

/** Every object of the run, by kind; an empty list for each once the run is cleaned up. */
export async function runObjects(api: RunApis, namespace: string, runId: string): Promise<Record<string, string[]>> {
  const labelSelector = `prload.dev/run=${runId}`;
  const names = (list: { items: { metadata?: { name?: string } }[] }) => list.items.map((i) => i.metadata?.name ?? '');
  return {
    jobs: names(await api.batch.listNamespacedJob({ namespace, labelSelector })),
    pods: names(await api.core.listNamespacedPod({ namespace, labelSelector })),
    configMaps: names(await api.core.listNamespacedConfigMap({ namespace, labelSelector })),
    serviceAccounts: names(await api.core.listNamespacedServiceAccount({ namespace, labelSelector })),
    roles: names(await api.rbac.listNamespacedRole({ namespace, labelSelector })),
    roleBindings: names(await api.rbac.listNamespacedRoleBinding({ namespace, labelSelector })),
  };
}

/** Waits (polling with backoff) until nothing of the run is left: Job, pods, ConfigMaps and RBAC. */
export function runGone(api: RunApis, namespace: string, runId: string): Promise<true> {
  return eventually(`every object of run ${runId} deleted`, async () => {
    const left = Object.values(await runObjects(api, namespace, runId)).flat();
    return left.length === 0 ? true : undefined;
  });
}

/**
 * A kubeconfig for ServiceAccount `name`: the admin kubeconfig's cluster with a token from the TokenRequest
 * API, so a test runs as exactly what that account's RBAC allows.
 */
export async function serviceAccountKubeConfig(api: RunApis, namespace: string, name: string): Promise<KubeConfig> {
  const token = await api.core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  const cluster = api.kc.getCurrentCluster();
  if (!cluster || !token.status?.token) throw new Error(`no token for ServiceAccount ${namespace}/${name}`);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name, token: token.status.token }],
    contexts: [{ name, cluster: cluster.name, user: name, namespace }],
    currentContext: name,
  });
  return kc;
}

/** A ServiceAccount bound to packages/distributed/rbac/coordinator-role.yaml: the README's coordinator identity. */
export async function coordinatorIdentity(api: RunApis, namespace: string): Promise<KubeConfig> {
  const file = new URL('../../packages/distributed/rbac/coordinator-role.yaml', import.meta.url);
  const role = loadYaml<V1Role>(await readFile(file, 'utf8'));
  const name = role.metadata?.name ?? 'prload-distributed';
  await api.rbac.createNamespacedRole({ namespace, body: { ...role, metadata: { ...role.metadata, namespace } } });
  await api.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'coordinator' } } });
  await api.rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: 'coordinator', namespace }],
    },
  });
  return serviceAccountKubeConfig(api, namespace, 'coordinator');
}
