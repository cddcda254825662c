import type { V1Job } from '@kubernetes/client-node';
import type { RunObjects } from './cleanup.js';
import {
  type DistributedLoadOptions,
  type DistributedPlanOptions,
  RESULT_SLACK_MS,
  type Resolved,
  resolveOptions,
} from './distributed-options.js';
import { DistributedRunExistsError } from './errors.js';
import { DEFAULT_IMAGE } from './image.js';
import { buildShardJob } from './job.js';
import { isConflict, type KubeApis, kubeCall, mergePatchOptions, requestOptions } from './kube.js';
import type { RunNames } from './names.js';
import { ownerReference } from './owner.js';
import { buildShardRbac } from './rbac.js';
import { buildSpecConfigMap, type RunSpec } from './run-spec.js';

/**
 * Creates the Job suspended first: it owns every other object of the run, so its ttlSecondsAfterFinished
 * (and activeDeadlineSeconds, which bounds it) deletes the whole run even if this process dies. Its pods are
 * made only when it is resumed, once the ServiceAccount they run as and the spec they read exist.
 */
export async function createRun(
  apis: KubeApis,
  options: DistributedLoadOptions,
  names: RunNames,
  resolved: Resolved,
  objects: RunObjects,
  log: (line: string) => void,
): Promise<void> {
  const { namespace, runId, shards } = options;
  const signal = options.signal ?? new AbortController().signal;
  const opts = await requestOptions(signal);
  const { startTimeoutMs } = resolved;
  const body = shardJobOf(options, resolved);
  let job: V1Job;
  try {
    job = await kubeCall(`creating Job ${namespace}/${names.job}`, signal, () =>
      apis.batch.createNamespacedJob({ namespace, body }, opts),
    );
  } catch (error) {
    if (!isConflict(error)) throw error;
    throw new DistributedRunExistsError(
      `run ${runId}: Job ${namespace}/${names.job} already exists — use another run id, or delete the old run: kubectl delete job,configmap,rolebinding,role,serviceaccount -n ${namespace} -l prload.dev/run=${runId}`,
      { cause: error },
    );
  }
  objects.created('Job', names.job);
  const owner = ownerReference({ ...job, apiVersion: 'batch/v1', kind: 'Job' });
  const rbac = buildShardRbac({ namespace, runId, shards, owner });
  const create = async <T>(
    kind: 'ServiceAccount' | 'Role' | 'RoleBinding' | 'ConfigMap',
    name: string,
    call: () => Promise<T>,
  ) => {
    await kubeCall(`creating ${kind} ${namespace}/${name}`, signal, call);
    objects.created(kind, name);
  };
  await create('ServiceAccount', names.rbac, () =>
    apis.core.createNamespacedServiceAccount({ namespace, body: rbac.serviceAccount }, opts),
  );
  await create('Role', names.rbac, () => apis.rbac.createNamespacedRole({ namespace, body: rbac.role }, opts));
  await create('RoleBinding', names.rbac, () =>
    apis.rbac.createNamespacedRoleBinding({ namespace, body: rbac.roleBinding }, opts),
  );
  const spec: RunSpec = {
    version: 1,
    runId,
    shards,
    load: resolved.load,
    startTimeoutMs,
  };
  await create('ConfigMap', names.spec, () =>
    apis.core.createNamespacedConfigMap({ namespace, body: buildSpecConfigMap({ namespace, spec, owner }) }, opts),
  );
  await kubeCall(`resuming Job ${namespace}/${names.job}`, signal, async () =>
    apis.batch.patchNamespacedJob(
      { name: names.job, namespace, body: { spec: { suspend: false } } },
      await mergePatchOptions(signal),
    ),
  );
  log(
    `created Job ${namespace}/${names.job}: ${shards} shard${shards === 1 ? '' : 's'} of ${options.image ?? DEFAULT_IMAGE}`,
  );
}

/** The run's Job as createRun creates it (suspended), and as a dry run prints it. */
export function shardJobOf(options: DistributedPlanOptions, resolved: Resolved): V1Job {
  return buildShardJob({
    namespace: options.namespace,
    runId: options.runId,
    shards: options.shards,
    image: options.image ?? DEFAULT_IMAGE,
    ...(options.imagePullPolicy ? { imagePullPolicy: options.imagePullPolicy } : {}),
    ...(options.nodeSelector ? { nodeSelector: options.nodeSelector } : {}),
    ...(options.tolerations ? { tolerations: options.tolerations } : {}),
    ...(options.resources ? { resources: options.resources } : {}),
    ...(options.ttlSecondsAfterFinished !== undefined
      ? { ttlSecondsAfterFinished: options.ttlSecondsAfterFinished }
      : {}),
    activeDeadlineSeconds: Math.ceil((resolved.startTimeoutMs + resolved.runMs + RESULT_SLACK_MS) / 1000),
    suspend: true,
  });
}

/**
 * The Job a run would create for these options, without a cluster: what `--dry-run` prints. The same builder
 * and deadlines as runDistributedLoad; throws DistributedOptionsError for bad options as a run would.
 */
export function planDistributedLoad(options: DistributedPlanOptions): V1Job {
  return shardJobOf(options, resolveOptions(options));
}
