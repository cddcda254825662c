import { expect, test } from 'vitest';
import { buildShardJob, DEFAULT_SHARD_RESOURCES } from '../src/job.js';

const base = {
  namespace: 'load',
  runId: '20250101-abc123',
  shards: 3,
  image: 'prload:test',
  activeDeadlineSeconds: 400,
};

test('an Indexed Job of one pod per shard, never retried, suspended, deleted 600 s after it finished', () => {
  const job = buildShardJob(base);
  expect(job.metadata).toEqual({
    name: 'prload-load-20250101-abc123',
    namespace: 'load',
    labels: {
      'app.kubernetes.io/managed-by': 'prload',
      'app.kubernetes.io/component': 'shard',
      'prload.dev/run': '20250101-abc123',
    },
  });
  expect(job.spec).toMatchObject({
    completionMode: 'Indexed',
    completions: 3,
    parallelism: 3,
    backoffLimit: 0,
    ttlSecondsAfterFinished: 600,
    activeDeadlineSeconds: 400,
    suspend: true,
  });
});

test('the pods run `prload shard --spec <spec>` as the run ServiceAccount, with the node name from the downward API', () => {
  const pod = buildShardJob(base).spec?.template.spec;
  expect(pod?.serviceAccountName).toBe('prload-shard-20250101-abc123');
  expect(pod?.restartPolicy).toBe('Never');
  const [container] = pod?.containers ?? [];
  expect(container).toMatchObject({
    name: 'shard',
    image: 'prload:test',
    imagePullPolicy: 'IfNotPresent',
    args: ['shard', '--spec', 'prload-load-20250101-abc123'],
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    resources: DEFAULT_SHARD_RESOURCES,
    terminationMessagePolicy: 'FallbackToLogsOnError',
  });
  expect(DEFAULT_SHARD_RESOURCES).toEqual({ requests: { cpu: '250m', memory: '128Mi' } });
  expect(buildShardJob(base).spec?.template.metadata?.labels).toEqual({
    'app.kubernetes.io/managed-by': 'prload',
    'app.kubernetes.io/component': 'shard',
    'prload.dev/run': '20250101-abc123',
  });
});

test('the pods spread one per node as far as the nodes allow', () => {
  expect(buildShardJob(base).spec?.template.spec?.topologySpreadConstraints).toEqual([
    {
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: {
        matchLabels: { 'prload.dev/run': '20250101-abc123', 'app.kubernetes.io/component': 'shard' },
      },
    },
  ]);
});

test('non-root, read-only root filesystem with a /tmp emptyDir, no privilege escalation, no capabilities', () => {
  const pod = buildShardJob(base).spec?.template.spec;
  expect(pod?.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: 65532,
    runAsGroup: 65532,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  const [container] = pod?.containers ?? [];
  expect(container?.securityContext).toEqual({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(container?.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  expect(pod?.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
});

test('nodeSelector, tolerations, resources, pull policy and ttl are passed through', () => {
  const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'load', effect: 'NoSchedule' }];
  const resources = { requests: { cpu: '1' }, limits: { memory: '1Gi' } };
  const job = buildShardJob({
    ...base,
    nodeSelector: { pool: 'load' },
    tolerations,
    resources,
    imagePullPolicy: 'Never',
    ttlSecondsAfterFinished: 30,
    suspend: false,
  });
  const pod = job.spec?.template.spec;
  expect(pod?.nodeSelector).toEqual({ pool: 'load' });
  expect(pod?.tolerations).toEqual(tolerations);
  expect(pod?.containers[0]?.resources).toEqual(resources);
  expect(pod?.containers[0]?.imagePullPolicy).toBe('Never');
  expect(job.spec?.ttlSecondsAfterFinished).toBe(30);
  expect(job.spec?.suspend).toBe(false);
});

test('without nodeSelector or tolerations the pod spec has neither key', () => {
  const pod = buildShardJob(base).spec?.template.spec ?? {};
  expect('nodeSelector' in pod).toBe(false);
  expect('tolerations' in pod).toBe(false);
});
