import type { V1OwnerReference } from '@kubernetes/client-node';

/** An object as its API server returned it: the uid is known. */
export interface OwnerObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly uid?: string };
}

/**
 * A reference that lets the garbage collector delete the dependent with its owner. Not `blockOwnerDeletion`:
 * setting it needs `update` on the owner's finalizers where OwnerReferencesPermissionEnforcement is on, and no
 * deletion here waits for dependents.
 */
export function ownerReference(owner: OwnerObject): V1OwnerReference {
  const { apiVersion, kind } = owner;
  const name = owner.metadata?.name;
  const uid = owner.metadata?.uid;
  if (!apiVersion || !kind || !name || !uid) {
    throw new Error(`ownerReference: ${kind ?? '?'}/${name ?? '?'} has no apiVersion, kind, name or uid`);
  }
  return { apiVersion, kind, name, uid };
}
