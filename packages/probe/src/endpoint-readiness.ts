import type { V1EndpointSlice } from '@kubernetes/client-node';

/**
 * Addresses of endpoints that can take traffic. `conditions.ready` unset means ready
 * (discovery.k8s.io/v1 EndpointConditions: "A nil value should be interpreted as true").
 */
export function countReadyEndpoints(slices: Iterable<V1EndpointSlice>): number {
  let ready = 0;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      if (endpoint.conditions?.terminating === true) continue;
      ready += endpoint.addresses?.length ?? 0;
    }
  }
  return ready;
}
