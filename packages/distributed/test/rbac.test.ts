import { expect, test } from 'vitest';
import { buildShardRbac } from '../src/rbac.js';

const owner = { apiVersion: 'batch/v1', kind: 'Job', name: 'prload-load-r1', uid: 'u-1' };

test('the shards may list and watch the spec, create ConfigMaps and patch their own statuses, nothing else', () => {
  const { role } = buildShardRbac({ namespace: 'load', runId: 'r1', shards: 2, owner });
  expect(role.rules).toEqual([
    { apiGroups: [''], resources: ['configmaps'], resourceNames: ['prload-load-r1'], verbs: ['list', 'watch'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
    {
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['prload-load-r1-shard-0', 'prload-load-r1-shard-1'],
      verbs: ['patch'],
    },
  ]);
});

test('ServiceAccount, Role and RoleBinding share one name, the run labels and the Job as owner', () => {
  const { serviceAccount, role, roleBinding } = buildShardRbac({ namespace: 'load', runId: 'r1', shards: 1, owner });
  for (const object of [serviceAccount, role, roleBinding]) {
    expect(object.metadata).toEqual({
      name: 'prload-shard-r1',
      namespace: 'load',
      labels: {
        'app.kubernetes.io/managed-by': 'prload',
        'app.kubernetes.io/component': 'rbac',
        'prload.dev/run': 'r1',
      },
      ownerReferences: [owner],
    });
  }
  expect(roleBinding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'prload-shard-r1' });
  expect(roleBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'prload-shard-r1', namespace: 'load' }]);
});
