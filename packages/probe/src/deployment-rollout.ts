import type { V1Deployment } from '@kubernetes/client-node';

export interface RolloutStatus {
  /** The rollout finished: every desired replica runs the new template and is available. */
  readonly done: boolean;
  /** Kubernetes gave up (ProgressDeadlineExceeded); waiting longer will not help. */
  readonly failed: boolean;
  /** Human-readable state, worded like `kubectl rollout status`. */
  readonly reason: string;
}

/**
 * `kubectl rollout status` semantics (kubectl/pkg/polymorphichelpers/rollout_status.go), so the
 * Available condition alone is not enough: it turns True as soon as minAvailable pods answer,
 * even while old ReplicaSet pods still serve traffic.
 */
export function isDeploymentRolledOut(dep: V1Deployment): RolloutStatus {
  const name = dep.metadata?.name ?? '<unnamed>';
  const generation = dep.metadata?.generation ?? 0;
  const status = dep.status ?? {};
  const observed = status.observedGeneration ?? 0;
  if (observed < generation) {
    return waiting(
      `deployment ${name}: waiting for the controller to observe generation ${generation} (seen ${observed})`,
    );
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    const detail = progressing.message ? `: ${progressing.message}` : '';
    return { done: false, failed: true, reason: `deployment ${name} exceeded its progress deadline${detail}` };
  }
  // The API server defaults spec.replicas to 1; an object without it is a hand-written sample.
  const desired = dep.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < desired) {
    return waiting(`deployment ${name}: ${updated} out of ${desired} new replicas have been updated`);
  }
  if (replicas > updated) {
    return waiting(`deployment ${name}: ${replicas - updated} old replicas are pending termination`);
  }
  if (available < updated) {
    return waiting(`deployment ${name}: ${available} of ${updated} updated replicas are available`);
  }
  return { done: true, failed: false, reason: `deployment ${name} successfully rolled out` };
}

function waiting(reason: string): RolloutStatus {
  return { done: false, failed: false, reason };
}
