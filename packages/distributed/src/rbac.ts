import type { V1OwnerReference, V1Role, V1RoleBinding, V1ServiceAccount } from '@kubernetes/client-node';
import { runLabels, runNames } from './names.js';

/** The identity the shard pods run as, and exactly what it may do. */
export interface ShardRbac {
  readonly serviceAccount: V1ServiceAccount;
  readonly role: V1Role;
  readonly roleBinding: V1RoleBinding;
}

/**
 * The shards' ServiceAccount, Role and RoleBinding `prload-shard-<runId>`, owned by the Job. A shard reads the
 * spec ConfigMap (list and watch, which RBAC limits to one name when the request selects `metadata.name`),
 * creates its status ConfigMap (create cannot be limited to names: the object does not exist yet) and patches
 * it (limited to the run's status names). Nothing else: no get or list of other ConfigMaps, no Secrets.
 */
export function buildShardRbac(options: {
  readonly namespace: string;
  readonly runId: string;
  readonly shards: number;
  readonly owner: V1OwnerReference;
}): ShardRbac {
  const { namespace, runId } = options;
  const names = runNames(runId);
  const metadata = {
    name: names.rbac,
    namespace,
    labels: runLabels(runId, 'rbac'),
    ownerReferences: [options.owner],
  };
  const statusNames = Array.from({ length: options.shards }, (_, index) => names.status(index));
  return {
    serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    role: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [
        { apiGroups: [''], resources: ['configmaps'], resourceNames: [names.spec], verbs: ['list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: statusNames, verbs: ['patch'] },
      ],
    },
    roleBinding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.rbac },
      subjects: [{ kind: 'ServiceAccount', name: names.rbac, namespace }],
    },
  };
}
