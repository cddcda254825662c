import type { V1Job, V1ResourceRequirements, V1Toleration } from '@kubernetes/client-node';
import { LABELS, runLabels, runNames } from './names.js';

/** The non-root user of the prload image (distroless's `nonroot`, 65532). */
export const SHARD_UID = 65532;

/** What a shard requests by default: one event loop's worth of CPU for a modest rate, and its heap. */
export const DEFAULT_SHARD_RESOURCES: V1ResourceRequirements = { requests: { cpu: '250m', memory: '128Mi' } };

export interface ShardJobOptions {
  readonly namespace: string;
  readonly runId: string;
  readonly shards: number;
  /** The prload image; the pods run `prload shard --spec <spec ConfigMap>`. */
  readonly image: string;
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy?: string;
  /** @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default none */
  readonly tolerations?: readonly V1Toleration[];
  /** @default DEFAULT_SHARD_RESOURCES */
  readonly resources?: V1ResourceRequirements;
  /** The Job's whole life, start wait included: Kubernetes ends it (and its pods) after this. */
  readonly activeDeadlineSeconds: number;
  /** @default 600 */
  readonly ttlSecondsAfterFinished?: number;
  /**
   * Created suspended so that the objects it owns (spec, RBAC) exist before its pods are made.
   * @default true
   */
  readonly suspend?: boolean;
}

/**
 * The Indexed Job `prload-load-<runId>`: one pod per shard, JOB_COMPLETION_INDEX its index. backoffLimit 0
 * because a retried shard would start after the shared start and break the one timeline; the pods are
 * spread one per node as far as the nodes allow (a skew of 1 on kubernetes.io/hostname), since shards
 * sharing a node share its CPU and network and measure each other.
 */
export function buildShardJob(options: ShardJobOptions): V1Job {
  const { runId, shards } = options;
  const names = runNames(runId);
  const podLabels = runLabels(runId, 'shard');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: names.job, namespace: options.namespace, labels: runLabels(runId, 'shard') },
    spec: {
      completionMode: 'Indexed',
      completions: shards,
      parallelism: shards,
      backoffLimit: 0,
      activeDeadlineSeconds: options.activeDeadlineSeconds,
      ttlSecondsAfterFinished: options.ttlSecondsAfterFinished ?? 600,
      suspend: options.suspend ?? true,
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: names.rbac,
          restartPolicy: 'Never',
          enableServiceLinks: false,
          ...(options.nodeSelector ? { nodeSelector: { ...options.nodeSelector } } : {}),
          ...(options.tolerations ? { tolerations: [...options.tolerations] } : {}),
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { [LABELS.run]: runId, [LABELS.component]: 'shard' } },
            },
          ],
          securityContext: {
            runAsNonRoot: true,
            runAsUser: SHARD_UID,
            runAsGroup: SHARD_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'shard',
              image: options.image,
              imagePullPolicy: options.imagePullPolicy ?? 'IfNotPresent',
              args: ['shard', '--spec', names.spec],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              resources: options.resources ?? DEFAULT_SHARD_RESOURCES,
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              // Node writes nothing else; /tmp takes what a library might (the root filesystem is read-only).
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              // A crash before the status ConfigMap could say why leaves the last log lines in the pod's status.
              terminationMessagePolicy: 'FallbackToLogsOnError',
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}
